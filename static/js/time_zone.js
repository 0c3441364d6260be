/* The account page: with no time zone chosen yet, suggest the browser's (the user still saves it). */
(function () {
  "use strict";
  var select = document.querySelector("select[data-from-browser]");
  var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!select || !zone) return;
  for (var i = 0; i < select.options.length; i++) {
    if (select.options[i].value === zone) {
      select.value = zone;
      var note = document.getElementById("time-zone-browser");
      if (note) note.hidden = false;
      return;
    }
  }
})();
