/*
 * Folded examples stay folded on the next visit. Which question's example a director folded is kept in this
 * browser's localStorage (by question key, for every meeting prep: an example read once need not be read
 * again); unfolding it removes it. Without localStorage (private mode, storage off) the examples just open,
 * as they do without JavaScript.
 */
(function () {
  "use strict";

  var STORE = "prepmeet.folded-examples";

  function read() {
    try {
      var keys = JSON.parse(window.localStorage.getItem(STORE) || "[]");
      return Array.isArray(keys) ? keys.filter(function (k) { return typeof k === "string"; }) : [];
    } catch (e) {
      return [];
    }
  }

  function write(keys) {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(keys));
    } catch (e) {
      /* storage full or off: the fold lasts for this visit only */
    }
  }

  var folded = read();
  document.querySelectorAll("section[data-question] details.example").forEach(function (details) {
    var key = details.closest("section[data-question]").getAttribute("data-question");
    if (folded.indexOf(key) !== -1) details.open = false;
    details.addEventListener("toggle", function () {
      var keys = read().filter(function (k) { return k !== key; });
      if (!details.open) keys.push(key);
      write(keys);
    });
  });
})();
