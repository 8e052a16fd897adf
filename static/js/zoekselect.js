// A select with data-zoekbaar gets a search box above it: typing hides the options that do not
// match (name, role or organisation). Without JavaScript the plain select still works.
(function () {
  "use strict";
  function maakZoekbaar(select) {
    var id = select.id + "-zoek";
    var label = document.createElement("label");
    label.className = "form-label small mb-1";
    label.htmlFor = id;
    label.textContent = select.dataset.zoekbaar;
    var invoer = document.createElement("input");
    invoer.type = "search";
    invoer.id = id;
    invoer.className = "form-control form-control-sm mb-1";
    invoer.setAttribute("aria-controls", select.id);
    invoer.autocomplete = "off";
    var status = document.createElement("span");
    status.className = "visually-hidden";
    status.setAttribute("aria-live", "polite");
    invoer.addEventListener("input", function () {
      var term = invoer.value.trim().toLowerCase();
      var zichtbaar = 0;
      Array.prototype.forEach.call(select.options, function (optie) {
        var past = !optie.value || optie.text.toLowerCase().indexOf(term) !== -1;
        optie.hidden = !past;
        if (past && optie.value) { zichtbaar += 1; }
      });
      status.textContent = zichtbaar + " " + (select.dataset.zoekbaarAantal || "");
    });
    select.parentNode.insertBefore(label, select);
    select.parentNode.insertBefore(invoer, select);
    select.parentNode.insertBefore(status, select);
  }
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("select[data-zoekbaar]").forEach(maakZoekbaar);
  });
})();
