/*
 * Question 4's expected questions on the fill page (preps/_expected_questions.html).
 *
 * - As the director types a question (a new one or one on the list), the FAQ entries that may answer it are
 *   suggested after the field, best first, with the words that matched (the faq_suggestions endpoint), and
 *   announced politely. "Link this answer" links one: on the list it saves the row; in the add box it only
 *   marks the answer to link, and "Add the question" adds the question with its text, who may ask it and
 *   the marked answers together (nothing is added before she presses it, so no tick moves to another
 *   question). The linked answer and its sources then show under the question. What the add box holds (the
 *   text, the ticked askers, the marked answers) is kept in this browser until the question is added.
 * - Who may ask (checkboxes), unlink, move up/down, remove (asks first, then offers to undo) save here too.
 * - The question's and answer's text autosave through js/rowsave.js (the same row, its data-row-url); this
 *   script keeps the row's one version in step with it, so a save never races another from this page.
 *
 * Every save posts form data with the row's version; the server answers as for rowsave.js (200 saved, 409
 * conflict, 4xx {"status": "invalid", "message"}: core/saves.py, core/refusals.py). Without JavaScript none of this runs: each question has
 * its own edit page, where "Find FAQ answers" shows the suggestions.
 */
(function () {
  "use strict";

  var root = document.getElementById("expected-questions");
  // js/rowsave.js (loaded before this script) saves the rows' text; without it the edit pages do.
  if (!root || !window.fetch || !window.URLSearchParams || !window.prepmeetRowSave) return;

  var SUGGEST_DELAY_MS = 350;
  var list = document.getElementById("eq-list");
  var announcer = document.getElementById("eq-announce");
  var addBox = document.getElementById("eq-add");
  var pending = []; // the FAQ entries marked in the add box, linked when the question is added: {faq_id, question}

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function announce(text) {
    // Cleared first so the same words twice are announced twice.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }

  function post(url, fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      var value = fields[name];
      if (Array.isArray(value)) {
        if (!value.length) body.append(name, ""); // an empty list is one empty value
        value.forEach(function (item) {
          body.append(name, item);
        });
      } else {
        body.append(name, value);
      }
    });
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch", Accept: "application/json" },
      body: body,
    }).then(function (response) {
      var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
      if (!isJson || response.redirected) {
        return { ok: false, status: response.status, data: { message: "you are signed out or the page is out of date. Reload the page." } };
      }
      return response.json().then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    });
  }

  function failure(result) {
    if (result.status === 409) return "Not saved — this question was changed in another window. Reload the page to see it.";
    return "Not saved — " + ((result.data && result.data.message) || "the server refused this change.");
  }

  function reveal(container) {
    container.querySelectorAll("[data-eq-nojs]").forEach(function (el) {
      el.hidden = true;
    });
    container.querySelectorAll(".js-only").forEach(function (el) {
      el.hidden = false;
    });
  }

  /* --- one row: its version, shared with js/rowsave.js, and its saves one after another ---------------- */

  function saverOf(row) {
    var rows = window.prepmeetRowSave;
    return rows && rows.savers ? rows.savers[row.dataset.rowUrl] : null;
  }

  function versionOf(row) {
    var saver = saverOf(row);
    return saver && saver.version !== undefined ? saver.version : row.dataset.rowVersion;
  }

  function setVersion(row, version) {
    var saver = saverOf(row);
    if (saver) saver.setVersion(version);
    else row.dataset.rowVersion = version;
  }

  /* Wait for the text autosave of this row to settle, so this save names the version it left. */
  function settled(row) {
    var saver = saverOf(row);
    if (!saver) return Promise.resolve();
    if (saver.dirty && !saver.inFlight && saver.state !== "conflict") saver.save();
    return new Promise(function (resolve) {
      var waited = 0;
      (function check() {
        if (!saver.inFlight && (!saver.dirty || saver.state === "conflict" || waited > 10000)) return resolve();
        waited += 100;
        window.setTimeout(check, 100);
      })();
    });
  }

  function rowStatus(row, text) {
    var status = row.querySelector("[data-row-status]");
    if (status) status.textContent = text;
  }

  function saveRow(row, fields) {
    var chain = (row.eqChain || Promise.resolve()).then(function () {
      return settled(row).then(function () {
        rowStatus(row, "Saving…");
        return post(row.dataset.rowUrl, Object.assign({ version: versionOf(row) }, fields));
      });
    });
    row.eqChain = chain.then(
      function (result) {
        if (result.ok) {
          setVersion(row, result.data.version);
          rowStatus(row, "Saved");
        } else {
          rowStatus(row, failure(result));
        }
      },
      function () {
        rowStatus(row, "Not saved — no connection. Try again.");
      }
    );
    return chain.catch(function () {
      return { ok: false, status: 0, data: { message: "no connection. Try again." } };
    });
  }

  function saveAskers(row) {
    return saveRow(row, { askers: checkedAskers(row) }).then(function (result) {
      if (result.status === 409) askersConflict(row, result.data);
    });
  }

  /* Who may ask it, changed elsewhere meanwhile: both lists side by side (js/conflict.js) to choose from. */
  function askersConflict(row, data) {
    var boxes = Array.prototype.slice.call(row.querySelectorAll("[data-eq-asker]"));
    var theirs = ((data.current || {}).askers || []).map(String);
    var saver = saverOf(row);
    if (row.eqConflict) row.eqConflict.remove();
    var message = window.prepmeetConflict.notSaved(data.message) + " Choose which to keep.";
    if (saver) saver.setState("conflict", message);
    else rowStatus(row, message);
    row.eqConflict = window.prepmeetConflict.show({
      message: data.message,
      changedBy: data.changed_by,
      changedAt: data.changed_at,
      fields: [{ name: "askers", controls: boxes, mine: checkedAskers(row), theirs: theirs, label: "Who may ask it" }],
      place: function (box) {
        row.querySelector(".eq-askers").after(box);
      },
      choose: function (values) {
        row.eqConflict.remove();
        row.eqConflict = null;
        boxes.forEach(function (box) {
          box.checked = values.askers.indexOf(box.value) !== -1;
        });
        setVersion(row, data.current_version);
        if (saver) {
          saver.state = "idle";
          saver.setState(saver.dirty ? "pending" : "saved");
          if (saver.dirty) saver.schedule(0);
        }
        if (values.askers.slice().sort().join(",") !== theirs.slice().sort().join(",")) saveAskers(row);
        else rowStatus(row, "Saved");
        boxes[0].focus();
      },
    });
  }

  function linkedIds(row) {
    var linked = row.querySelector("[data-eq-linked]");
    var ids = linked && linked.dataset.linkedIds;
    return ids ? ids.split(",") : [];
  }

  function checkedAskers(container) {
    return Array.prototype.map.call(container.querySelectorAll("[data-eq-asker]:checked"), function (box) {
      return box.value;
    });
  }

  function textOf(row) {
    var field = row.querySelector("textarea[name=text]");
    return field ? field.value.trim() : "";
  }

  function replaceLinked(row, html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fresh = holder.firstElementChild;
    row.querySelector("[data-eq-linked]").replaceWith(fresh);
    reveal(fresh);
    return fresh;
  }

  function link(row, entry) {
    return saveRow(row, { faq_entries: linkedIds(row).concat([String(entry.faq_id)]) }).then(function (result) {
      if (!result.ok) return announce(failure(result));
      replaceLinked(row, result.data.linked_html);
      var heading = row.querySelector("[data-eq-faq=\"" + entry.faq_id + "\"] .eq-faq-title");
      if (heading) heading.focus();
      announce("Linked the FAQ answer “" + entry.question + "”. It shows under your question.");
      suggest(row.querySelector("[data-eq-question]"));
    });
  }

  function unlink(row, id, question) {
    return saveRow(row, {
      faq_entries: linkedIds(row).filter(function (linked) {
        return linked !== id;
      }),
    }).then(function (result) {
      if (!result.ok) return announce(failure(result));
      replaceLinked(row, result.data.linked_html);
      row.querySelector("[data-eq-question]").focus();
      announce("Unlinked the FAQ answer “" + question + "”.");
      suggest(row.querySelector("[data-eq-question]"));
    });
  }

  /* --- suggestions -------------------------------------------------------------------------------------- */

  function suggest(field) {
    var box = field.parentNode.querySelector("[data-eq-suggestions]");
    var row = field.closest(".eq-item");
    var query = field.value.trim();
    var ticket = (field.eqTicket || 0) + 1;
    field.eqTicket = ticket;
    if (!query) return show(box, field, [], row);
    var url = root.dataset.suggestUrl + "?q=" + encodeURIComponent(query.slice(0, 1000));
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        if (field.eqTicket !== ticket) return; // a newer query was sent meanwhile
        var linked = row ? linkedIds(row) : pendingIds();
        show(
          box,
          field,
          (data.suggestions || []).filter(function (s) {
            return linked.indexOf(String(s.faq_id)) === -1;
          }),
          row
        );
      })
      .catch(function () {
        /* no connection: no suggestions this time */
      });
  }

  function show(box, field, suggestions, row) {
    var key = suggestions
      .map(function (s) {
        return s.faq_id;
      })
      .join(",");
    if (box.dataset.shown === key) return;
    box.dataset.shown = key;
    box.textContent = "";
    box.hidden = !suggestions.length;
    if (!suggestions.length) return;
    var title = document.createElement("p");
    title.className = "small fw-semibold mb-1";
    title.id = field.id + "-suggestions-title";
    title.textContent = "FAQ answers that may fit, best first";
    var ul = document.createElement("ul");
    ul.setAttribute("aria-labelledby", title.id);
    suggestions.forEach(function (s) {
      var li = document.createElement("li");
      var question = document.createElement("span");
      question.className = "d-block";
      question.textContent = s.question;
      var matched = document.createElement("span");
      matched.className = "d-block small text-body-secondary";
      matched.textContent = "Matched: " + s.matched.join(", ");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "btn btn-sm btn-outline-primary mt-1";
      button.textContent = "Link this answer";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = ": " + s.question;
      button.append(hidden);
      button.addEventListener("click", function () {
        if (row) link(row, s);
        else mark(s);
      });
      li.append(question, matched, button);
      ul.append(li);
    });
    box.append(title, ul);
    announce(
      suggestions.length +
        (suggestions.length === 1 ? " FAQ answer may fit: " : " FAQ answers may fit. Best: ") +
        suggestions[0].question
    );
  }

  function watch(field) {
    var timer = null;
    function later() {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        suggest(field);
      }, SUGGEST_DELAY_MS);
    }
    field.addEventListener("input", later);
    return later;
  }

  /* --- adding, moving, removing ------------------------------------------------------------------------- */

  function rowFromHtml(html) {
    var holder = document.createElement("ul");
    holder.innerHTML = html.trim();
    return holder.firstElementChild;
  }

  function attachRow(row) {
    reveal(row);
    // attach() looks inside the element it is given, and the row itself carries data-row-url: give it the
    // list (rows attached before are skipped).
    window.prepmeetRowSave.attach(row.parentNode || row);
    var empty = document.getElementById("eq-empty");
    if (empty) empty.hidden = true;
  }

  /* --- the add box: the answers marked to link, kept until the question is added ------------------------- */

  function pendingIds() {
    return pending.map(function (entry) {
      return String(entry.faq_id);
    });
  }

  function showPending() {
    var holder = addBox.querySelector("[data-eq-pending]");
    var ul = holder.querySelector("ul");
    ul.textContent = "";
    holder.hidden = !pending.length;
    pending.forEach(function (entry) {
      var li = document.createElement("li");
      var title = document.createElement("span");
      title.className = "me-2";
      title.tabIndex = -1;
      title.dataset.eqPendingTitle = entry.faq_id;
      title.textContent = entry.question;
      var drop = document.createElement("button");
      drop.type = "button";
      drop.className = "btn btn-sm btn-link p-0 align-baseline";
      drop.textContent = "Don’t link";
      var hidden = document.createElement("span");
      hidden.className = "visually-hidden";
      hidden.textContent = ": " + entry.question;
      drop.append(hidden);
      drop.addEventListener("click", function () {
        unmark(entry);
      });
      li.append(title, drop);
      ul.append(li);
    });
  }

  function mark(entry) {
    if (pendingIds().indexOf(String(entry.faq_id)) === -1) pending.push({ faq_id: entry.faq_id, question: entry.question });
    showPending();
    keepDraft();
    var field = document.getElementById("eq-new-text");
    suggest(field);
    addBox.querySelector("[data-eq-pending-title=\"" + entry.faq_id + "\"]").focus();
    announce("The FAQ answer “" + entry.question + "” will be linked when you add the question.");
  }

  function unmark(entry) {
    pending = pending.filter(function (marked) {
      return String(marked.faq_id) !== String(entry.faq_id);
    });
    showPending();
    keepDraft();
    var field = document.getElementById("eq-new-text");
    suggest(field);
    field.focus();
    announce("The FAQ answer “" + entry.question + "” will not be linked.");
  }

  /* The add box's draft: the question typed, its ticked askers and the answers marked, kept in this browser
     as she types (a reload or another button of the page loses nothing) until the question is added. */
  var draftKey = "prepmeet:draft:" + root.dataset.createUrl;

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // a locked-down browser: the box still works, only the draft is not kept
    }
  }

  function keepDraft() {
    var store = storage();
    if (!store) return;
    var draft = { text: document.getElementById("eq-new-text").value, askers: checkedAskers(addBox), pending: pending };
    try {
      if (draft.text || draft.askers.length || pending.length) store.setItem(draftKey, JSON.stringify(draft));
      else store.removeItem(draftKey);
    } catch (e) {
      /* storage full: the text stays in the box */
    }
  }

  function dropDraft() {
    var store = storage();
    if (store) store.removeItem(draftKey);
  }

  /* Puts a kept draft back (askers no longer on the roster are left out) and shows its suggestions. */
  function restoreDraft() {
    var store = storage();
    var draft = null;
    try {
      draft = store && JSON.parse(store.getItem(draftKey) || "null");
    } catch (e) {
      draft = null;
    }
    if (!draft || typeof draft !== "object") return;
    var field = document.getElementById("eq-new-text");
    if (typeof draft.text === "string" && !field.value) field.value = draft.text;
    var askers = Array.isArray(draft.askers) ? draft.askers.map(String) : [];
    addBox.querySelectorAll("[data-eq-asker]").forEach(function (box) {
      if (askers.indexOf(box.value) !== -1) box.checked = true;
    });
    pending = (Array.isArray(draft.pending) ? draft.pending : []).filter(function (entry) {
      return entry && /^[0-9]+$/.test(String(entry.faq_id)) && typeof entry.question === "string";
    });
    showPending();
    keepDraft();
    if (field.value.trim()) {
      addBox.querySelector("[data-eq-add-status]").textContent = "Your question is not added yet: press “Add the question”.";
      suggest(field);
    }
  }

  function add() {
    var field = document.getElementById("eq-new-text");
    var status = addBox.querySelector("[data-eq-add-status]");
    if (!field.value.trim()) {
      status.textContent = "Write the question first.";
      field.focus();
      return;
    }
    var linked = pending.slice();
    var fields = { text: field.value, askers: checkedAskers(addBox), faq_entries: pendingIds() };
    status.textContent = "Adding…";
    post(root.dataset.createUrl, fields)
      .then(function (result) {
        if (!result.ok) {
          status.textContent = failure(result);
          return announce(status.textContent);
        }
        var row = rowFromHtml(result.data.html);
        list.append(row);
        attachRow(row);
        field.value = "";
        addBox.querySelectorAll("[data-eq-asker]").forEach(function (box) {
          box.checked = false;
        });
        pending = [];
        showPending();
        dropDraft();
        show(addBox.querySelector("[data-eq-suggestions]"), field, []);
        status.textContent = "Added.";
        field.focus();
        var names = linked.map(function (entry) {
          return "“" + entry.question + "”";
        });
        announce(
          "Added your question" +
            (names.length ? " with the FAQ answer " + names.join(" and ") + " linked under it" : "") +
            ". Write the next one here."
        );
      })
      .catch(function () {
        status.textContent = "Not added — no connection. Try again.";
      });
  }

  function move(row, direction, button) {
    settled(row)
      .then(function () {
        return post(row.dataset.moveUrl, { direction: direction });
      })
      .then(function (result) {
        if (!result.ok) return announce(failure(result));
        var before = Array.prototype.indexOf.call(list.children, row);
        result.data.order.forEach(function (id) {
          var item = document.getElementById("eq-" + id);
          if (item) list.append(item);
        });
        // Removed-question notices stay where they were relative to their neighbours: good enough.
        var after = Array.prototype.indexOf.call(list.children, row);
        button.focus();
        var where = "now question " + result.data.position + " of " + result.data.order.length;
        announce(before === after ? "Already " + (direction === "up" ? "first" : "last") + ": " + where + "." : "Moved " + direction + ": " + where + ".");
      })
      .catch(function () {
        announce("Not moved — no connection. Try again.");
      });
  }

  function askRemove(row, button) {
    var actions = button.parentNode;
    if (actions.querySelector("[data-eq-confirm]")) return;
    var confirm = document.createElement("span");
    confirm.dataset.eqConfirm = "";
    confirm.className = "d-inline-flex flex-wrap gap-2 align-items-center";
    confirm.setAttribute("role", "group");
    confirm.setAttribute("aria-label", "Remove this question?");
    var text = document.createElement("span");
    text.className = "small fw-semibold";
    text.textContent = "Remove this question?";
    var yes = document.createElement("button");
    yes.type = "button";
    yes.className = "btn btn-sm btn-danger";
    yes.textContent = "Yes, remove";
    var no = document.createElement("button");
    no.type = "button";
    no.className = "btn btn-sm btn-outline-secondary";
    no.textContent = "Keep it";
    confirm.append(text, yes, no);
    button.hidden = true;
    actions.append(confirm);
    yes.focus();
    no.addEventListener("click", function () {
      confirm.remove();
      button.hidden = false;
      button.focus();
    });
    yes.addEventListener("click", function () {
      remove(row);
    });
  }

  function remove(row) {
    var text = textOf(row);
    settled(row)
      .then(function () {
        return post(row.dataset.removeUrl, {});
      })
      .then(function (result) {
        if (!result.ok) return announce(failure(result));
        if (window.prepmeetRowSave) window.prepmeetRowSave.detach(row.dataset.rowUrl);
        var notice = document.createElement("li");
        notice.className = "eq-removed";
        var said = document.createElement("span");
        said.className = "me-2";
        said.textContent = "Removed “" + text + "”.";
        var undo = document.createElement("button");
        undo.type = "button";
        undo.className = "btn btn-sm btn-outline-primary";
        undo.textContent = "Undo";
        var hidden = document.createElement("span");
        hidden.className = "visually-hidden";
        hidden.textContent = ": put back “" + text + "”";
        undo.append(hidden);
        notice.append(said, undo);
        row.replaceWith(notice);
        undo.focus();
        announce("Removed the question. Undo puts it back.");
        if (result.data.removed) {
          undo.addEventListener("click", function () {
            putBack(notice, result.data.removed);
          });
        } else {
          undo.remove();
        }
      })
      .catch(function () {
        announce("Not removed — no connection. Try again.");
      });
  }

  function putBack(notice, removed) {
    post(root.dataset.createUrl, removed)
      .then(function (result) {
        if (!result.ok) return announce(failure(result));
        var row = rowFromHtml(result.data.html);
        notice.replaceWith(row);
        attachRow(row);
        row.querySelector("[data-eq-question]").focus();
        announce("Put the question back.");
      })
      .catch(function () {
        announce("Not put back — no connection. Try again.");
      });
  }

  /* --- wiring: one listener for the whole list, so rows added later need nothing more ------------------- */

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    var row = button && button.closest(".eq-item");
    if (!row) return;
    if (button.dataset.eqMove) move(row, button.dataset.eqMove, button);
    else if (button.hasAttribute("data-eq-remove")) askRemove(row, button);
    else if (button.dataset.eqUnlink) {
      var title = button.closest(".eq-faq").querySelector(".eq-faq-title");
      unlink(row, button.dataset.eqUnlink, title ? title.textContent.replace(/^From the FAQ: /, "") : "");
    }
  });

  list.addEventListener("change", function (event) {
    var box = event.target;
    var row = box.closest(".eq-item");
    if (row && box.hasAttribute("data-eq-asker")) saveAskers(row);
  });

  list.addEventListener("input", function (event) {
    if (event.target.hasAttribute("data-eq-question") && !event.target.eqWatched) {
      event.target.eqWatched = true;
      watch(event.target)(); // this first input too
    }
  });

  if (addBox) {
    watch(document.getElementById("eq-new-text"));
    addBox.addEventListener("input", keepDraft);
    addBox.addEventListener("change", keepDraft);
    addBox.querySelector("[data-eq-add]").addEventListener("click", function () {
      add();
    });
    restoreDraft();
  }

  reveal(root);
})();
