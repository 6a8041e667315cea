// Polls an export job and moves the <progress> bar; shows the download link when done.
// Loaded as a file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  function start() {
    var box = document.getElementById("export");
    if (!box) { return; }
    var bar = document.getElementById("export-progress");
    var state = document.getElementById("export-state");
    var link = document.getElementById("export-download");
    var texts = document.getElementById("export-texts").dataset;
    function poll() {
      fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (response) { return response.json(); })
        .then(function (job) {
          bar.value = job.progress;
          bar.textContent = job.progress + " %";
          if (job.status === "done" && job.download_url) {
            state.textContent = texts.done;
            link.hidden = false;
          } else if (job.status === "failed") {
            state.textContent = texts.failed;
          } else if (job.status !== "done") {
            window.setTimeout(poll, 1000);
          }
        })
        .catch(function () { window.setTimeout(poll, 3000); });
    }
    if (link.hidden) { poll(); }
  }
  document.addEventListener("DOMContentLoaded", start);
})();
