// The header's menu button on a narrow screen: the navigation and the user's tools fold away
// behind it. Without this script the header simply shows everything (nothing is lost).
// Loaded as a file: the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  function start() {
    var header = document.querySelector("header.top");
    var button = document.getElementById("menu-button");
    if (!header || !button) { return; }
    document.documentElement.classList.add("js");
    button.hidden = false;
    button.addEventListener("click", function () {
      var open = header.classList.toggle("open");
      button.setAttribute("aria-expanded", open ? "true" : "false");
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
