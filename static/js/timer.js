// The timebox of an agenda item in meeting mode: questions first, then the solution.
// The remaining time is shown as text; a polite live region announces the phase changes and
// the last minutes, never every second.
(function () {
  "use strict";
  document.querySelectorAll(".omo-timer").forEach(function (box) {
    var fases = [
      { naam: "vragen", minuten: parseInt(box.dataset.vragen, 10) || 15, label: "Vragen" },
      { naam: "oplossing", minuten: parseInt(box.dataset.oplossing, 10) || 15, label: "Oplossing" },
    ];
    var tijd = box.querySelector(".omo-timer-tijd");
    var faseTekst = box.querySelector(".omo-timer-fase");
    var melding = box.querySelector("[aria-live]");
    var fase = 0, rest = fases[0].minuten * 60, timer = null;

    function toon() {
      var m = Math.floor(Math.abs(rest) / 60), s = Math.abs(rest) % 60;
      tijd.textContent = (rest < 0 ? "−" : "") + m + ":" + (s < 10 ? "0" : "") + s;
      box.classList.toggle("omo-timer-over", rest < 0);
    }
    function meld(tekst) { melding.textContent = tekst; }
    function zetFase(i) {
      fase = i; rest = fases[i].minuten * 60;
      faseTekst.textContent = fases[i].label + ": " + fases[i].minuten + " minuten.";
      meld(fases[i].label + ": " + fases[i].minuten + " minuten.");
      toon();
    }
    function tik() {
      rest -= 1;
      toon();
      if (rest === 0) {
        if (fase === 0) { zetFase(1); } else { meld("De tijd voor dit punt is om."); }
      } else if (rest > 0 && rest % 60 === 0 && rest <= 300) {
        meld("Nog " + rest / 60 + " minuten " + fases[fase].label.toLowerCase() + ".");
      }
    }
    box.querySelector(".omo-timer-start").addEventListener("click", function () {
      if (!timer) { timer = window.setInterval(tik, 1000); meld("Tijd loopt: " + fases[fase].label.toLowerCase() + "."); }
    });
    box.querySelector(".omo-timer-pauze").addEventListener("click", function () {
      if (timer) { window.clearInterval(timer); timer = null; meld("Gepauzeerd."); }
    });
    box.querySelector(".omo-timer-volgende").addEventListener("click", function () { zetFase(1); });
    box.querySelector(".omo-timer-reset").addEventListener("click", function () {
      if (timer) { window.clearInterval(timer); timer = null; }
      zetFase(0);
    });
    toon();
  });
})();

// The outcome form: the fields that belong to one outcome (the alternatives for a
// bezinningsperiode, the escalation fields for escaleren) are shown when that outcome is chosen.
// Without JavaScript every field stays visible.
(function () {
  "use strict";
  document.querySelectorAll("form.omo-uitkomst").forEach(function (form) {
    var radios = form.querySelectorAll('input[type="radio"][name$="uitkomst"]');
    function gekozen() {
      var waarde = "";
      radios.forEach(function (r) { if (r.checked) { waarde = r.value; } });
      return waarde;
    }
    function werkBij() {
      var waarde = gekozen();
      form.querySelectorAll("[data-toon-bij]").forEach(function (deel) {
        deel.hidden = deel.dataset.toonBij !== waarde;
      });
    }
    radios.forEach(function (r) { r.addEventListener("change", werkBij); });
    werkBij();
  });
})();
