/*
 * Question 4's expected questions on the fill page (preps/_expected_questions.html): what is its own.
 *
 * - As the director types a question (a new one or one on the list), the FAQ entries that may answer it are
 *   suggested after the field, best first, with the words that matched (the faq_suggestions endpoint), and
 *   announced politely. "Link this answer" links one: on the list it saves the row; in the add box it only
 *   marks the answer to link, and "Add the question" adds the question with its text, who may ask it and
 *   the marked answers together (nothing is added before she presses it, so no tick moves to another
 *   question). The linked answer and its sources then show under the question.
 * - Move up/down and add post here, once the row's saves settled (Remove is js/remove.js's).
 * - Every field of a row saves through js/saver.js (loaded before this script): the text, the answer, who may
 *   ask, and the linked FAQ answers (a field with no control of its own: link and unlink set it, and a
 *   conflict on it is shown and chosen like any other). The add box's text and ticks are drafts of the saver
 *   (data-row-draft); the answers marked to link are kept here, in this browser, until the question is added.
 *
 * Without JavaScript none of this runs: each question has its own edit page, where "Find FAQ answers" shows
 * the suggestions.
 */
(function () {
  "use strict";

  var root = document.getElementById("expected-questions");
  var saver = window.prepmeetSaver;
  if (!root || !saver) return;

  var SUGGEST_DELAY_MS = 350;
  var list = document.getElementById("eq-list");
  var announcer = document.getElementById("eq-announce");
  var addBox = document.getElementById("eq-add");
  var pending = []; // the FAQ entries marked in the add box, linked when the question is added: {faq_id, question}

  function announce(text) {
    // Cleared first so the same words twice are announced twice.
    announcer.textContent = "";
    window.setTimeout(function () {
      announcer.textContent = text;
    }, 50);
  }

  var post = saver.post;

  function failure(result) {
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

  /* --- one row: its fields save through js/saver.js; the linked FAQ answers are one of them ---------------- */

  function saverOf(row) {
    return saver.saverOf(row);
  }

  function linkedIds(row) {
    if (row.eqLinked) return row.eqLinked.slice(); // chosen, not yet drawn by the server
    var linked = row.querySelector("[data-eq-linked]");
    var ids = linked && linked.dataset.linkedIds;
    return ids ? ids.split(",") : [];
  }

  /* The FAQ answers' titles (the sidebar's FAQ, linked ones, suggestions), to say a list of ids in words. */
  var titles = {};
  document.querySelectorAll("[data-faq-id]").forEach(function (entry) {
    titles[entry.dataset.faqId] = entry.textContent.trim();
  });
  function learnTitles(container) {
    container.querySelectorAll("[data-eq-faq]").forEach(function (entry) {
      var title = entry.querySelector(".eq-faq-title");
      if (title) titles[entry.dataset.eqFaq] = title.textContent.replace(/^From the FAQ: /, "").trim();
    });
  }

  function describeLinked(ids) {
    if (!ids || !ids.length) return "No FAQ answer linked";
    return ids
      .map(function (id) {
        return titles[id] || "FAQ answer " + id;
      })
      .join("; ");
  }

  /* The row's saver learns its field with no control: the FAQ answers linked under the question. */
  function defineLinked(row) {
    var rowSaver = saverOf(row);
    if (!rowSaver || rowSaver.has("faq_entries")) return;
    learnTitles(row);
    rowSaver.define("faq_entries", {
      label: "Linked FAQ answers",
      get: function () {
        return linkedIds(row);
      },
      set: function (ids) {
        row.eqLinked = ids.map(String);
      },
      describe: describeLinked,
    });
  }

  /* A save of the row that changed its links: the server draws them; say what happened. */
  function onSaved(event) {
    var row = event.target.closest(".eq-item");
    var detail = event.detail || {};
    if (!row || (detail.fields || []).indexOf("faq_entries") === -1 || !detail.data.linked_html) return;
    row.eqLinked = null;
    replaceLinked(row, detail.data.linked_html);
    if (row.eqAfterLink) row.eqAfterLink();
    row.eqAfterLink = null;
    suggest(row.querySelector("[data-eq-question]"));
  }

  function checkedAskers(container) {
    return Array.prototype.map.call(container.querySelectorAll("[data-eq-asker]:checked"), function (box) {
      return box.value;
    });
  }

  function replaceLinked(row, html) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var fresh = holder.firstElementChild;
    row.querySelector("[data-eq-linked]").replaceWith(fresh);
    reveal(fresh);
    learnTitles(fresh);
    return fresh;
  }

  function link(row, entry) {
    titles[String(entry.faq_id)] = entry.question;
    row.eqAfterLink = function () {
      var heading = row.querySelector("[data-eq-faq=\"" + entry.faq_id + "\"] .eq-faq-title");
      if (heading) heading.focus();
      announce("Linked the FAQ answer “" + entry.question + "”. It shows under your question.");
    };
    saverOf(row).set("faq_entries", linkedIds(row).concat([String(entry.faq_id)]));
  }

  function unlink(row, id, question) {
    row.eqAfterLink = function () {
      row.querySelector("[data-eq-question]").focus();
      announce("Unlinked the FAQ answer “" + question + "”.");
    };
    saverOf(row).set(
      "faq_entries",
      linkedIds(row).filter(function (linked) {
        return linked !== id;
      })
    );
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
    saver.attach(row);
    defineLinked(row);
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
    keepPending();
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
    keepPending();
    var field = document.getElementById("eq-new-text");
    suggest(field);
    field.focus();
    announce("The FAQ answer “" + entry.question + "” will not be linked.");
  }

  /* The answers marked to link, kept in this browser with the add box's drafts (a reload or another button of
     the page loses nothing) until the question is added. */
  var pendingKey = "prepmeet:draft:" + location.pathname + ":eq-pending";

  function keepPending() {
    try {
      if (pending.length) window.localStorage.setItem(pendingKey, JSON.stringify(pending));
      else window.localStorage.removeItem(pendingKey);
    } catch (e) {
      /* no storage: the marks stay on the page */
    }
  }

  /* Puts the kept marks back and, when the question's draft is there, shows its suggestions. */
  function restorePending() {
    var kept = null;
    try {
      kept = JSON.parse(window.localStorage.getItem(pendingKey) || "null");
    } catch (e) {
      kept = null;
    }
    pending = (Array.isArray(kept) ? kept : []).filter(function (entry) {
      return entry && /^[0-9]+$/.test(String(entry.faq_id)) && typeof entry.question === "string";
    });
    showPending();
    var field = document.getElementById("eq-new-text");
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
        keepPending();
        saver.dropDrafts(addBox);
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
    saverOf(row)
      .settle()
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

  /* --- wiring: one listener for the whole list, so rows added later need nothing more ------------------- */

  list.addEventListener("click", function (event) {
    var button = event.target.closest("button");
    var row = button && button.closest(".eq-item");
    if (!row) return;
    if (button.dataset.eqMove) move(row, button.dataset.eqMove, button);
    else if (button.dataset.eqUnlink) {
      var title = button.closest(".eq-faq").querySelector(".eq-faq-title");
      unlink(row, button.dataset.eqUnlink, title ? title.textContent.replace(/^From the FAQ: /, "") : "");
    }
  });

  list.addEventListener("saver:saved", onSaved);

  list.addEventListener("input", function (event) {
    if (event.target.hasAttribute("data-eq-question") && !event.target.eqWatched) {
      event.target.eqWatched = true;
      watch(event.target)(); // this first input too
    }
  });

  if (addBox) {
    watch(document.getElementById("eq-new-text"));
    addBox.querySelector("[data-eq-add]").addEventListener("click", function () {
      add();
    });
    restorePending();
  }

  reveal(root);
  list.querySelectorAll(".eq-item[data-row-url]").forEach(defineLinked);
})();
