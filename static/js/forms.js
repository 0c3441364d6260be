/*
 * Forms sent back with errors start at the first field to fix: the browser's focus lands there, so a screen
 * reader reads the field's label and its error (tied to it by aria-describedby) straight away.
 */
(function () {
  "use strict";

  var invalid = document.querySelector("main [aria-invalid=true]");
  if (invalid) invalid.focus();
})();
