/* Progressive enhancement: show a print button; the browser's own print works without it. */
document.querySelectorAll("[data-send-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
