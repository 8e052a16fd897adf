// Report sections: htmx saves a section while the OMO-functionaris types (see
// templates/rapportage/rapporten/detail.html). htmx itself shows the answer ("Opgeslagen om …" or
// the conflict); this file only says so when the request failed (no connection, session expired,
// refused), so nobody believes a text is saved when it is not. The typed text stays in the field.
// The texts are in the page (<template id="rapport-melding-…">), translated by the server.
(function () {
  "use strict";

  function soort(code) {
    if (code === 0) { return "verbinding"; }
    if (code === 401) { return "sessie"; }
    if (code === 403) { return "geweigerd"; }
    return "fout";
  }

  function toon(elt, code) {
    var sec = elt && elt.closest ? elt.closest("[data-rapport-sectie]") : null;
    var area = sec ? document.getElementById("status-" + sec.getAttribute("data-rapport-sectie")) : null;
    var template = document.getElementById("rapport-melding-" + soort(code));
    if (!area || !template) { return; }
    var span = document.createElement("span");
    span.className = "text-danger fw-semibold";
    span.appendChild(template.content.cloneNode(true));
    area.replaceChildren(span);
  }

  document.addEventListener("htmx:responseError", function (evt) {
    toon(evt.detail.elt, evt.detail.xhr ? evt.detail.xhr.status : 0);
  });
  document.addEventListener("htmx:sendError", function (evt) { toon(evt.detail.elt, 0); });
})();
