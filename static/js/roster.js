/*
 * The roster on the fill page (questions 1 to 3), on top of js/saver.js (which saves each person's fields, and
 * sends pending saves before adding a person or Undo post the page and keeps the add box's text until then).
 *
 * - Move up / Move down: posted with fetch; the person's row (and their fields under questions 2 and 3) move
 *   on the page, focus stays on the button pressed, and the new place is announced. Without JavaScript the
 *   same buttons post the form and the page comes back at the person.
 * - Remove: asks first (the browser's confirm), then posts; the page comes back with "Undo", which puts the
 *   person back with every field (server-side, from the session). Without JavaScript Remove opens a page that
 *   asks.
 * - After a name, influence or stance is saved, the power map and its table are fetched again from the server.
 * - A name typed in question 1 shows at once in that person's labels under questions 2 and 3.
 */
(function () {
  "use strict";

  var roster = document.querySelector("[data-roster]");
  var saver = window.prepmeetSaver;
  if (!roster || !saver) return;

  var announcer = document.getElementById("roster-announcer");
  var MAP_FIELDS = { name: true, influence: true, stance: true };

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function say(text) {
    // Cleared first so the same words twice are announced twice.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }

  function nameOf(personId) {
    var el = document.querySelector("[data-name-for='" + personId + "']");
    return el ? el.textContent : "This person";
  }

  /* Reorder every list of people (the roster and the lists under questions 2 and 3) to ``order``. */
  function applyOrder(order) {
    var lists = [document.getElementById("roster-list")].concat(
      Array.prototype.slice.call(document.querySelectorAll("[data-person-list]"))
    );
    lists.forEach(function (list) {
      if (!list) return;
      order.forEach(function (id) {
        var item = list.querySelector(":scope > [data-person='" + id + "']");
        if (item) list.appendChild(item);
      });
    });
    order.forEach(function (id, index) {
      document.querySelectorAll("[data-number-for='" + id + "']").forEach(function (el) {
        el.textContent = index + 1;
      });
    });
    var rows = document.querySelectorAll("#roster-list > .roster-row");
    rows.forEach(function (row, index) {
      row.querySelector("[data-move=up]").disabled = index === 0;
      row.querySelector("[data-move=down]").disabled = index === rows.length - 1;
    });
  }

  document.querySelectorAll("form[data-roster-move]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var button = event.submitter;
      var direction = button && button.value;
      if (!direction) return;
      var personId = form.dataset.person;
      saver
        .post(form.action, { direction: direction })
        .then(function (result) {
          if (!result.ok) throw new Error(result.data.message || "the move was refused.");
          return result.data;
        })
        .then(function (data) {
          applyOrder(data.order);
          var place = data.order.indexOf(Number(personId)) + 1;
          var row = document.getElementById("person-" + personId);
          var target = button.disabled ? row.querySelector("[data-move=" + (direction === "up" ? "down" : "up") + "]") : button;
          if (target && !target.disabled) target.focus();
          else button.focus();
          say(nameOf(personId) + " moved to place " + place + " of " + data.order.length + ".");
          refreshMap();
        })
        .catch(function (error) {
          say("Not moved — " + (error.message || "no connection. Try again."));
        });
    });
  });

  // Remove: js/remove.js posts it at once (the page then offers Undo). Adding a person and Undo are plain
  // form posts: js/saver.js sends the pending saves first.

  /* The map and its table, as the server draws them now. */
  var mapRequest = null;
  function refreshMap() {
    var current = document.getElementById("power-map");
    if (!current) return;
    if (mapRequest) mapRequest.abort();
    mapRequest = new AbortController();
    fetch(current.dataset.mapUrl, { credentials: "same-origin", signal: mapRequest.signal })
      .then(function (response) {
        if (!response.ok) throw new Error("map not refreshed");
        return response.text();
      })
      .then(function (html) {
        var holder = document.createElement("template");
        holder.innerHTML = html.trim();
        var fresh = holder.content.querySelector("#power-map");
        var old = document.getElementById("power-map");
        if (fresh && old) old.replaceWith(fresh);
      })
      .catch(function () {
        /* the map catches up with the next save or reload */
      });
  }

  document.addEventListener("saver:saved", function (event) {
    var fields = (event.detail && event.detail.fields) || [];
    if (fields.some(function (name) { return MAP_FIELDS[name]; })) refreshMap();
  });

  roster.addEventListener("input", function (event) {
    var input = event.target;
    if (input.name !== "name") return;
    var row = input.closest(".roster-row");
    if (!row || !input.value.trim()) return;
    document.querySelectorAll("[data-name-for='" + row.dataset.person + "']").forEach(function (el) {
      el.textContent = input.value.trim();
    });
  });
})();
