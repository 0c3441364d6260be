/*
 * Autosave for rows: one saver per versioned record (a person on the roster, an expected question), with the
 * same guarantees as an answer box (js/autosave.js): saved a moment after typing stops (a select at once),
 * text kept in this browser until the server confirms it, retries with growing pauses, a 409 shows both values
 * side by side to choose from (js/conflict.js, loaded before this script).
 *
 * MARKUP CONTRACT (what a template writes; nothing else is needed)
 *
 *   <form id="person-form-12" method="post" action="/no-js/edit/url/">     (optional: the no-JS save)
 *     {% csrf_token %}<input type="hidden" name="version" value="3">
 *   </form>
 *   <div data-row-url="/preps/1/people/12/save/" data-row-version="3" data-row-form="person-form-12"
 *        data-row-label="Dana Whitfield">
 *     <label for="p12-name">Name</label> <input id="p12-name" name="name" form="person-form-12" value="...">
 *     <select name="stance" form="person-form-12">...</select>
 *     <span data-row-status id="p12-status"></span>      (the row's save state; an id joins aria-describedby)
 *   </div>
 *
 * - Every element with the same data-row-url is one record, wherever it is on the page (a person's row under
 *   question 1 and their fields under questions 2 and 3): one saver, one version, kept in step on all of them
 *   and in the hidden `version` input of the data-row-form form, so a plain submit posts the current version.
 * - The record's fields are the named inputs, selects and textareas inside those elements (not `version`,
 *   not `csrfmiddlewaretoken`, not [data-row-ignore]). Text saves 1 s after the last keystroke; selects,
 *   checkboxes and radios on change. Several checkboxes of one name are one field: the list of the ticked
 *   values (sent as that name repeated, or once empty).
 * - A submit button of the data-row-form with data-row-submit (add an item, move, remove) posts the form
 *   itself once the save in flight is answered: the form carries every field and the current version, so
 *   nothing typed is dropped. Any other submit (Enter in a field, a Save button) saves through this script.
 * - A save POSTs form data: `version` and each changed field, with the page's CSRF token (X-CSRFToken).
 *   The server answers JSON (core/saves.py's save_reply, core/refusals.py's json_refusal, for every saver):
 *     200 {"status": "saved", "version": n, "answered_count": n?}           (answered_count: the progress)
 *     409 {"status": "conflict", "message": "...", "current": {field: value}, "current_version": n}
 *     4xx {"status": "invalid", "message": "..."}                            (shown: "Not saved — message")
 *   403, a redirect or non-JSON: signed out (no retry); 5xx, 429 or no network: retried.
 * - After a save the first element fires a bubbling "rowsave:saved" event, detail {fields: [...], data}.
 * - A field with data-row-draft (and data-row-ignore: a new row not yet added) is not saved by this script but
 *   kept in this browser as she types and put back on the next load, until a data-row-submit button posts it.
 * - A 409 whose stored values are the ones sent (a save whose reply was lost, sent again) counts as saved.
 * - Rows added later: window.prepmeetRowSave.attach(container). Save states join the page's one live
 *   region (#save-summary, owned by js/autosave.js through window.prepmeetSaves) and its unload guards;
 *   on a page without answers (the brief) this script keeps them itself.
 */
(function () {
  "use strict";

  if (!window.fetch || !window.URLSearchParams) return;

  var DEBOUNCE_MS = 1000;
  var MAX_RETRY_MS = 30000;
  var IGNORED = { version: true, csrfmiddlewaretoken: true };
  var STATES = {
    idle: "",
    pending: "Unsaved changes",
    saving: "Saving…",
    saved: "Saved",
    retrying: "Not saved — retrying",
    conflict: "Not saved — changed since you opened it",
    refused: "Not saved",
    blocked: "Not saved",
  };
  var savers = {}; // by URL
  var shared = window.prepmeetSaves || pageSaves(); // the page's live region and unload guards

  /* Without js/autosave.js on the page: the live region (#save-summary) and the guards, for these savers. */
  function pageSaves() {
    var list = [];
    var summary = document.getElementById("save-summary");
    var last = "";
    function announce() {
      var states = list.map(function (saver) {
        return saver.state;
      });
      var text = "";
      ["conflict", "blocked", "refused", "retrying", "saving", "pending"].some(function (state) {
        var saver = list[states.indexOf(state)];
        if (saver) text = saver.message;
        return Boolean(saver);
      });
      if (!text && states.indexOf("saved") !== -1) text = "All changes saved";
      if (summary && text && text !== last) summary.textContent = last = text;
    }
    window.addEventListener("online", function () {
      list.forEach(function (saver) {
        if (saver.dirty) saver.schedule(0);
      });
    });
    window.addEventListener("pagehide", function () {
      list.forEach(function (saver) {
        if (saver.dirty && !saver.inFlight) saver.save({ keepalive: true });
      });
    });
    window.addEventListener("beforeunload", function (event) {
      var unsaved = list.some(function (saver) {
        return saver.dirty || saver.inFlight;
      });
      if (unsaved) {
        event.preventDefault();
        event.returnValue = "";
      }
    });
    return {
      add: function (saver) {
        list.push(saver);
      },
      remove: function (saver) {
        if (list.indexOf(saver) !== -1) list.splice(list.indexOf(saver), 1);
        announce();
      },
      announce: announce,
    };
  }

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null;
    }
  }

  function isInstant(control) {
    return control.tagName === "SELECT" || control.type === "checkbox" || control.type === "radio";
  }

  function isList(controls) {
    return controls.length > 1 && controls[0].type === "checkbox";
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function valueOf(controls) {
    if (isList(controls)) {
      return controls
        .filter(function (c) {
          return c.checked;
        })
        .map(function (c) {
          return c.value;
        });
    }
    for (var i = 0; i < controls.length; i++) {
      var c = controls[i];
      if (c.type === "checkbox" || c.type === "radio") {
        if (c.checked) return c.value;
      } else {
        return c.value;
      }
    }
    return "";
  }

  function setValue(controls, value) {
    controls.forEach(function (c) {
      if (Array.isArray(value)) c.checked = value.indexOf(c.value) !== -1;
      else if (c.type === "checkbox" || c.type === "radio") c.checked = c.value === value;
      else c.value = value;
    });
  }

  function RowSaver(url) {
    this.url = url;
    this.elements = [];
    this.fields = {}; // name -> [controls]
    this.dirty = false;
    this.dirtyFields = {};
    this.inFlight = false;
    this.state = "idle";
    this.message = "";
    this.timer = null;
    this.retryDelay = 1000;
    this.storageKey = "prepmeet:row:" + url;
    this.draftKey = "prepmeet:draft:" + url;
    this.drafts = []; // fields of a new row, kept here until the form posts them
  }

  RowSaver.prototype.add = function (element) {
    var self = this;
    this.elements.push(element);
    if (this.version === undefined) this.version = element.dataset.rowVersion;
    var statusIds = [];
    element.querySelectorAll("[data-row-status]").forEach(function (el) {
      if (el.id) statusIds.push(el.id);
    });
    element.querySelectorAll("[data-row-draft][name]").forEach(function (control) {
      self.drafts.push(control);
      control.addEventListener("input", self.keepDraft.bind(self));
    });
    element.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (control) {
      if (IGNORED[control.name] || control.hasAttribute("data-row-ignore") || control.type === "hidden") return;
      (self.fields[control.name] = self.fields[control.name] || []).push(control);
      control.addEventListener(isInstant(control) ? "change" : "input", function () {
        self.onInput(control.name, isInstant(control));
      });
      var ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      statusIds.forEach(function (id) {
        if (ids.indexOf(id) === -1) ids.push(id);
      });
      if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    });
    var formId = element.dataset.rowForm;
    var form = formId && document.getElementById(formId);
    if (form && !form.dataset.rowsaveBound) {
      form.dataset.rowsaveBound = "1";
      form.addEventListener("submit", function (event) {
        var submitter = event.submitter;
        if (submitter && submitter.hasAttribute("data-row-submit")) return self.submitAfterSave(event, form, submitter);
        // Enter in a field submits the row's no-JS form: save through the same path instead.
        event.preventDefault();
        if (!self.dirty && self.state === "idle") self.setState("saved"); // nothing to send: say it is all kept
        self.save();
      });
    }
  };

  /* The form posts itself (every field, the version) once no save is in flight, so the two never race. */
  RowSaver.prototype.submitAfterSave = function (event, form, submitter) {
    var self = this;
    clearTimeout(this.timer);
    if (this.inFlight) {
      event.preventDefault();
      this.request.then(function () {
        if (self.state !== "conflict") form.requestSubmit(submitter);
      });
      return;
    }
    if (this.state === "conflict") {
      event.preventDefault();
      return;
    }
    // The local copy stays until the next page shows the same values (restoreLocalCopy then drops it); the
    // new row's draft goes with this post, which adds it whichever button was pressed.
    this.dirty = false;
    this.submitting = true;
    this.dropDraft();
  };

  /* A new row's fields as typed, kept in this browser until a post takes them. */
  RowSaver.prototype.keepDraft = function () {
    var store = storage();
    if (!store) return;
    var draft = {};
    this.drafts.forEach(function (control) {
      if (control.value) draft[control.name] = control.value;
    });
    try {
      if (Object.keys(draft).length) store.setItem(this.draftKey, JSON.stringify(draft));
      else store.removeItem(this.draftKey);
    } catch (e) {
      /* storage full: the text stays in the field */
    }
  };

  RowSaver.prototype.dropDraft = function () {
    var store = storage();
    if (store) store.removeItem(this.draftKey);
  };

  /* Puts a kept draft back into the new row's empty fields (a field the page already fills, e.g. a post
     shown again with an error, keeps what the page says). */
  RowSaver.prototype.restoreDraft = function () {
    var store = storage();
    var draft = null;
    try {
      draft = store && JSON.parse(store.getItem(this.draftKey) || "null");
    } catch (e) {
      draft = null;
    }
    if (!draft || typeof draft !== "object") return;
    this.drafts.forEach(function (control) {
      if (!control.value && typeof draft[control.name] === "string") control.value = draft[control.name];
    });
    this.keepDraft();
  };

  RowSaver.prototype.onInput = function (name, instant) {
    this.dirty = true;
    this.dirtyFields[name] = true;
    this.keepLocalCopy();
    if (this.state !== "conflict") {
      this.setState("pending");
      this.schedule(instant ? 0 : DEBOUNCE_MS);
    } else if (this.conflict) {
      this.conflict.mine(name, valueOf(this.fields[name]));
    }
  };

  RowSaver.prototype.schedule = function (delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.save.bind(this), delay);
  };

  RowSaver.prototype.setVersion = function (version) {
    this.version = String(version);
    var formId = null;
    this.elements.forEach(function (element) {
      element.dataset.rowVersion = version;
      formId = formId || element.dataset.rowForm;
    });
    var form = formId && document.getElementById(formId);
    var input = form && form.querySelector("input[name=version]");
    if (input) input.value = version;
  };

  RowSaver.prototype.save = function (options) {
    if (!this.dirty || this.state === "conflict") return Promise.resolve();
    if (this.inFlight) {
      this.schedule(DEBOUNCE_MS);
      return Promise.resolve();
    }
    clearTimeout(this.timer);
    var self = this;
    var sent = {};
    var body = new URLSearchParams({ version: this.version });
    Object.keys(this.dirtyFields).forEach(function (name) {
      sent[name] = valueOf(self.fields[name]);
      [].concat(sent[name].length || !Array.isArray(sent[name]) ? sent[name] : [""]).forEach(function (value) {
        body.append(name, value);
      });
    });
    this.inFlight = true;
    if (this.state !== "retrying") this.setState("saving"); // a retry is announced once, not at each attempt
    return (this.request = fetch(this.url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: Boolean(options && options.keepalive),
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch", Accept: "application/json" },
      body: body,
    })
      .then(function (response) {
        return self.handleResponse(response, sent);
      })
      .catch(function () {
        self.retryLater("Not saved — no connection. Retrying…");
      })
      .then(function () {
        self.inFlight = false;
      }));
  };

  RowSaver.prototype.handleResponse = function (response, sent) {
    var self = this;
    var isJson = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
    if (response.redirected || !isJson) {
      if (response.redirected || response.status === 403) {
        return this.block("Not saved — you are signed out. Log in again in another tab, then reload this page.");
      }
      return this.retryLater("Not saved — the server did not answer. Retrying…");
    }
    return response.json().then(function (data) {
      if (response.ok) return self.onSaved(data, sent);
      if (response.status === 409) {
        var current = data.current || {};
        var confirmed = Object.keys(sent).every(function (name) {
          return name in current && same(current[name], sent[name]);
        });
        // What was sent is what is stored (an earlier save of it arrived but its reply did not): saved.
        if (confirmed && typeof data.current_version === "number") return self.onSaved({ version: data.current_version }, sent);
        return self.showConflict(current, data.current_version, data.message, data.changed_at, data.changed_by);
      }
      if (response.status === 403) return self.block("Not saved — " + data.message);
      if (response.status >= 500 || response.status === 429) return self.retryLater();
      self.setState("refused", "Not saved — " + (data.message || "the server refused this change."));
    });
  };

  RowSaver.prototype.onSaved = function (data, sent) {
    var self = this;
    this.setVersion(data.version);
    this.retryDelay = 1000;
    Object.keys(sent).forEach(function (name) {
      if (same(valueOf(self.fields[name]), sent[name])) delete self.dirtyFields[name];
    });
    this.dirty = Object.keys(this.dirtyFields).length > 0;
    if (this.dirty) {
      this.keepLocalCopy(); // typed more while saving: the next save is scheduled
      this.setState("pending");
      this.schedule(DEBOUNCE_MS);
    } else {
      this.dropLocalCopy();
      this.setState("saved");
    }
    if (typeof data.answered_count === "number") {
      var count = document.getElementById("answered-count");
      var bar = document.getElementById("progress-bar");
      if (count) count.textContent = data.answered_count;
      if (bar) bar.value = data.answered_count;
    }
    if (this.elements.length) {
      this.elements[0].dispatchEvent(
        new CustomEvent("rowsave:saved", { bubbles: true, detail: { fields: Object.keys(sent), data: data } })
      );
    }
  };

  RowSaver.prototype.retryLater = function (message) {
    this.setState("retrying", message);
    this.schedule(this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
  };

  RowSaver.prototype.block = function (message) {
    clearTimeout(this.timer);
    this.retryDelay = 1000;
    this.setState("blocked", message);
  };

  /* Conflict: the fields keep her values; each field that differs is shown with the stored value side by side
     (js/conflict.js), under the first of them. */
  RowSaver.prototype.showConflict = function (current, currentVersion, message, changedAt, changedBy) {
    var self = this;
    clearTimeout(this.timer);
    this.clearConflict();
    var names = Object.keys(current).filter(function (name) {
      return self.fields[name];
    });
    var differing = names.filter(function (name) {
      return !same(valueOf(self.fields[name]), current[name]);
    });
    if (differing.length) names = differing;
    var said = message || "This was changed in another window or device after you started typing here.";
    this.setState("conflict", window.prepmeetConflict.notSaved(said) + " Choose which to keep.");
    var anchor = names.length ? this.fields[names[0]][0] : null;
    this.conflict = window.prepmeetConflict.show({
      message: said,
      changedBy: changedBy,
      changedAt: changedAt,
      fields: names.map(function (name) {
        return {
          name: name,
          controls: self.fields[name],
          mine: valueOf(self.fields[name]),
          theirs: current[name],
          current: function () {
            return valueOf(self.fields[name]);
          },
        };
      }),
      place: function (box) {
        var container = anchor && (anchor.closest("[data-row-field]") || anchor.closest(".mb-3") || anchor.parentNode);
        if (container && container.parentNode) container.parentNode.insertBefore(box, container.nextSibling);
        else if (self.elements.length) self.elements[0].append(box);
      },
      choose: function (values) {
        self.resolveConflict(currentVersion, values, current, anchor);
      },
    });
  };

  RowSaver.prototype.clearConflict = function () {
    if (this.conflict) this.conflict.remove();
    this.conflict = null;
  };

  /* Her choice: the values to keep, saved on the stored version where they differ from the stored ones. */
  RowSaver.prototype.resolveConflict = function (currentVersion, values, current, focusTarget) {
    var self = this;
    this.clearConflict();
    this.setVersion(currentVersion);
    this.state = "idle";
    Object.keys(values).forEach(function (name) {
      setValue(self.fields[name], values[name]);
      if (same(values[name], current[name])) delete self.dirtyFields[name];
      else self.dirtyFields[name] = true;
    });
    this.dirty = Object.keys(this.dirtyFields).length > 0;
    if (this.dirty) {
      this.keepLocalCopy();
      this.save();
    } else {
      this.dropLocalCopy();
      this.setState("saved");
    }
    if (focusTarget) focusTarget.focus();
  };

  /* The local copy: the changed fields and the version they were based on, until the server has them. */
  RowSaver.prototype.keepLocalCopy = function () {
    var store = storage();
    if (!store) return;
    var self = this;
    var fields = {};
    Object.keys(this.dirtyFields).forEach(function (name) {
      fields[name] = valueOf(self.fields[name]);
    });
    try {
      store.setItem(this.storageKey, JSON.stringify({ version: this.version, fields: fields, at: Date.now() }));
    } catch (e) {
      /* storage full: the server save still runs */
    }
  };

  RowSaver.prototype.dropLocalCopy = function () {
    var store = storage();
    if (store) store.removeItem(this.storageKey);
  };

  RowSaver.prototype.restoreLocalCopy = function () {
    var store = storage();
    var copy = null;
    try {
      copy = store && JSON.parse(store.getItem(this.storageKey) || "null");
    } catch (e) {
      copy = null;
    }
    if (!copy || !copy.fields) return;
    var self = this;
    var server = {};
    Object.keys(copy.fields).forEach(function (name) {
      var controls = self.fields[name];
      var kept = copy.fields[name];
      if (!controls || isList(controls) !== Array.isArray(kept) || (!Array.isArray(kept) && typeof kept !== "string")) return;
      if (same(valueOf(controls), kept)) return;
      server[name] = valueOf(controls);
      setValue(controls, copy.fields[name]);
      self.dirtyFields[name] = true;
    });
    if (!Object.keys(this.dirtyFields).length) {
      this.dropLocalCopy();
      return;
    }
    this.dirty = true;
    if (String(copy.version) === String(this.version)) {
      this.setState("pending", "Restored changes that had not been saved yet — saving…");
      this.schedule(0);
    } else {
      this.showConflict(server, this.version, "This was saved again after the changes kept in this browser were made.");
    }
  };

  RowSaver.prototype.setState = function (state, message) {
    this.state = state;
    this.message = message || STATES[state];
    var text = this.message;
    this.elements.forEach(function (element) {
      element.querySelectorAll("[data-row-status]").forEach(function (el) {
        el.textContent = text;
        el.dataset.state = state;
      });
    });
    if (shared) shared.announce();
  };

  function attach(root) {
    var fresh = [];
    (root || document).querySelectorAll("[data-row-url]").forEach(function (element) {
      if (element.dataset.rowsaveAttached) return;
      element.dataset.rowsaveAttached = "1";
      var url = element.dataset.rowUrl;
      var saver = savers[url];
      if (!saver) {
        saver = savers[url] = new RowSaver(url);
        fresh.push(saver);
        if (shared) shared.add(saver);
      }
      saver.add(element);
    });
    fresh.forEach(function (saver) {
      saver.restoreLocalCopy();
      saver.restoreDraft();
    });
  }

  /* A record removed from the page (a person taken off the roster): forget its saver. */
  function detach(url) {
    var saver = savers[url];
    if (!saver) return;
    clearTimeout(saver.timer);
    saver.dirty = false;
    saver.dropLocalCopy();
    delete savers[url];
    if (shared) shared.remove(saver);
  }

  window.prepmeetRowSave = { attach: attach, detach: detach, savers: savers };
  attach(document);
})();
