// A long admin job's panel (a campaign sending, a WordPress import running): while the background
// worker works, poll the panel's data-progress-url and fill its [data-field] elements and its
// <progress> bar; once the job is finished, reload to show the report.
//
// The admin loads this script in the page's <head> (the form's media), before the body exists: it
// looks the panel up once the document is parsed.
(function () {
  "use strict";

  function followProgress() {
    var panel = document.querySelector("[data-progress-url]");
    if (!panel) return;
    var bar = panel.querySelector("progress");
    function show(data) {
      panel.querySelectorAll("[data-field]").forEach(function (element) {
        var value = data[element.dataset.field];
        if (value !== undefined && value !== null) element.textContent = value;
      });
      if (!bar) return;
      if (data.percent === null) {
        bar.removeAttribute("value"); // nothing known yet: an indeterminate bar
        bar.textContent = "";
      } else {
        bar.value = data.percent;
        bar.textContent = data.percent + "%";
      }
    }
    function poll() {
      fetch(panel.dataset.progressUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) {
          if (!response.ok) throw new Error(response.status);
          return response.json();
        })
        .then(function (data) {
          show(data);
          if (data.finished) window.location.reload();
          else window.setTimeout(poll, 1500);
        })
        .catch(function () {
          window.setTimeout(poll, 5000); // a restart or a dropped connection: keep trying, slower
        });
    }
    window.setTimeout(poll, 1000);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", followProgress);
  else followProgress();
})();
