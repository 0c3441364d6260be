/*
 * On a phone the tips and the FAQ follow the questions. The link after them leads back to the question being
 * written (the last answer box that had the focus) and puts the cursor back in its box. Without JavaScript it
 * leads to question 1.
 */
(function () {
  "use strict";

  var link = document.getElementById("back-to-question");
  if (!link) return;
  var current = null;

  document.querySelectorAll("section.question[id]").forEach(function (section) {
    var box = section.querySelector("textarea");
    if (!box) return;
    box.addEventListener("focus", function () {
      current = section;
      var number = section.querySelector(".question-number");
      link.href = "#" + section.id;
      link.textContent = "Back to question " + (number ? number.textContent.replace(/\.\s*$/, "") : "");
    });
  });

  link.addEventListener("click", function () {
    var section = current || document.querySelector("section.question[id]");
    var box = section && section.querySelector("textarea");
    if (box) window.setTimeout(function () { box.focus(); }, 0);
  });
})();
