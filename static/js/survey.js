// The survey on a phone: one question at a time, answers kept on the device until they are sent in one request.
// Progressive enhancement only. Without this script the start page uses the one-question-per-page flow on the
// server, and the one-page form is a single long form; the server checks every answer either way.
(function () {
  "use strict";

  // The start page: with JavaScript, start the one-page survey (no server round trip per question).
  var oneStart = document.querySelector("[data-survey-one-page-start]");
  var pageStart = document.querySelector("[data-survey-page-start]");
  if (oneStart && pageStart) {
    oneStart.hidden = false;
    pageStart.hidden = true;
  }

  // The confirmation page: forget the answers kept on this device.
  var sent = document.querySelector("[data-survey-sent]");
  if (sent) {
    try { window.localStorage.removeItem(sent.getAttribute("data-survey-sent")); } catch (e) { /* storage blocked */ }
  }

  var form = document.querySelector("form[data-module='app-survey']");
  // Answers sent back with problems are shown as one long form, with every problem listed at the top.
  if (!form || document.querySelector("[data-survey-errors]")) { return; }

  var steps = Array.prototype.slice.call(form.querySelectorAll(".app-survey-step"));
  if (!steps.length) { return; }
  var storageKey = form.getAttribute("data-storage-key");
  var checkPanel = form.querySelector("[data-survey-check]");
  var sendPanel = form.querySelector("[data-survey-send]");
  var nav = form.querySelector("[data-survey-nav]");
  var continueButton = form.querySelector("[data-survey-continue]");
  var back = document.querySelector("[data-survey-back]");
  var helpPanel = document.querySelector("[data-survey-help]");
  var errorSummary = document.querySelector("[data-survey-error-summary]");
  var serviceTitle = document.title.split(" – ").slice(1).join(" – ");
  var current = null;  // the index of the step shown, or "check"
  var backToCheck = false;  // came to a question from "Change" on the check page

  function byKey(key) {
    for (var i = 0; i < steps.length; i++) { if (steps[i].getAttribute("data-step") === key) { return steps[i]; } }
    return null;
  }

  function answerOf(step) {  // the chosen values, or the trimmed text, as a list
    var chosen = [];
    step.querySelectorAll("input, textarea").forEach(function (input) {
      if (input.type === "radio" || input.type === "checkbox") {
        if (input.checked) { chosen.push(input.value); }
      } else if (input.value.trim()) {
        chosen.push(input.value.trim());
      }
    });
    return chosen;
  }

  // The same rule as the server: shown when its condition holds on a shown earlier question.
  function isShown(step) {
    var key = step.getAttribute("data-show-if-key");
    if (!key) { return true; }
    var source = byKey(key);
    if (!source || !isShown(source)) { return false; }
    var wanted = step.getAttribute("data-show-if-values").split(" ");
    return answerOf(source).some(function (value) { return wanted.indexOf(value) !== -1; });
  }

  function shownSteps() { return steps.filter(isShown); }

  function isAnswered(step) { return answerOf(step).length > 0; }

  function firstUnanswered() {
    var shown = shownSteps();
    for (var i = 0; i < shown.length; i++) {
      if (shown[i].getAttribute("data-required") === "true" && !isAnswered(shown[i])) { return steps.indexOf(shown[i]); }
    }
    return null;
  }

  function save() {
    try {
      var kept = { nonce: form.elements.nonce.value, answers: {} };
      steps.forEach(function (step) { kept.answers[step.getAttribute("data-step")] = answerOf(step); });
      window.localStorage.setItem(storageKey, JSON.stringify(kept));
    } catch (e) { /* storage full or blocked: the answers stay on the page */ }
  }

  function restore() {
    var kept = null;
    try { kept = JSON.parse(window.localStorage.getItem(storageKey) || "null"); } catch (e) { return false; }
    if (!kept || !kept.answers) { return false; }
    if (kept.nonce) { form.elements.nonce.value = kept.nonce; }  // a resend after a lost connection is not a second response
    var any = false;
    steps.forEach(function (step) {
      var chosen = kept.answers[step.getAttribute("data-step")] || [];
      any = any || chosen.length > 0;
      step.querySelectorAll("input").forEach(function (input) { input.checked = chosen.indexOf(input.value) !== -1; });
      var text = step.querySelector("textarea");
      if (text) { text.value = chosen[0] || ""; text.dispatchEvent(new Event("keyup")); }
    });
    return any;
  }

  function problemWith(step) {
    var answer = answerOf(step);
    if (step.getAttribute("data-required") === "true" && !answer.length) { return step.getAttribute("data-empty-error"); }
    var max = parseInt(step.getAttribute("data-max-chars") || "0", 10);
    if (max && answer.length && answer[0].length > max) {
      return "Your answer must be " + max.toLocaleString("en-GB") + " characters or less";
    }
    return null;
  }

  function firstInput(step) { return step.querySelector("input, textarea"); }

  function clearError(step) {
    var group = step.querySelector(".govuk-form-group");
    group.classList.remove("govuk-form-group--error");
    var message = step.querySelector("[data-survey-error]");
    if (message) { message.parentNode.removeChild(message); }
    var described = step.querySelector("fieldset, textarea");
    if (described) {
      var ids = (described.getAttribute("aria-describedby") || "").split(" ").filter(function (id) {
        return id && id !== firstInput(step).id + "-error";
      });
      described.setAttribute("aria-describedby", ids.join(" "));
    }
    errorSummary.innerHTML = "";
  }

  function showError(step, text) {
    clearError(step);
    var input = firstInput(step);
    var group = step.querySelector(".govuk-form-group");
    group.classList.add("govuk-form-group--error");
    var message = document.createElement("p");
    message.className = "govuk-error-message";
    message.id = input.id + "-error";
    message.setAttribute("data-survey-error", "");
    var hidden = document.createElement("span");
    hidden.className = "govuk-visually-hidden";
    hidden.textContent = "Error:";
    message.appendChild(hidden);
    message.appendChild(document.createTextNode(" " + text));
    var hint = step.querySelector(".govuk-hint");
    hint.parentNode.insertBefore(message, hint.nextSibling);
    var described = step.querySelector("fieldset, textarea");
    described.setAttribute("aria-describedby", (described.getAttribute("aria-describedby") + " " + message.id).trim());

    var summary = document.createElement("div");
    summary.className = "govuk-error-summary";
    summary.setAttribute("tabindex", "-1");
    var alert = document.createElement("div");
    alert.setAttribute("role", "alert");
    var title = document.createElement("h2");
    title.className = "govuk-error-summary__title";
    title.textContent = "There is a problem";
    var body = document.createElement("div");
    body.className = "govuk-error-summary__body";
    var list = document.createElement("ul");
    list.className = "govuk-list govuk-error-summary__list";
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = "#" + input.id;
    link.textContent = text;
    link.addEventListener("click", function (event) { event.preventDefault(); input.focus(); });
    item.appendChild(link);
    list.appendChild(item);
    body.appendChild(list);
    alert.appendChild(title);
    alert.appendChild(body);
    summary.appendChild(alert);
    errorSummary.appendChild(summary);
    document.title = "Error: " + document.title.replace(/^Error: /, "");
    summary.focus();
  }

  function labelsOf(step) {
    var labels = [];
    step.querySelectorAll("input").forEach(function (input) {
      if (input.checked) { labels.push(step.querySelector("label[for='" + input.id + "']").textContent.trim()); }
    });
    var text = step.querySelector("textarea");
    if (text && text.value.trim()) { labels.push(text.value.trim()); }
    return labels.length ? labels.join(", ") : "Not answered";
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) { made.className = className; }
    if (text !== undefined) { made.textContent = text; }
    return made;
  }

  function buildCheck() {
    checkPanel.innerHTML = "";
    var heading = element("h2", "govuk-heading-l", "Check your answers before sending them");
    heading.setAttribute("tabindex", "-1");
    checkPanel.appendChild(heading);
    var section = null;
    var list = null;
    shownSteps().forEach(function (step) {
      if (list === null || step.getAttribute("data-section") !== section) {
        section = step.getAttribute("data-section");
        if (section) { checkPanel.appendChild(element("h3", "govuk-heading-m", section)); }
        list = element("dl", "govuk-summary-list govuk-!-margin-bottom-9");
        checkPanel.appendChild(list);
      }
      var question = step.querySelector(".govuk-fieldset__heading, .govuk-label").textContent.trim();
      var row = element("div", "govuk-summary-list__row");
      row.appendChild(element("dt", "govuk-summary-list__key", question));
      row.appendChild(element("dd", "govuk-summary-list__value app-pre-line", labelsOf(step)));
      var actions = element("dd", "govuk-summary-list__actions");
      var change = element("a", "govuk-link", "Change");
      change.href = "#question-" + step.getAttribute("data-step");
      change.appendChild(element("span", "govuk-visually-hidden", " your answer to: " + question));
      change.addEventListener("click", function (event) {
        event.preventDefault();
        backToCheck = true;
        show(steps.indexOf(step), true);
      });
      actions.appendChild(change);
      row.appendChild(actions);
      list.appendChild(row);
    });
    return heading;
  }

  function updateHelp() {  // the help contacts appear once an answer calls for them, and stay
    shownSteps().forEach(function (step) {
      var helpOn = (step.getAttribute("data-help-on") || "").split(" ").filter(Boolean);
      if (answerOf(step).some(function (value) { return helpOn.indexOf(value) !== -1; })) { helpPanel.hidden = false; }
    });
  }

  function show(target, remember, quietly) {
    steps.forEach(function (step) { step.hidden = true; });
    document.querySelectorAll("[data-survey-intro]").forEach(function (intro) { intro.hidden = true; });
    if (!quietly) { document.querySelector("[data-survey-restored]").hidden = true; }
    errorSummary.innerHTML = "";
    current = target;
    var focusOn;
    if (target === "check") {
      checkPanel.hidden = false;
      sendPanel.hidden = false;
      nav.hidden = true;
      focusOn = buildCheck();
      document.title = "Check your answers before sending them – " + serviceTitle;
    } else {
      var step = steps[target];
      var shown = shownSteps();
      checkPanel.hidden = true;
      sendPanel.hidden = true;
      nav.hidden = false;
      step.hidden = false;
      step.querySelector(".app-step-caption").textContent =
        "Question " + (shown.indexOf(step) + 1) + " of " + shown.length;
      continueButton.textContent = backToCheck ? "Save and check your answers" : "Continue";
      focusOn = step.querySelector(".govuk-fieldset__legend, .govuk-label-wrapper");
      focusOn.setAttribute("tabindex", "-1");
      document.title = step.querySelector(".govuk-fieldset__heading, .govuk-label").textContent.trim() + " – " + serviceTitle;
    }
    if (remember) {
      var hash = target === "check" ? "#check" : "#question-" + steps[target].getAttribute("data-step");
      window.history.pushState({ survey: target }, "", hash);
    }
    if (!quietly) {  // a new question: take the reader to it, as a new page would
      window.scrollTo(0, 0);
      focusOn.focus({ preventScroll: true });
    }
  }

  function next() {
    var step = steps[current];
    var problem = problemWith(step);
    if (problem) { showError(step, problem); return; }
    clearError(step);
    save();
    updateHelp();
    var missing = firstUnanswered();
    if (backToCheck && missing === null) { backToCheck = false; show("check", true); return; }
    var shown = shownSteps();
    var after = shown.filter(function (candidate) { return steps.indexOf(candidate) > current; });
    show(after.length ? steps.indexOf(after[0]) : (missing === null ? "check" : missing), true);
  }

  function previous() {
    var shown = shownSteps();
    if (current === "check") { return steps.indexOf(shown[shown.length - 1]); }
    var before = shown.filter(function (candidate) { return steps.indexOf(candidate) < current; });
    return before.length ? steps.indexOf(before[before.length - 1]) : null;
  }

  continueButton.addEventListener("click", next);
  form.addEventListener("change", save);
  form.addEventListener("submit", function (event) {
    if (current !== "check") { event.preventDefault(); next(); return; }  // Enter on a question means "Continue"
    save();
  });
  if (back) {
    back.addEventListener("click", function (event) {
      var before = previous();
      if (before === null) { return; }  // the first question: back to the start page
      event.preventDefault();
      backToCheck = false;
      show(before, true);
    });
  }
  window.addEventListener("popstate", function (event) {
    if (event.state && Object.prototype.hasOwnProperty.call(event.state, "survey")) { show(event.state.survey, false); }
  });

  var restored = restore();
  document.querySelector("[data-survey-restored]").hidden = !restored;
  var start = restored ? firstUnanswered() : 0;
  if (start === null) { start = "check"; }
  window.history.replaceState({ survey: start }, "");
  updateHelp();
  show(start, false, true);
})();
