"""Stand-in pages for the passkey tests: OMO's URLs plus two pages that include the passkey
parts the way the second-factor pages do (`omo/tweedefactor/_passkeys.html` on the account
page, `_passkey_verifieer.html` at the code step), and a stand-in for the code step that marks
the session as verified with the user's authenticator app."""

from django.http import HttpResponse
from django.shortcuts import redirect
from django.template import engines
from django.urls import path
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from omo.urls import handler400, handler403, handler404  # noqa: F401
from omo.urls import urlpatterns as omo_urlpatterns

_ACCOUNT = """{% extends "base.html" %}{% block content %}<h1>Tweede factor</h1>
{% include "omo/tweedefactor/_passkeys.html" %}{% endblock %}"""
_CODE = """{% extends "base.html" %}{% block content %}<h1>Code</h1>
<form method="post"><input type="hidden" name="next" value="{{ request.GET.next }}"></form>
{% include "omo/tweedefactor/_passkey_verifieer.html" %}{% endblock %}"""


def _render(bron, request):
    return HttpResponse(engines["django"].from_string(bron).render({}, request))


def account(request):
    return _render(_ACCOUNT, request)


def code(request):
    return _render(_CODE, request)


def verifieer_met_app(request):
    otp_login(request, TOTPDevice.objects.get(user=request.user))
    return redirect("test_account")


urlpatterns = [
    path("test/account/", account, name="test_account"),
    path("test/code/", code, name="test_code"),
    path("test/verifieer/", verifieer_met_app, name="test_verifieer"),
    *omo_urlpatterns,
]
