// Request form: choosing a scenario fills in the amount proposed from its kassabon, unless the
// user has typed another amount. Without this file the links "Neem … over" do the same.
(function () {
  "use strict";

  function init(form) {
    var scenario = form.querySelector("select[name='scenario']");
    var bedrag = form.querySelector("input[name='bedrag']");
    if (!scenario || !bedrag) { return; }
    function voorstel() {
      var optie = scenario.selectedOptions[0];
      return optie ? optie.getAttribute("data-voorstel") || "" : "";
    }
    var vorige = voorstel();
    scenario.addEventListener("change", function () {
      var nieuw = voorstel();
      if (bedrag.value === "" || bedrag.value === vorige) {
        bedrag.value = nieuw;
      }
      vorige = nieuw;
      var nu = form.querySelector("[data-voorstel-nu]");
      if (nu) { nu.hidden = true; }
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.omo-aanvraag").forEach(init);
  });
})();
