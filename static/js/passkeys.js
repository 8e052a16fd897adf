// Account page: after a passkey was added (django-otp-webauthn's register script says so with
// an event), show the list again from the server, with the new passkey in it.
document.addEventListener("otp_webauthn.register_complete", () => {
  window.setTimeout(() => window.location.reload(), 800);
});
