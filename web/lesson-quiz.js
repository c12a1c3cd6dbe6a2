// lesson-quiz.js — the lesson's questions (index.html's form.quiz).
//
// Each question works without this script: its answer and the reasons are
// in a <details> under it. With it, choosing an option marks it right or
// not, says so in a polite live region, and opens the answer. Nothing is
// stored or sent anywhere. Printing opens every answer.
"use strict";

(function () {
  function choose(form, input) {
    var right = input.hasAttribute("data-right");
    var options = form.querySelectorAll(".quiz-option");
    for (var i = 0; i < options.length; i++) options[i].classList.remove("is-right", "is-wrong");
    var label = input.closest(".quiz-option");
    if (label) label.classList.add(right ? "is-right" : "is-wrong");
    var verdict = form.querySelector(".quiz-verdict");
    if (verdict) verdict.textContent = right ? "Right. The answer below says why." : "Not this one. The answer below says why.";
    var answer = form.querySelector(".quiz-answer");
    if (answer) answer.open = true;
  }

  function init() {
    var forms = document.querySelectorAll("form.quiz");
    for (var i = 0; i < forms.length; i++) {
      var form = forms[i];
      form.addEventListener("change", function (ev) {
        var t = ev.target;
        if (t && t.type === "radio" && t.checked) choose(this, t);
      });
      form.addEventListener("submit", function (ev) { ev.preventDefault(); });
    }
    window.addEventListener("beforeprint", function () {
      var answers = document.querySelectorAll("form.quiz .quiz-answer");
      for (var k = 0; k < answers.length; k++) answers[k].open = true;
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
