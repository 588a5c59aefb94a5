// The report's print button: shown only when JavaScript can run it (the page's CSP forbids
// inline handlers). Without it, the browser's own Print command does the same.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
