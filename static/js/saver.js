/*
 * The saver: every editable thing of every page saves through this one script.
 *
 * A record (an answer, a person on the roster, an expected question, the brief, an outcome row) is a "row":
 * saved a moment after typing stops (a select or checkbox at once), kept in this browser (localStorage) until
 * the server confirms it, retried with growing pauses when the network or the server fails, and on a 409 both
 * values are shown side by side to choose from (js/conflict.js, loaded before this script). An answer box is a
 * one-field row. A field of a new row not yet added (a draft) is kept in this browser until its form posts it.
 * The page's one live region (#save-summary) says the state of all of them, once.
 *
 * MARKUP CONTRACT (what a template writes; nothing else is needed)
 *
 *   <form id="person-form-12" method="post" action="/no-js/edit/url/">     (optional: the no-JS save)
 *     {% csrf_token %}<input type="hidden" name="version" value="3">
 *   </form>
 *   <div data-row-url="/preps/1/people/12/save/" data-row-version="3" data-row-form="person-form-12">
 *     <label for="p12-name">Name</label> <input id="p12-name" name="name" form="person-form-12" value="...">
 *     <select name="stance" form="person-form-12">...</select>
 *     <span data-row-status id="p12-status"></span>      (the row's save state; an id joins aria-describedby)
 *   </div>
 *   <p id="save-summary" role="status" aria-live="polite"></p>     (the page's one live region)
 *
 * - Every element with the same data-row-url is one record, wherever it is on the page (a person's row under
 *   question 1 and their fields under questions 2 and 3): one saver, one version, kept in step on all of them,
 *   in an <input data-row-version-input> inside them, and in the `version` input of the data-row-form form, so
 *   a plain submit posts the current version.
 * - The record's fields are the named inputs, selects and textareas inside those elements and not inside
 *   another row (not `version`, not `csrfmiddlewaretoken`, not hidden, not [data-row-ignore]); a control's
 *   data-row-name is its name for the save endpoint when its form name differs (an answer box: "text").
 *   Several checkboxes of one name, or one with data-row-list, are one field: the list of the ticked values.
 * - data-row-legacy-key (an answer): where the fill page's earlier script kept its copy, taken over once.
 * - Optional parts of a row: [data-row-count] shows the character count near a field's maxlength,
 *   [data-row-conflict] holds the conflict box (else it goes after the field).
 * - A save POSTs form data: `version` and each changed field, with the page's CSRF token (X-CSRFToken).
 *   The server answers JSON (core/saves.py's save_reply, core/refusals.py's json_refusal):
 *     200 {"status": "saved", "version": n, "answered_count": n?}           (answered_count: the progress)
 *     409 {"status": "conflict", "message": "...", "current": {field: value}, "current_version": n}
 *     4xx {"status": "invalid", "message": "..."}                            (shown: "Not saved — message")
 *   403, a redirect or non-JSON: signed out or out of date (no retry); 5xx, 429 or no network: retried.
 *   A 409 whose stored values are the ones sent (a save whose reply was lost, sent again) counts as saved.
 * - After a save the row's first element fires a bubbling "saver:saved" event, detail {fields: [...], data}.
 * - Drafts: a control with data-row-draft, or inside an element with data-row-drafts, is not saved by a row but
 *   kept in this browser as she types and put back on the next load (when the page still shows what it showed
 *   when she started), until its form really posts.
 * - Forms: submitting a row's form without a data-row-submit button (Enter in a field, a "Save" button) saves
 *   through this script instead. Any other post (a data-row-submit button, "Add ..." forms) waits until the
 *   saves in flight are answered, then goes; its drafts are dropped as it leaves.
 * - With JavaScript, .js-only elements are shown and .nojs-only ones hidden.
 * - Scripts: window.prepmeetSaver = {attach(container), detach(url), saverOf(element), flush(), post(url,
 *   fields), dropDrafts(container), busy() (a form post or another post is under way)}; a saver has
 *   set(name, value) for a field with no control of its own (define(name, options)).
 */
(function () {
  "use strict";

  if (!window.fetch || !window.URLSearchParams) return;

  var DEBOUNCE_MS = 1000;
  var MAX_RETRY_MS = 30000;
  var IGNORED = { version: true, csrfmiddlewaretoken: true };
  var SETTLED_POLL_MS = 50;
  var SIGNED_OUT =
    "Not saved — you are signed out. Log in again in another tab, then reload this page; your text is kept here.";
  var STATES = {
    idle: "",
    pending: "Unsaved changes",
    saving: "Saving…",
    saved: "Saved",
    retrying: "Not saved — retrying",
    conflict: "Not saved — changed since you opened it",
    refused: "Not saved",
    blocked: "Not saved", // signed out or the page is out of date: retrying cannot help, the user must act
  };
  var ALL_SAVED = "All changes saved";
  var savers = {}; // by URL
  var list = []; // the same savers, in page order
  var summary = document.getElementById("save-summary");
  var requests = 0; // the page's other posts (add, move, remove) in flight
  var posting = false; // a form post waits for the saves in flight
  var leaving = false; // a form post is taking the page away: the local copies keep what is not saved

  /* --- small helpers ------------------------------------------------------------------------------------ */

  function csrfToken() {
    var input = document.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function storage() {
    try {
      return window.localStorage;
    } catch (e) {
      return null; // private mode or a locked-down browser: saving still works, only the local copy is lost
    }
  }

  function readStored(key) {
    var store = storage();
    try {
      return store && JSON.parse(store.getItem(key) || "null");
    } catch (e) {
      return null;
    }
  }

  function writeStored(key, value) {
    var store = storage();
    if (!store) return;
    try {
      if (value === null) store.removeItem(key);
      else store.setItem(key, JSON.stringify(value));
    } catch (e) {
      /* storage full: the server save still runs, the text stays in the field */
    }
  }

  function isInstant(control) {
    return control.tagName === "SELECT" || control.type === "checkbox" || control.type === "radio";
  }

  function isList(controls) {
    var first = controls[0];
    return Boolean(first) && first.type === "checkbox" && (controls.length > 1 || first.hasAttribute("data-row-list"));
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

  /* Stored values as the page's fields hold them: ids as text, lists of ids as lists of text. */
  function asFields(values) {
    var fields = {};
    Object.keys(values).forEach(function (name) {
      var value = values[name];
      if (Array.isArray(value)) fields[name] = value.map(String);
      else if (typeof value === "number") fields[name] = String(value);
      else if (value === null || value === undefined) fields[name] = "";
      else fields[name] = value;
    });
    return fields;
  }

  function formBody(fields) {
    var body = new URLSearchParams();
    Object.keys(fields).forEach(function (name) {
      var value = fields[name];
      if (!Array.isArray(value)) return body.append(name, value);
      if (!value.length) body.append(name, ""); // an empty list is one empty value
      value.forEach(function (item) {
        body.append(name, item);
      });
    });
    return body;
  }

  /* One POST of form data as every script of the page sends it; resolves to the Response. */
  function send(url, fields, keepalive) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      keepalive: Boolean(keepalive),
      headers: { "X-CSRFToken": csrfToken(), "X-Requested-With": "fetch", Accept: "application/json" },
      body: formBody(fields),
    });
  }

  function isJson(response) {
    return (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
  }

  /* For the page's other posts (add, move, remove): {ok, status, data}; data.message says why not. */
  function post(url, fields) {
    requests += 1;
    var done = function (result) {
      requests -= 1;
      return result;
    };
    return send(url, fields).then(function (response) {
      if (!isJson(response) || response.redirected) {
        var message = "you are signed out or the page is out of date. Reload the page.";
        return { ok: false, status: response.status, data: { message: message } };
      }
      return response.json().then(function (data) {
        return { ok: response.ok, status: response.status, data: data };
      });
    }).then(done, function (error) {
      done();
      throw error;
    });
  }

  /* --- one row ------------------------------------------------------------------------------------------ */

  function RowSaver(url) {
    this.url = url;
    this.elements = [];
    this.fields = {}; // name -> [controls]
    this.virtual = {}; // name -> {get, set, describe, label}: a field with no control of its own
    this.dirty = false;
    this.dirtyFields = {};
    this.inFlight = false;
    this.request = Promise.resolve();
    this.state = "idle";
    this.message = "";
    this.timer = null;
    this.retryDelay = 1000;
    this.storageKey = "prepmeet:row:" + url;
  }

  RowSaver.prototype.add = function (element) {
    var self = this;
    this.elements.push(element);
    if (this.version === undefined) this.version = element.dataset.rowVersion;
    var statusIds = [];
    element.querySelectorAll("[data-row-status]").forEach(function (el) {
      if (el.id) statusIds.push(el.id);
    });
    element.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (control) {
      if (control.closest("[data-row-url]") !== element) return; // a row inside this one saves itself
      if (IGNORED[control.name] || control.type === "hidden" || control.hasAttribute("data-row-ignore")) return;
      if (isDraft(control)) return;
      var name = control.dataset.rowName || control.name;
      (self.fields[name] = self.fields[name] || []).push(control);
      control.addEventListener(isInstant(control) ? "change" : "input", function () {
        self.onInput(name, isInstant(control));
      });
      var ids = (control.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
      statusIds.concat(countOf(element) && countOf(element).id ? [countOf(element).id] : []).forEach(function (id) {
        if (ids.indexOf(id) === -1) ids.push(id);
      });
      if (ids.length) control.setAttribute("aria-describedby", ids.join(" "));
    });
    this.updateCount();
  };

  RowSaver.prototype.form = function () {
    for (var i = 0; i < this.elements.length; i++) {
      var id = this.elements[i].dataset.rowForm;
      if (id && document.getElementById(id)) return document.getElementById(id);
    }
    return null;
  };

  /* A field with no control of its own (question 4's linked FAQ answers): options {get(), set(value),
     describe(value) -> words, label}. */
  RowSaver.prototype.define = function (name, options) {
    this.virtual[name] = options;
  };

  RowSaver.prototype.valueOf = function (name) {
    return this.virtual[name] ? this.virtual[name].get() : valueOf(this.fields[name]);
  };

  RowSaver.prototype.setField = function (name, value) {
    if (this.virtual[name]) this.virtual[name].set(value);
    else setValue(this.fields[name], value);
  };

  RowSaver.prototype.has = function (name) {
    return Boolean(this.fields[name] || this.virtual[name]);
  };

  /* A script's change to a field (a linked FAQ answer): saved at once, like a select. */
  RowSaver.prototype.set = function (name, value) {
    this.setField(name, value);
    this.onInput(name, true);
    return this.request;
  };

  RowSaver.prototype.onInput = function (name, instant) {
    leaving = false; // still here (the post was a download): the guard is back
    this.dirty = true;
    this.dirtyFields[name] = true;
    this.keepLocalCopy();
    this.updateCount();
    if (this.state !== "conflict") {
      this.setState("pending");
      this.schedule(instant ? 0 : DEBOUNCE_MS);
    } else if (this.conflict) {
      this.conflict.mine(name, this.valueOf(name));
    }
  };

  RowSaver.prototype.schedule = function (delay) {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.save.bind(this), delay);
  };

  RowSaver.prototype.setVersion = function (version) {
    this.version = String(version);
    var form = this.form();
    this.elements.forEach(function (element) {
      element.dataset.rowVersion = version;
      element.querySelectorAll("input[data-row-version-input]").forEach(function (input) {
        input.value = version;
      });
    });
    var input = form && form.querySelector("input[name=version]");
    if (input) input.value = version;
  };

  RowSaver.prototype.save = function (options) {
    if (!this.dirty || this.state === "conflict") return Promise.resolve();
    if (this.inFlight) {
      this.schedule(DEBOUNCE_MS);
      return this.request;
    }
    clearTimeout(this.timer);
    var self = this;
    var sent = {};
    Object.keys(this.dirtyFields).forEach(function (name) {
      sent[name] = self.valueOf(name);
    });
    this.inFlight = true;
    if (this.state !== "retrying") this.setState("saving"); // a retry is announced once, not at each attempt
    return (this.request = send(this.url, Object.assign({ version: this.version }, sent), options && options.keepalive)
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
    if (response.redirected || !isJson(response)) {
      // A redirect to the login page, or a proxy's error page: signed out, or the server is away.
      if (response.redirected || response.status === 403) return this.block(SIGNED_OUT);
      return this.retryLater("Not saved — the server did not answer. Retrying…");
    }
    return response.json().then(function (data) {
      if (response.ok) return self.onSaved(data, sent);
      if (response.status === 409) {
        var current = asFields(data.current || {});
        var confirmed = Object.keys(sent).every(function (name) {
          return name in current && same(current[name], sent[name]);
        });
        if (confirmed && typeof data.current_version === "number") {
          return self.onSaved({ version: data.current_version }, sent);
        }
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
      if (same(self.valueOf(name), sent[name])) delete self.dirtyFields[name];
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
        new CustomEvent("saver:saved", { bubbles: true, detail: { fields: Object.keys(sent), data: data } })
      );
    }
  };

  RowSaver.prototype.retryLater = function (message) {
    this.setState("retrying", message);
    this.schedule(this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, MAX_RETRY_MS);
  };

  /* Signed out or out of date: no more retries (each would fail the same way); the message says what to do,
     and a change to the row tries once more. */
  RowSaver.prototype.block = function (message) {
    clearTimeout(this.timer);
    this.retryDelay = 1000;
    this.setState("blocked", message);
  };

  /* Conflict: the fields keep her values; each field that differs is shown with the stored value side by side
     (js/conflict.js), in the row's [data-row-conflict] or under the first of them. */
  RowSaver.prototype.showConflict = function (current, currentVersion, message, changedAt, changedBy) {
    var self = this;
    clearTimeout(this.timer);
    this.clearConflict();
    var names = Object.keys(current).filter(function (name) {
      return self.has(name);
    });
    var differing = names.filter(function (name) {
      return !same(self.valueOf(name), current[name]);
    });
    if (differing.length) names = differing;
    var said = message || "This was changed in another window or device after you started typing here.";
    this.setState("conflict", window.prepmeetConflict.notSaved(said) + " Choose which to keep.");
    var anchorName = names.filter(function (name) {
      return self.fields[name];
    })[0];
    var anchor = anchorName ? this.fields[anchorName][0] : null;
    var box = this.part("[data-row-conflict]");
    this.conflict = window.prepmeetConflict.show({
      message: said,
      changedBy: changedBy,
      changedAt: changedAt,
      fields: names.map(function (name) {
        var virtual = self.virtual[name];
        return {
          name: name,
          controls: self.fields[name] || [],
          label: virtual && virtual.label,
          describe: virtual && virtual.describe,
          mine: self.valueOf(name),
          theirs: current[name],
          current: function () {
            return self.valueOf(name);
          },
        };
      }),
      place: function (conflictBox) {
        if (box) {
          box.append(conflictBox);
          box.hidden = false;
          return;
        }
        var container = anchor && (anchor.closest("[data-row-field]") || anchor.closest(".mb-3") || anchor.parentNode);
        if (container && container.parentNode) container.parentNode.insertBefore(conflictBox, container.nextSibling);
        else if (self.elements.length) self.elements[0].append(conflictBox);
      },
      choose: function (values) {
        self.resolveConflict(currentVersion, values, current, anchor);
      },
    });
  };

  RowSaver.prototype.part = function (selector) {
    for (var i = 0; i < this.elements.length; i++) {
      var found = this.elements[i].querySelector(selector);
      if (found) return found;
    }
    return null;
  };

  RowSaver.prototype.clearConflict = function () {
    if (this.conflict) this.conflict.remove();
    this.conflict = null;
    var box = this.part("[data-row-conflict]");
    if (box) box.hidden = true;
  };

  /* Her choice: the values to keep, saved on the stored version where they differ from the stored ones (a
     field with no control of its own is always saved, so the page shows it as the server draws it). */
  RowSaver.prototype.resolveConflict = function (currentVersion, values, current, focusTarget) {
    var self = this;
    this.clearConflict();
    this.setVersion(currentVersion);
    this.state = "idle";
    Object.keys(values).forEach(function (name) {
      self.setField(name, values[name]);
      if (same(values[name], current[name]) && !self.virtual[name]) delete self.dirtyFields[name];
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
    this.updateCount();
    if (focusTarget) focusTarget.focus();
  };

  /* The local copy: the changed fields and the version they were based on, until the server has them. */
  RowSaver.prototype.keepLocalCopy = function () {
    var self = this;
    var fields = {};
    Object.keys(this.dirtyFields).forEach(function (name) {
      fields[name] = self.valueOf(name);
    });
    writeStored(this.storageKey, { version: this.version, fields: fields, at: Date.now() });
  };

  RowSaver.prototype.dropLocalCopy = function () {
    writeStored(this.storageKey, null);
  };

  /* An answer's copy as the fill page's earlier script kept it ({text, version} under data-row-legacy-key):
     taken over once, so text typed before this script arrived is not lost. */
  RowSaver.prototype.adoptLegacyCopy = function () {
    var key = this.elements[0] && this.elements[0].dataset.rowLegacyKey;
    var legacy = key ? readStored(key) : null;
    if (!key || !legacy) return;
    writeStored(key, null);
    if (typeof legacy.text !== "string" || readStored(this.storageKey)) return;
    writeStored(this.storageKey, { version: legacy.version, fields: { text: legacy.text }, at: legacy.at });
  };

  RowSaver.prototype.restoreLocalCopy = function () {
    this.adoptLegacyCopy();
    var copy = readStored(this.storageKey);
    if (!copy || typeof copy.fields !== "object" || !copy.fields) return;
    var self = this;
    var server = {};
    Object.keys(copy.fields).forEach(function (name) {
      var kept = copy.fields[name];
      if (!self.has(name)) return;
      var now = self.valueOf(name);
      if (Array.isArray(now) !== Array.isArray(kept) || (!Array.isArray(kept) && typeof kept !== "string")) return;
      if (same(now, kept)) return;
      server[name] = now;
      self.setField(name, kept);
      self.dirtyFields[name] = true;
    });
    if (!Object.keys(this.dirtyFields).length) {
      this.dropLocalCopy();
      return;
    }
    this.dirty = true;
    this.updateCount();
    if (String(copy.version) === String(this.version)) {
      this.setState("pending", "Restored changes that had not been saved yet — saving…");
      this.schedule(0);
    } else {
      this.showConflict(server, this.version, "This was saved again after the changes kept in this browser were made.");
    }
  };

  /* "1,650 of 2,000 characters" near a text field's limit, in the row's [data-row-count]. */
  RowSaver.prototype.updateCount = function () {
    var counter = this.part("[data-row-count]");
    if (!counter) return;
    var field = Object.keys(this.fields)
      .map(function (name) {
        return this.fields[name][0];
      }, this)
      .filter(function (control) {
        return control.maxLength > 0 && control.tagName === "TEXTAREA";
      })[0];
    if (!field) return;
    var max = field.maxLength;
    var length = field.value.length;
    if (length >= max * 0.8) {
      counter.textContent = length.toLocaleString() + " of " + max.toLocaleString() + " characters";
      counter.classList.toggle("text-danger", length >= max);
    } else {
      counter.textContent = "";
    }
  };

  RowSaver.prototype.setState = function (state, message) {
    this.state = state;
    this.message = message || STATES[state];
    var text = this.message;
    this.elements.forEach(function (element) {
      element.querySelectorAll("[data-row-status]").forEach(function (el) {
        if (el.closest("[data-row-url]") !== element) return;
        el.textContent = text;
        el.dataset.state = state;
      });
    });
    announce();
  };

  /* Answered, or nothing left to send: the promise of a row's pending and in-flight saves settling. */
  RowSaver.prototype.settle = function () {
    var self = this;
    var waiting = this.state === "pending" || this.state === "idle" || this.state === "saved";
    if (this.dirty && !this.inFlight && waiting) this.save();
    return new Promise(function (resolve) {
      (function check() {
        if (!self.inFlight && self.state !== "pending" && self.state !== "saving") return resolve();
        window.setTimeout(check, SETTLED_POLL_MS);
      })();
    });
  };

  function countOf(element) {
    return element.querySelector("[data-row-count]");
  }

  /* --- the page: one live region, one set of guards ------------------------------------------------------ */

  var lastAnnounced = "";
  function announce() {
    if (!summary) return;
    var first = function (state) {
      return list.filter(function (saver) {
        return saver.state === state;
      })[0];
    };
    var text = "";
    if (first("conflict")) text = first("conflict").message;
    else if (first("blocked")) text = first("blocked").message;
    else if (first("refused")) text = "Some changes are not saved — see the message beside them.";
    else if (first("retrying")) text = STATES.retrying;
    else if (first("saving")) text = STATES.saving;
    else if (first("pending")) text = STATES.pending; // never a stale "All changes saved"
    else if (first("saved")) text = ALL_SAVED;
    if (text && text !== lastAnnounced) {
      summary.textContent = text;
      summary.dataset.state = text === ALL_SAVED ? "saved" : "busy";
      lastAnnounced = text;
    }
  }

  function unsaved() {
    return list.some(function (saver) {
      return saver.dirty || saver.inFlight;
    });
  }

  /* Every pending save sent and answered (or left waiting for the network): before a post takes the page. */
  function flush() {
    return Promise.all(
      list.map(function (saver) {
        return saver.settle();
      })
    );
  }

  /* --- drafts: fields of a new row, kept until their form posts them ------------------------------------- */

  function isDraft(control) {
    return control.hasAttribute("data-row-draft") || Boolean(control.closest("[data-row-drafts]"));
  }

  function draftKey(control) {
    var form = control.form ? control.form.id || control.form.getAttribute("action") || "form" : "page";
    return "prepmeet:draft:" + location.pathname + ":" + form + ":" + (control.id || control.name);
  }

  function draftValue(control) {
    if (control.type === "checkbox" || control.type === "radio") return control.checked;
    return control.value;
  }

  function keepDraft(control) {
    var value = draftValue(control);
    var base = control.draftBase;
    writeStored(draftKey(control), same(value, base) ? null : { value: value, base: base });
  }

  /* Put back what she typed, unless the page now shows something else than when she started (someone saved a
     new value meanwhile: the page's value stands). */
  function restoreDraft(control) {
    var draft = readStored(draftKey(control));
    if (!draft || typeof draft !== "object" || !("value" in draft)) return;
    var now = draftValue(control);
    if (!same(now, draft.base) || typeof draft.value !== typeof now) return writeStored(draftKey(control), null);
    if (typeof now === "boolean") control.checked = draft.value;
    else control.value = draft.value;
  }

  function draftControls(root) {
    var found = root.querySelectorAll("input[name], select[name], textarea[name], [data-row-draft]");
    return Array.prototype.filter.call(found, function (control) {
      var isControl = /^(INPUT|SELECT|TEXTAREA)$/.test(control.tagName);
      return isControl && isDraft(control) && !IGNORED[control.name] && control.type !== "hidden";
    });
  }

  function watchDrafts(root) {
    draftControls(root).forEach(function (control) {
      if (control.draftWatched) return;
      control.draftWatched = true;
      control.draftBase = draftValue(control);
      restoreDraft(control);
      var keep = function () {
        keepDraft(control);
      };
      control.addEventListener("input", keep);
      control.addEventListener("change", keep);
    });
  }

  /* Drafts of one form, or of the page's controls in a container (a script adds the row itself). */
  function dropDrafts(formOrRoot) {
    var controls =
      formOrRoot.tagName === "FORM"
        ? Array.prototype.filter.call(formOrRoot.elements, isDraft)
        : draftControls(formOrRoot);
    controls.forEach(function (control) {
      writeStored(draftKey(control), null);
      control.draftBase = draftValue(control);
    });
  }

  /* --- forms -------------------------------------------------------------------------------------------- */

  function saversOfForm(form) {
    return list.filter(function (saver) {
      return saver.form() === form;
    });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    var submitter = event.submitter;
    if (event.defaultPrevented) return;
    var own = saversOfForm(form);
    if (own.length && !(submitter && submitter.hasAttribute("data-row-submit"))) {
      // Enter in a field, a Save button: saved through the same path as typing, so versions stay in step.
      event.preventDefault();
      own.forEach(function (saver) {
        if (!saver.dirty && saver.state === "idle") saver.setState("saved"); // nothing to send: all is kept
        saver.save();
      });
      return;
    }
    if (form.saverPassing) {
      // The post goes: its drafts go with it; what is not saved stays in the local copies.
      form.saverPassing = false;
      leaving = true;
      dropDrafts(form);
      return;
    }
    if (own.some(function (saver) { return saver.state === "conflict"; })) {
      event.preventDefault(); // her choice first: the post would carry a value she has not chosen
      return;
    }
    event.preventDefault();
    posting = true;
    flush().then(function () {
      // A task later: a submit asked for while this one is still being dispatched is ignored by the browser.
      window.setTimeout(function () {
        posting = false;
        form.saverPassing = true;
        if (form.requestSubmit) form.requestSubmit(submitter || undefined);
        else form.submit();
      }, 0);
    });
  });

  window.addEventListener("online", function () {
    list.forEach(function (saver) {
      if (saver.dirty && saver.state !== "conflict") saver.schedule(0);
    });
  });

  // Leaving: send what is pending (keepalive lets the request outlive the page) and warn if anything is unsaved.
  window.addEventListener("pagehide", function () {
    list.forEach(function (saver) {
      if (saver.dirty && !saver.inFlight && saver.state !== "conflict") saver.save({ keepalive: true });
    });
  });
  window.addEventListener("beforeunload", function (event) {
    if (!leaving && unsaved()) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  /* --- rows on the page, and rows added later ------------------------------------------------------------ */

  function attach(root) {
    var fresh = [];
    root = root || document;
    var elements = Array.prototype.slice.call(root.querySelectorAll("[data-row-url]"));
    if (root.matches && root.matches("[data-row-url]")) elements.unshift(root);
    elements.forEach(function (element) {
      if (element.saverAttached) return;
      element.saverAttached = true;
      var url = element.dataset.rowUrl;
      var saver = savers[url];
      if (!saver) {
        saver = savers[url] = new RowSaver(url);
        fresh.push(saver);
        list.push(saver);
      }
      saver.add(element);
    });
    watchDrafts(root);
    reveal(root);
    fresh.forEach(function (saver) {
      saver.restoreLocalCopy();
    });
    return fresh;
  }

  /* A record removed from the page (a person taken off the roster): forget its saver. */
  function detach(url) {
    var saver = savers[url];
    if (!saver) return;
    clearTimeout(saver.timer);
    saver.dirty = false;
    saver.dropLocalCopy();
    delete savers[url];
    list.splice(list.indexOf(saver), 1);
    announce();
  }

  function saverOf(element) {
    var row = element.closest("[data-row-url]");
    return row ? savers[row.dataset.rowUrl] || null : null;
  }

  function reveal(root) {
    root.querySelectorAll(".js-only").forEach(function (el) {
      el.hidden = false;
    });
    root.querySelectorAll(".nojs-only").forEach(function (el) {
      el.hidden = true;
    });
  }

  window.prepmeetSaver = {
    attach: attach,
    detach: detach,
    saverOf: saverOf,
    flush: flush,
    post: post,
    dropDrafts: dropDrafts,
    savers: savers,
    busy: function () {
      return posting || leaving || requests > 0;
    },
  };
  attach(document);
  announce();
})();
