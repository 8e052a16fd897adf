// Canvas pages: keep typed text safe when a request fails (expired session, refused token, no
// connection) and send the current CSRF token, which changes when the user logs in again in
// another tab. The text stays in the form; nothing is written to browser storage.
(function () {
  "use strict";

  // htmx notes the current path in sessionStorage for its history feature, which these pages do
  // not use (hx-history="false"): remove it, so the browser keeps nothing of the canvas pages.
  try { window.sessionStorage.removeItem("htmx-current-path-for-history"); } catch (e) { /* no storage */ }

  function cookie(name) {
    var parts = document.cookie ? document.cookie.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].substring(0, eq) === name) {
        return decodeURIComponent(parts[i].substring(eq + 1));
      }
    }
    return null;
  }

  // Before every htmx request: the token from the cookie, in the header and in the form data
  // (Django reads a token in the form data before the header).
  document.addEventListener("htmx:configRequest", function (evt) {
    var token = cookie("csrftoken");
    if (!token) { return; }
    evt.detail.headers["X-CSRFToken"] = token;
    var data = evt.detail.formData;
    if (data && typeof data.has === "function" && data.has("csrfmiddlewaretoken")) {
      data.set("csrfmiddlewaretoken", token);
    }
  });

  function section(elt) {
    return elt && elt.closest ? elt.closest("[data-canvas-sectie]") : null;
  }

  function alertArea(elt) {
    var sec = section(elt);
    return sec ? sec.querySelector("[data-canvas-melding]") : null;
  }

  function show(elt, kind) {
    var area = alertArea(elt);
    if (!area) { return; }
    if (kind === "sessie" && !(elt.closest && elt.closest("form"))) { kind = "sessie-lezen"; }
    if (area.getAttribute("data-soort") === kind) { return; }
    var template = document.getElementById("canvas-melding-" + kind);
    if (!template) { return; }
    var box = document.createElement("div");
    box.className = kind === "verbinding" ? "alert alert-warning" : "alert alert-danger";
    box.appendChild(template.content.cloneNode(true));
    area.replaceChildren(box);
    area.setAttribute("data-soort", kind);
  }

  function hide(elt) {
    var area = alertArea(elt);
    if (area && area.hasAttribute("data-soort")) {
      area.replaceChildren();
      area.removeAttribute("data-soort");
    }
  }

  document.addEventListener("htmx:afterRequest", function (evt) {
    var elt = evt.detail.elt;
    if (!section(elt)) { return; }
    var status = evt.detail.xhr ? evt.detail.xhr.status : 0;
    if (evt.detail.successful) {
      hide(elt);
    } else if (status === 401) {
      show(elt, "sessie");
    } else if (status === 403) {
      show(elt, "geweigerd");
    } else if (status === 0) {
      show(elt, "verbinding");
    } else {
      show(elt, "fout");
    }
  });

  document.addEventListener("htmx:sendError", function (evt) {
    if (section(evt.detail.elt)) { show(evt.detail.elt, "verbinding"); }
  });

  // After a section is swapped in: focus the first field with an error, else the first field
  // of a form, else the section's heading, so keyboard and screen reader users stay in place.
  document.addEventListener("htmx:afterSettle", function (evt) {
    var target = evt.detail.target;
    if (!target || !target.id || target.id.indexOf("sectie-") !== 0) { return; }
    var sec = document.getElementById(target.id);
    if (!sec) { return; }
    var focus = sec.querySelector(".is-invalid") ||
      sec.querySelector("[data-canvas-form] textarea, [data-canvas-form] input[type=radio]") ||
      sec.querySelector("h2, h3");
    if (focus) { focus.focus(); }
  });
})();
