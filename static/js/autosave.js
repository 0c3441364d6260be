/*
 * Autosave for the fill page.
 *
 * Each answer box saves itself a moment after the user stops typing. Until the server confirms a save, the
 * text is also kept in this browser (localStorage), so closing the tab, reloading or losing the network loses
 * nothing: the next visit restores it and saves it. Saves that fail for a passing reason (network, server
 * error, signed out) are retried with growing pauses; a save the server refuses says why. A save based on an
 * older version than the stored one (another window wrote since) is refused by the server with 409 and the
 * user chooses which text to keep.
 *
 * Without JavaScript none of this runs and the form's Save button posts every answer.
 */
(function () {
  "use strict";

  var form = document.getElementById("answers-form");
  if (!form || !window.fetch || !window.URLSearchParams) return;

  var DEBOUNCE_MS = 1000;
  var MAX_RETRY_MS = 30000;
  // The CSRF cookie is HttpOnly (no script can read it), so the token is the page's. Logging in again in
  // another tab rotates it: the server then answers 403 and the user is asked to reload; the text stays here.
  var csrfToken = form.querySelector("input[name=csrfmiddlewaretoken]").value;
  var summary = document.getElementById("save-summary");
  var answeredCount = document.getElementById("answered-count");
  var progressBar = document.getElementById("progress-bar");
  var savers = [];

  var STATES = {
    idle: "",
    pending: "Unsaved changes",
    saving: "Saving…",
    saved: "Saved",
    retrying: "Not saved — retrying",
    conflict: "Not saved — this answer changed since you opened it",
    refused: "Not saved",
    blocked: "Not saved", // signed out or the page is out of date: retrying cannot help, the user must act
  };

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // private mode or a locked-down browser: autosave still works, only the local copy is lost
    }
  }

  function AnswerSaver(section) {
    this.section = section;
    this.url = section.dataset.autosaveUrl;
    this.questionId = section.dataset.question;
    this.textarea = section.querySelector("textarea");
    this.versionInput = section.querySelector("input[name=\"version_" + this.questionId + "\"]");
    this.statusEl = section.querySelector("[data-status-for]");
    this.countEl = section.querySelector("[data-count-for]");
    this.conflictEl = section.querySelector("[data-conflict-for]");
    this.storageKey = "prepmeet:" + form.dataset.prep + ":" + this.questionId;
    this.state = "idle";
    this.dirty = false;
    this.inFlight = false;
    this.timer = null;
    this.retryDelay = 1000;

    this.textarea.addEventListener("input", this.onInput.bind(this));
    this.describeBoxWithStatus();
    this.restoreLocalCopy();
    this.updateCount();
  }

  /* A screen reader entering the box also hears its save state and, near the limit, the character count. */
  AnswerSaver.prototype.describeBoxWithStatus = function () {
    var ids = (this.textarea.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    [this.statusEl.id, this.countEl.id].forEach(function (id) {
      if (id && ids.indexOf(id) === -1) ids.push(id);
    });
    this.textarea.setAttribute("aria-describedby", ids.join(" "));
  };

  AnswerSaver.prototype.onInput = function () {
    this.dirty = true;
    this.keepLocalCopy();
    this.updateCount();
    if (this.state !== "conflict") {
      this.setState("pending");
      this.schedule(DEBOUNCE_MS);
    } else if (this.conflict) {
      this.conflict.mine("text", this.textarea.value);
    }
  };

  AnswerSaver.prototype.schedule = function (delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.save.bind(this), delay);
  };

  AnswerSaver.prototype.save = function (options) {
    if (!this.dirty || this.state === "conflict") return Promise.resolve();
    if (this.inFlight) {
      this.schedule(DEBOUNCE_MS);
      return Promise.resolve();
    }
    clearTimeout(this.timer);
    var self = this;
    var text = this.textarea.value;
    this.inFlight = true;
    // A retry keeps saying "retrying" (announced once), instead of "Saving…" then "retrying" at every attempt.
    if (this.state !== "retrying") this.setState("saving");
    return fetch(this.url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: Boolean(options && options.keepalive),
      headers: { "X-CSRFToken": csrfToken, "X-Requested-With": "fetch", Accept: "application/json" },
      body: new URLSearchParams({ text: text, version: this.versionInput.value }),
    })
      .then(function (response) {
        return self.handleResponse(response, text);
      })
      .catch(function () {
        self.retryLater("Not saved — no connection. Retrying…");
      })
      .then(function () {
        self.inFlight = false;
      });
  };

  AnswerSaver.prototype.handleResponse = function (response, sentText) {
    var self = this;
    var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
    if (response.redirected || !isJson) {
      // A redirect to the login page, or a proxy's error page: the user was signed out or the server is away.
      var signedOut = response.redirected || response.status === 403;
      if (signedOut) {
        return this.block(
          "Not saved — you are signed out. Log in again in another tab, then reload this page; your text is kept here."
        );
      }
      return this.retryLater("Not saved — the server did not answer. Retrying…");
    }
    return response.json().then(function (data) {
      if (response.ok) return self.onSaved(data, sentText);
      if (response.status === 409) {
        var savedText = (data.current || {}).text || "";
        // The stored text is the one sent (an earlier save of it arrived but its reply did not): saved.
        if (savedText === sentText && typeof data.current_version === "number") {
          return self.onSaved({ version: data.current_version }, sentText);
        }
        return self.showConflict(savedText, data.current_version, data.message, data.changed_at, data.changed_by);
      }
      if (response.status === 403) return self.block("Not saved — " + data.message);
      if (response.status >= 500 || response.status === 429) return self.retryLater();
      self.setState("refused", "Not saved — " + (data.message || "the server refused this answer."));
    });
  };

  AnswerSaver.prototype.onSaved = function (data, sentText) {
    this.versionInput.value = data.version;
    this.retryDelay = 1000;
    if (this.textarea.value === sentText) {
      this.dirty = false;
      this.dropLocalCopy();
      this.setState("saved");
    } else {
      this.keepLocalCopy(); // typed more while saving: the next save is already scheduled
      this.setState("pending");
    }
    if (typeof data.answered_count === "number") {
      answeredCount.textContent = data.answered_count;
      progressBar.value = data.answered_count;
    }
  };

  AnswerSaver.prototype.retryLater = function (message) {
    this.setState("retrying", message);
    this.schedule(this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
  };

  /* Signed out or out of date: no more retries (each would fail the same way); the message says what to do, and
     typing in the box again tries once more. */
  AnswerSaver.prototype.block = function (message) {
    clearTimeout(this.timer);
    this.retryDelay = 1000;
    this.setState("blocked", message);
  };

  /* Conflict: the box keeps her text; both texts are shown side by side (js/conflict.js) to choose from. */
  AnswerSaver.prototype.showConflict = function (savedText, savedVersion, message, changedAt, changedBy) {
    var self = this;
    clearTimeout(this.timer);
    var said = message || "This answer was changed in another window or device after you started typing here.";
    this.setState("conflict", window.prepmeetConflict.notSaved(said) + " Choose which text to keep.");
    this.conflictEl.textContent = "";
    this.conflict = window.prepmeetConflict.show({
      message: said,
      changedBy: changedBy,
      changedAt: changedAt,
      fields: [
        {
          name: "text",
          controls: [this.textarea],
          mine: this.textarea.value,
          theirs: savedText,
          current: function () {
            return self.textarea.value;
          },
        },
      ],
      place: function (box) {
        self.conflictEl.append(box);
        self.conflictEl.hidden = false;
      },
      choose: function (values) {
        self.resolveConflict(savedVersion, values.text, savedText);
      },
    });
  };

  /* Her choice: the text to keep, saved on the stored version unless it is the stored text itself. */
  AnswerSaver.prototype.resolveConflict = function (savedVersion, text, savedText) {
    this.conflict.remove();
    this.conflict = null;
    this.conflictEl.hidden = true;
    this.versionInput.value = savedVersion;
    this.state = "idle";
    this.textarea.value = text;
    if (text === savedText) {
      this.dirty = false;
      this.dropLocalCopy();
      this.setState("saved");
    } else {
      this.dirty = true;
      this.keepLocalCopy();
      this.save();
    }
    this.updateCount();
    this.textarea.focus();
  };

  /* The local copy: what the user typed and the version it was based on, until the server has it. */
  AnswerSaver.prototype.keepLocalCopy = function () {
    var store = storage();
    if (!store) return;
    try {
      store.setItem(
        this.storageKey,
        JSON.stringify({ text: this.textarea.value, version: this.versionInput.value, at: Date.now() })
      );
    } catch (e) {
      /* storage full: the server save still runs */
    }
  };

  AnswerSaver.prototype.dropLocalCopy = function () {
    var store = storage();
    if (store) store.removeItem(this.storageKey);
  };

  AnswerSaver.prototype.restoreLocalCopy = function () {
    var store = storage();
    var copy = null;
    try {
      copy = store && JSON.parse(store.getItem(this.storageKey) || "null");
    } catch (e) {
      copy = null;
    }
    if (!copy || typeof copy.text !== "string" || copy.text === this.textarea.value) {
      this.dropLocalCopy();
      return;
    }
    var serverText = this.textarea.value;
    this.textarea.value = copy.text;
    this.dirty = true;
    if (String(copy.version) === this.versionInput.value) {
      this.setState("pending", "Restored text you typed that had not been saved yet — saving…");
      this.schedule(0);
    } else {
      this.showConflict(
        serverText,
        this.versionInput.value,
        "This answer was saved again after the text kept in this browser was typed."
      );
    }
  };

  AnswerSaver.prototype.updateCount = function () {
    var max = this.textarea.maxLength;
    var length = this.textarea.value.length;
    if (max > 0 && length >= max * 0.8) {
      this.countEl.textContent = length.toLocaleString() + " of " + max.toLocaleString() + " characters";
      this.countEl.classList.toggle("text-danger", length >= max);
    } else {
      this.countEl.textContent = "";
    }
  };

  AnswerSaver.prototype.setState = function (state, message) {
    this.state = state;
    var text = message || STATES[state];
    this.statusEl.textContent = text;
    this.statusEl.dataset.state = state;
    this.message = text;
    announce();
  };

  /* One polite live region for the whole page, so a screen reader hears each change once. */
  var lastAnnounced = "";
  function announce() {
    var states = savers.map(function (saver) {
      return saver.state;
    });
    var text = "";
    var first = function (state) {
      return savers[states.indexOf(state)];
    };
    if (first("conflict")) text = first("conflict").message;
    else if (first("blocked")) text = first("blocked").message;
    else if (states.indexOf("refused") !== -1) text = "Some answers are not saved — see the message under the box.";
    else if (states.indexOf("retrying") !== -1) text = STATES.retrying;
    else if (states.indexOf("saving") !== -1) text = STATES.saving;
    else if (states.indexOf("pending") !== -1) text = STATES.pending; // never a stale "All changes saved"
    else if (states.indexOf("saved") !== -1) text = "All changes saved";
    if (text && text !== lastAnnounced) {
      summary.textContent = text;
      summary.dataset.state = text === "All changes saved" ? "saved" : "busy";
      lastAnnounced = text;
    }
  }

  function unsaved() {
    return savers.some(function (saver) {
      return saver.dirty || saver.inFlight;
    });
  }

  Array.prototype.forEach.call(form.querySelectorAll("section[data-autosave-url]"), function (section) {
    savers.push(new AnswerSaver(section));
  });
  announce();

  // Other savers on the page (js/rowsave.js: roster rows, expected questions) share the live region, the
  // Save button and the guards below: each has state, message, dirty, inFlight, save(options), schedule(ms).
  window.prepmeetSaves = {
    add: function (saver) {
      savers.push(saver);
    },
    remove: function (saver) {
      var index = savers.indexOf(saver);
      if (index !== -1) savers.splice(index, 1);
      announce();
    },
    announce: announce,
    // Every pending save sent (before a form posts and the page reloads, e.g. adding a person).
    flush: function () {
      return Promise.all(
        savers.map(function (saver) {
          return saver.save();
        })
      );
    },
  };

  Array.prototype.forEach.call(document.querySelectorAll(".js-only"), function (el) {
    el.hidden = false;
  });

  // With JavaScript on, the Save button saves through the same path as autosave, so versions stay in step.
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    savers.forEach(function (saver) {
      saver.save();
    });
    if (!unsaved()) summary.textContent = "All changes saved";
  });

  window.addEventListener("online", function () {
    savers.forEach(function (saver) {
      if (saver.dirty) saver.schedule(0);
    });
  });

  // Leaving: send what is pending (keepalive lets the request outlive the page) and warn if anything is unsaved.
  window.addEventListener("pagehide", function () {
    savers.forEach(function (saver) {
      if (saver.dirty && !saver.inFlight) saver.save({ keepalive: true });
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
})();
