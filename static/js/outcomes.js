/* The outcome page: with JavaScript each row saves itself (js/rowsave.js), so the rows' Save buttons go. */
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll(".nojs-only"), function (el) {
    el.hidden = true;
  });
})();
