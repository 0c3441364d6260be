/*
 * The conflict box of the page's one saver (js/saver.js), for every row it saves.
 *
 * When a save meets a newer version (409), the saver calls window.prepmeetConflict.show() with the fields that
 * differ. The box shows, for each field, her value ("Yours") and the stored one ("Saved by Cora Diaz at
 * 11:39 AM") side by side, in words (a select's option text, ticked boxes' labels, never a raw key), and a merge
 * control of the field's own kind prefilled with her value. Three buttons: "Keep mine", "Keep theirs" and
 * "Save the merge" (not when no field has a control to merge in: question 4's linked FAQ answers); the saver's
 * `choose(values)` gets the values to put in the fields and save.
 *
 * The box is a labelled group that takes the focus; the saver announces the conflict in the page's live
 * region (its state message), so the box itself is not a live region (that would be heard twice).
 */
(function () {
  "use strict";

  var made = 0;

  /* A control's label as a person reads it (its visually hidden words included), or its name. */
  function labelOf(control) {
    var label = control.labels && control.labels[0];
    return label ? label.textContent.replace(/\s+/g, " ").trim() : control.name;
  }

  function kindOf(controls) {
    var first = controls[0];
    if (first.tagName === "SELECT") return "select";
    if (first.type === "radio") return "radio";
    if (first.type === "checkbox") return controls.length > 1 || first.hasAttribute("data-row-list") ? "list" : "tick";
    return first.tagName === "TEXTAREA" ? "text" : "line";
  }

  /* A field's value in words. */
  function words(controls, value) {
    var kind = kindOf(controls);
    if (kind === "list") {
      var ticked = controls.filter(function (c) {
        return (value || []).indexOf(c.value) !== -1;
      });
      return ticked.length ? ticked.map(labelOf).join(", ") : "None ticked";
    }
    if (kind === "tick") return value ? "Ticked" : "Not ticked";
    if (kind === "select") {
      var option = Array.prototype.filter.call(controls[0].options, function (o) {
        return o.value === value;
      })[0];
      return option ? option.textContent.trim() || "Not set" : value;
    }
    if (kind === "radio") {
      var radio = controls.filter(function (c) {
        return c.value === value;
      })[0];
      return radio ? labelOf(radio) : "Not set";
    }
    return value === "" ? "Nothing written" : value;
  }

  /* The merge control: the field's own kind, prefilled with her value, so an edit gives a value it takes. */
  function mergeControl(controls, value, id, labelText) {
    var kind = kindOf(controls);
    var wrap = document.createElement("div");
    wrap.className = "conflict-merge mt-2";
    if (kind === "list" || kind === "tick") {
      var fieldset = document.createElement("fieldset");
      var legend = document.createElement("legend");
      legend.className = "form-label small fw-semibold mb-1";
      legend.textContent = labelText;
      fieldset.append(legend);
      controls.forEach(function (c, i) {
        var check = document.createElement("div");
        check.className = "form-check";
        var box = document.createElement("input");
        box.type = "checkbox";
        box.className = "form-check-input";
        box.id = id + "-" + i;
        box.value = c.value;
        box.checked = kind === "list" ? (value || []).indexOf(c.value) !== -1 : Boolean(value);
        var label = document.createElement("label");
        label.className = "form-check-label";
        label.htmlFor = box.id;
        label.textContent = kind === "list" ? labelOf(c) : "Ticked";
        check.append(box, label);
        fieldset.append(check);
      });
      wrap.append(fieldset);
      wrap.read = function () {
        var boxes = Array.prototype.slice.call(fieldset.querySelectorAll("input"));
        if (kind === "tick") return boxes[0].checked ? controls[0].value : "";
        return boxes
          .filter(function (b) {
            return b.checked;
          })
          .map(function (b) {
            return b.value;
          });
      };
      return wrap;
    }
    var label = document.createElement("label");
    label.className = "form-label small fw-semibold mb-1";
    label.htmlFor = id;
    label.textContent = labelText;
    var control;
    if (kind === "select" || kind === "radio") {
      control = document.createElement("select");
      control.className = "form-select form-select-sm";
      if (kind === "select") {
        Array.prototype.forEach.call(controls[0].options, function (o) {
          control.append(new Option(o.textContent, o.value));
        });
      } else {
        controls.forEach(function (c) {
          control.append(new Option(labelOf(c), c.value));
        });
      }
    } else if (kind === "text") {
      control = document.createElement("textarea");
      control.className = "form-control";
      control.rows = Math.min(8, Math.max(3, String(value).split("\n").length + 1));
    } else {
      control = document.createElement("input");
      control.className = "form-control form-control-sm";
      control.type = controls[0].type;
      ["min", "max", "step"].forEach(function (name) {
        if (controls[0].getAttribute(name)) control.setAttribute(name, controls[0].getAttribute(name));
      });
    }
    if (controls[0].maxLength > 0) control.maxLength = controls[0].maxLength;
    if (controls[0].dir) control.dir = controls[0].dir;
    control.id = id;
    control.value = value;
    wrap.append(label, control);
    wrap.read = function () {
      return control.value;
    };
    return wrap;
  }

  /* "Saved by Cora Diaz at 11:39 AM" (or "in another window", and the date when it was not today). */
  function savedBy(changedBy, changedAt) {
    var text = changedBy ? "Saved by " + changedBy : changedAt ? "Saved in another window" : "Saved on the server";
    var at = changedAt ? new Date(changedAt) : null;
    if (at && !isNaN(at.getTime())) {
      text += " at " + at.toLocaleTimeString([], { hour: "numeric", minute: "2-digit" });
      if (at.toDateString() !== new Date().toDateString()) {
        text += " on " + at.toLocaleDateString([], { month: "short", day: "numeric" });
      }
    }
    return text;
  }

  function side(id, title, text, className) {
    var box = document.createElement("div");
    box.className = "conflict-side " + className;
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", id);
    var heading = document.createElement("p");
    heading.className = "conflict-side-title";
    heading.id = id;
    heading.textContent = title;
    var body = document.createElement("p");
    body.className = "conflict-text mb-0";
    body.dir = "auto";
    body.textContent = text;
    box.append(heading, body);
    box.setText = function (value) {
      body.textContent = value;
    };
    return box;
  }

  function button(text, className, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "btn btn-sm " + className;
    b.textContent = text;
    b.addEventListener("click", onClick);
    return b;
  }

  /* "Not saved — this answer was changed by Cora Diaz after you started typing here." */
  function notSaved(message) {
    var said = message || "This was changed in another window or device after you started typing here.";
    return "Not saved — " + said.charAt(0).toLowerCase() + said.slice(1);
  }

  /*
   * options: {message, changedBy, changedAt, place(box), choose(values),
   *           fields: [{name, controls, mine, theirs, label?, describe?(value), current?()}]}
   * Returns {box, remove(), mine(name, value)}: mine() shows what she types meanwhile on her side.
   */
  function show(options) {
    var prefix = "conflict-" + ++made;
    var box = document.createElement("div");
    box.className = "conflict conflict-box";
    box.dataset.conflict = "";
    box.tabIndex = -1;
    box.setAttribute("role", "group");
    box.setAttribute("aria-labelledby", prefix + "-title");
    box.setAttribute("aria-describedby", prefix + "-help");
    var title = document.createElement("p");
    title.className = "conflict-title fw-semibold mb-1";
    title.id = prefix + "-title";
    title.textContent = notSaved(options.message);
    var help = document.createElement("p");
    help.className = "small mb-2";
    help.id = prefix + "-help";
    var mergeable = options.fields.some(function (field) {
      return field.controls.length > 0;
    });
    help.textContent = mergeable
      ? "Compare the two, then keep yours, keep theirs, or edit the merge and save it."
      : "Compare the two, then keep yours or keep theirs.";
    box.append(title, help);

    var theirsTitle = savedBy(options.changedBy, options.changedAt);
    var mineSides = {};
    var merges = {};
    options.fields.forEach(function (field, i) {
      var id = prefix + "-" + i;
      var label = field.label || labelOf(field.controls[0]);
      // A field with no control of its own (linked FAQ answers) says its values in its own words, no merge.
      var say = field.describe || function (value) {
        return words(field.controls, value);
      };
      var part = document.createElement("div");
      part.className = "conflict-field";
      part.dataset.conflictField = field.name;
      var name = document.createElement("p");
      name.className = "conflict-field-name small fw-semibold mb-1";
      name.textContent = label;
      part.append(name);
      var sides = document.createElement("div");
      sides.className = "conflict-sides";
      mineSides[field.name] = side(id + "-mine", "Yours", say(field.mine), "conflict-mine");
      mineSides[field.name].say = say;
      sides.append(mineSides[field.name], side(id + "-theirs", theirsTitle, say(field.theirs), "conflict-theirs"));
      part.append(sides);
      if (field.controls.length) {
        merges[field.name] = mergeControl(field.controls, field.mine, id + "-merge", "Merge: " + label);
        part.append(merges[field.name]);
      }
      box.append(part);
    });

    function choose(pick) {
      var values = {};
      options.fields.forEach(function (field) {
        values[field.name] = pick(field);
      });
      options.choose(values);
    }
    var actions = document.createElement("div");
    actions.className = "conflict-actions mt-2";
    actions.append(
      button("Keep mine", "btn-primary", function () {
        choose(function (field) {
          return field.current ? field.current() : field.mine;
        });
      }),
      button("Keep theirs", "btn-outline-secondary", function () {
        choose(function (field) {
          return field.theirs;
        });
      })
    );
    if (mergeable) {
      actions.append(
        button("Save the merge", "btn-outline-primary", function () {
          choose(function (field) {
            if (merges[field.name]) return merges[field.name].read();
            return field.current ? field.current() : field.mine;
          });
        })
      );
    }
    box.append(actions);
    options.place(box);
    box.focus();

    return {
      box: box,
      remove: function () {
        if (box.parentNode) box.parentNode.removeChild(box);
      },
      mine: function (name, value) {
        var field = options.fields.filter(function (f) {
          return f.name === name;
        })[0];
        if (field && mineSides[name]) mineSides[name].setText(mineSides[name].say(value));
      },
    };
  }

  window.prepmeetConflict = { show: show, notSaved: notSaved };
})();
