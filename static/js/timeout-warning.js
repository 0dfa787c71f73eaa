// The GOV.UK timeout warning: shown a couple of minutes before a council officer's or provider admin's session
// ends (providers/sessions.py). "Stay signed in" asks the server to keep the session, without leaving the page.
// Without JavaScript, a meta refresh in the page head takes the page to "You have been signed out" instead.
(function () {
  "use strict";
  var dialog = document.getElementById("timeout-warning");
  if (!dialog || typeof dialog.showModal !== "function") { return; }
  var warnSeconds = parseInt(dialog.getAttribute("data-warn-seconds"), 10);
  var countdown = dialog.querySelector(".app-timeout-warning__countdown");
  var stay = dialog.querySelector("[data-timeout-stay]");
  var endsAt, warnTimer, tickTimer;

  function describe(seconds) {
    if (seconds >= 60) {
      var minutes = Math.ceil(seconds / 60);
      return minutes + (minutes === 1 ? " minute" : " minutes");
    }
    return seconds + (seconds === 1 ? " second" : " seconds");
  }

  function tick() {
    var left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    countdown.textContent = describe(left);
    if (left === 0) {
      window.location.href = dialog.getAttribute("data-signed-out-url");
    }
  }

  function schedule(secondsLeft) {
    endsAt = Date.now() + secondsLeft * 1000;
    clearTimeout(warnTimer);
    clearInterval(tickTimer);
    warnTimer = setTimeout(function () {
      tick();
      dialog.showModal();
      stay.focus();
      tickTimer = setInterval(tick, 1000);
    }, Math.max(0, (secondsLeft - warnSeconds) * 1000));
  }

  stay.form.addEventListener("submit", function (event) {
    event.preventDefault();
    var request = new XMLHttpRequest();
    request.open("POST", stay.form.action);
    request.setRequestHeader("Content-Type", "application/x-www-form-urlencoded");
    request.onload = function () {
      if (request.status === 204) {
        dialog.close();
        schedule(parseInt(dialog.getAttribute("data-seconds-left"), 10));
      } else {
        window.location.href = dialog.getAttribute("data-signed-out-url");
      }
    };
    request.send(new URLSearchParams(new FormData(stay.form)).toString());
  });
  dialog.addEventListener("cancel", function (event) { event.preventDefault(); });
  schedule(parseInt(dialog.getAttribute("data-seconds-left"), 10));
})();
