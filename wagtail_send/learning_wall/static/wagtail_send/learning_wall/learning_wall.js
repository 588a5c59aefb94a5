// The staff-meeting view's Print button (no inline script: the front end's CSP forbids it).
document.querySelectorAll("[data-lw-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
