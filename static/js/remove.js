/*
 * Remove at once, then Undo on the page: a link marked data-remove-now goes, without JavaScript, to a page
 * that asks first; with it, the removal is posted straight away (no question asked), once the saves in
 * flight are answered, and the page comes back with "Removed “…”. Undo" (a plain form post).
 */
(function () {
  "use strict";

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-remove-now]") : null;
    if (!link || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return; // a new tab: the page that asks
    event.preventDefault();
    if (link.getAttribute("aria-disabled") === "true") return;
    link.setAttribute("aria-disabled", "true"); // one removal per click
    var form = document.createElement("form");
    form.method = "post";
    form.action = link.href;
    form.hidden = true;
    var token = document.createElement("input");
    token.type = "hidden";
    token.name = "csrfmiddlewaretoken";
    token.value = csrfToken();
    form.appendChild(token);
    document.body.appendChild(form);
    var row = link.closest("[data-row-url]");
    var saver = window.prepmeetSaver;
    (saver ? saver.flush() : Promise.resolve()).then(function () {
      if (row && saver) saver.detach(row.dataset.rowUrl);
      form.submit();
    });
  });
})();
