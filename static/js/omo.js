// OMO's own behaviour. No inline scripts anywhere (Content-Security-Policy).
document.addEventListener("DOMContentLoaded", function () {
  // Put focus on the first field with an error, so keyboard and screen reader users land there.
  var invalid = document.querySelector(".is-invalid");
  if (invalid) { invalid.focus(); }
});
