// Progress of a background job (an upload being checked, a workbook being made), updated without reloading.
// Markup: an element with data-progress and data-status-url, holding a <progress> and a [data-progress-text].
// The status URL answers JSON with `progress` (0–100), a message, and `finished` (or `checking: false`).
// Without JavaScript the page's own "Check progress" link or button reloads it instead.
(function () {
  var box = document.querySelector("[data-progress]");
  if (!box || !window.fetch) { return; }
  var bar = box.querySelector("progress");
  var text = box.querySelector("[data-progress-text]");
  function poll() {
    fetch(box.getAttribute("data-status-url"), { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (status) {
        if (status.finished === true || status.checking === false) { window.location.reload(); return; }
        if (bar) { bar.value = status.progress; bar.textContent = status.progress + "%"; }
        if (text) {
          var message = status.message || status.stage || status.status_label || status.label || "";
          text.textContent = message + " (" + status.progress + "% done)";
        }
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  window.setTimeout(poll, 500);
})();
