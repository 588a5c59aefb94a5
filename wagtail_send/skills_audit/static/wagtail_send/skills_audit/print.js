/* The summary's print button: shown only when script runs (CSP forbids inline handlers). */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-skills-print]"), function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
