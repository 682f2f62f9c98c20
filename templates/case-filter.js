// papersmith: instant filtering for the case-study library. The page works without it:
// the sector and value links jump to the grouped lists further down.
(function () {
  "use strict";
  var list = document.querySelector(".case-list");
  var status = document.querySelector(".filter-status");
  var links = document.querySelectorAll("[data-filter]");
  if (!list || !status || links.length === 0) return;
  var cards = list.querySelectorAll(".card");
  var current = "";

  function matches(card, filter) {
    if (!filter) return true;
    var parts = filter.split(":");
    var attr = parts[0] === "sector" ? "data-sectors" : "data-values";
    return (" " + (card.getAttribute(attr) || "") + " ").indexOf(" " + parts[1] + " ") >= 0;
  }

  function apply(filter, label) {
    current = filter;
    var shown = 0;
    cards.forEach(function (card) {
      var show = matches(card, filter);
      card.hidden = !show;
      if (show) shown++;
    });
    links.forEach(function (link) {
      if (link.getAttribute("data-filter")) link.setAttribute("aria-pressed", String(link.getAttribute("data-filter") === filter));
    });
    status.textContent = filter ? "Showing " + shown + " of " + cards.length + " case studies: " + label + ". " : "";
    if (filter) {
      var clear = document.createElement("button");
      clear.type = "button";
      clear.textContent = "Show all case studies";
      clear.addEventListener("click", function () { apply("", ""); });
      status.appendChild(clear);
    }
  }

  links.forEach(function (link) {
    var filter = link.getAttribute("data-filter");
    if (!filter) return;
    link.setAttribute("role", "button");
    link.setAttribute("aria-pressed", "false");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var label = link.firstChild ? link.firstChild.textContent : filter;
      apply(current === filter ? "" : filter, label);
      document.getElementById("_all-heading").scrollIntoView({ block: "start" });
    });
    link.addEventListener("keydown", function (event) {
      if (event.key === " ") { event.preventDefault(); link.click(); }
    });
  });
})();
