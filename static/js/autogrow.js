/*
 * Answer boxes that grow with their text, and answers that print whole.
 *
 * Each answer box on the fill page is as tall as its text (no inner scroll bar) and grows as the user types.
 * A box cannot break across printed pages, so each one also has a plain copy of its text next to it
 * (css/fill.css shows the copy, not the box, on paper); the copy is brought up to date before printing.
 * Without JavaScript the boxes keep their fixed height and scroll, and the print stylesheet still hides the
 * page's navigation and controls.
 */
(function () {
  "use strict";

  var boxes = Array.prototype.slice.call(document.querySelectorAll(".question textarea"));
  if (!boxes.length) return;

  function grow(box) {
    var style = window.getComputedStyle(box);
    var borders = parseFloat(style.borderTopWidth) + parseFloat(style.borderBottomWidth);
    box.style.height = "auto";
    box.style.height = box.scrollHeight + borders + "px";
  }

  function copyFor(box) {
    var copy = box.parentNode.querySelector(".print-answer[data-print-for='" + box.id + "']");
    if (!copy) {
      copy = document.createElement("div");
      copy.className = "print-answer";
      copy.setAttribute("data-print-for", box.id);
      copy.setAttribute("aria-hidden", "true");
      copy.setAttribute("dir", "auto");
      box.parentNode.insertBefore(copy, box.nextSibling);
    }
    return copy;
  }

  function update(box) {
    grow(box);
    copyFor(box).textContent = box.value;
  }

  function updateAll() {
    boxes.forEach(update);
  }

  boxes.forEach(function (box) {
    box.classList.add("autogrow");
    box.addEventListener("input", function () {
      update(box);
    });
    box.addEventListener("change", function () {
      update(box);
    });
  });
  window.addEventListener("resize", function () {
    boxes.forEach(grow);
  });
  window.addEventListener("beforeprint", updateAll);
  if (window.matchMedia) {
    var print = window.matchMedia("print");
    if (print.addEventListener) {
      print.addEventListener("change", function (event) {
        if (event.matches) updateAll();
      });
    }
  }
  updateAll();
  // Autosave may put back text kept in this browser after a lost connection, without an input event.
  window.setTimeout(updateAll, 300);
})();
