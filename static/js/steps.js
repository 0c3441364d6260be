/*
 * A step of the meeting prep with JavaScript: its fields save as they change (js/autosave.js, js/rowsave.js),
 * so the no-JavaScript Save buttons are hidden.
 */
(function () {
  "use strict";

  if (!window.fetch) return;
  Array.prototype.forEach.call(document.querySelectorAll(".nojs-only"), function (el) {
    el.hidden = true;
  });
})();
