// OMO's own behaviour. No inline scripts anywhere (Content-Security-Policy).
document.addEventListener("DOMContentLoaded", function () {
  // Put focus on the first field with an error, so keyboard and screen reader users land there.
  var invalid = document.querySelector(".is-invalid");
  if (invalid) { invalid.focus(); }
});

// A form that acts is sent once: after the first submit its buttons are disabled, so a double
// click sends one request. The server is the real guarantee (one-time tokens, omo.eenmalig);
// this only spares the second request. htmx forms and GET forms (filters) are left alone.
document.addEventListener("submit", function (event) {
  var form = event.target;
  if (event.defaultPrevented || (form.getAttribute("method") || "").toLowerCase() !== "post" || form.hasAttribute("hx-post")) { return; }
  if (form.dataset.omoVerstuurd) { event.preventDefault(); return; }
  form.dataset.omoVerstuurd = "1";
  var knop = event.submitter;
  if (knop && knop.name) {
    // A disabled button is not sent with the form: keep which button was pressed.
    var veld = document.createElement("input");
    veld.type = "hidden";
    veld.name = knop.name;
    veld.value = knop.value;
    form.appendChild(veld);
  }
  form.querySelectorAll("button:not([type=button]):not([type=reset]), input[type=submit]").forEach(function (b) {
    b.disabled = true;
  });
});
// Back to a page from the browser's cache: its forms can be sent again (a new action).
window.addEventListener("pageshow", function (event) {
  if (!event.persisted) { return; }
  document.querySelectorAll("form[data-omo-verstuurd]").forEach(function (form) {
    delete form.dataset.omoVerstuurd;
    form.querySelectorAll("button, input[type=submit]").forEach(function (b) { b.disabled = false; });
  });
});
