// Scenario pages: the price-list picker of a cost line, fields that only apply to some
// choices, and a confirmation before deleting. Everything also works without this file.
(function () {
  "use strict";

  function veld(form, naam) { return form.querySelector("[name='" + naam + "']"); }

  function gekozen(form, naam) {
    var el = form.querySelector("[name='" + naam + "']:checked") || veld(form, naam);
    return el ? el.value : "";
  }

  function toon(form, naam, zichtbaar) {
    var wrapper = form.querySelector("#div_id_" + naam);
    if (wrapper) { wrapper.hidden = !zichtbaar; }
  }

  function werkZichtbaarheidBij(form) {
    toon(form, "kans", gekozen(form, "situatie") === "dreigend");
    var eenheid = gekozen(form, "frequentie");
    // A quantity (one-off, hours, pieces) has no duration; a rate per day/week/month/year has.
    toon(form, "duur_maanden", ["eenmalig", "per_uur", "per_stuk"].indexOf(eenheid) === -1);
  }

  function initKostenregel(form) {
    var picker = veld(form, "prijslijstitem");
    var vorigeNaam = "";
    if (picker && picker.selectedOptions.length) {
      vorigeNaam = picker.selectedOptions[0].getAttribute("data-omschrijving") || "";
    }
    if (picker) {
      picker.addEventListener("change", function () {
        var optie = picker.selectedOptions[0];
        if (!optie || !optie.value) { vorigeNaam = ""; return; }
        var prijs = veld(form, "prijs");
        var geldstroom = veld(form, "geldstroom");
        var betaler = veld(form, "betaler");
        var omschrijving = veld(form, "omschrijving");
        if (prijs) { prijs.value = optie.getAttribute("data-prijs") || ""; }
        if (geldstroom) { geldstroom.value = optie.getAttribute("data-geldstroom") || ""; }
        if (betaler) { betaler.value = optie.getAttribute("data-betaler") || ""; }
        var frequentie = optie.getAttribute("data-frequentie");
        form.querySelectorAll("input[name='frequentie']").forEach(function (radio) {
          radio.checked = radio.value === frequentie;
        });
        werkZichtbaarheidBij(form);
        var naam = optie.getAttribute("data-omschrijving") || "";
        if (omschrijving && (omschrijving.value === "" || omschrijving.value === vorigeNaam)) {
          omschrijving.value = naam;
        }
        vorigeNaam = naam;
      });
    }
    form.addEventListener("change", function (event) {
      var naam = event.target && event.target.name;
      if (naam === "situatie" || naam === "frequentie") { werkZichtbaarheidBij(form); }
    });
    werkZichtbaarheidBij(form);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form.omo-kostenregel").forEach(initKostenregel);
  });

  // Forms with data-bevestig ask before they are sent (also inside htmx-swapped content).
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var vraag = form && form.getAttribute && form.getAttribute("data-bevestig");
    if (vraag && !window.confirm(vraag)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
