(function () {
  "use strict";
  var root = document.documentElement;
  var tip = document.getElementById("tip");
  function show(ev) {
    var t = ev.target.closest("[data-tip]");
    if (!t || !tip) { return; }
    tip.textContent = t.getAttribute("data-tip");
    tip.style.display = "block";
    tip.style.left = (ev.pageX + 14) + "px";
    tip.style.top = (ev.pageY + 10) + "px";
  }
  function hide(ev) {
    if (tip && ev.target.closest("[data-tip]")) { tip.style.display = "none"; }
  }
  document.addEventListener("mouseover", show);
  document.addEventListener("mousemove", function (ev) {
    if (tip && tip.style.display === "block") {
      tip.style.left = (ev.pageX + 14) + "px";
      tip.style.top = (ev.pageY + 10) + "px";
    }
  });
  document.addEventListener("mouseout", hide);
  var box = document.getElementById("timeline-filter");
  if (box) {
    box.addEventListener("input", function () {
      var q = box.value.toLowerCase();
      var rows = document.querySelectorAll("tr.timeline-row");
      var shown = 0;
      for (var i = 0; i < rows.length; i++) {
        var hit = rows[i].textContent.toLowerCase().indexOf(q) !== -1;
        rows[i].style.display = hit ? "" : "none";
        if (hit) { shown++; }
      }
      var n = document.getElementById("timeline-count");
      if (n) { n.textContent = String(shown); }
    });
  }
  root.setAttribute("data-brief-ready", "1");
})();
