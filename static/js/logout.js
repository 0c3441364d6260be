/*
 * Logging out clears this browser's copy of unsaved changes and drafts (js/saver.js keeps them in localStorage
 * under "prepmeet:row:<url>" and "prepmeet:draft:<page>:..."), so the next person at a shared computer cannot
 * read them. The server also
 * sends Clear-Site-Data: "storage" with the logout response, which browsers honour over HTTPS.
 */
(function () {
  "use strict";
  var PREFIX = "prepmeet:";

  function clearDrafts() {
    var store;
    try {
      store = window.localStorage;
    } catch (error) {
      return;
    }
    if (!store) return;
    var keys = [];
    for (var index = 0; index < store.length; index += 1) {
      var key = store.key(index);
      if (key && key.indexOf(PREFIX) === 0) keys.push(key);
    }
    keys.forEach(function (key) {
      store.removeItem(key);
    });
  }

  document.querySelectorAll("form[data-logout]").forEach(function (form) {
    form.addEventListener("submit", clearDrafts);
  });
})();
