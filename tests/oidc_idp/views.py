"""The provider's own views: the token and authorize endpoints with test faults, and test control."""

import base64
import hmac
import ipaddress
import json

import jwt
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.sessions.models import Session
from django.db import transaction
from django.http import HttpResponse, HttpResponseForbidden, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oidc_provider import views as oidc_views
from oidc_provider.lib.errors import AuthorizeError
from oidc_provider.lib.utils.common import redirect
from oidc_provider.models import Client, Code, Token, UserConsent

from .claims import FAULTS, REFUSED, SIGNATURE_FAULTS, TAMPERED, TOKEN_FAULTS
from .models import TokenFault


def take_fault(kinds):
    """The pending fault if it is one of `kinds`; it is used up."""
    with transaction.atomic():
        fault = TokenFault.objects.select_for_update().first()
        if fault is None or fault.mode not in kinds:
            return None
        fault.delete()
        return fault.mode


def _b64decode(part):
    return base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))


def _b64encode(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def spoil_signature(id_token, mode):
    """An ID token whose signature does not hold: re-signed with a stranger's key under the same
    key id, or its payload changed after signing (the groups claim gains a group)."""
    header = jwt.get_unverified_header(id_token)
    payload = jwt.decode(id_token, options={"verify_signature": False})
    if mode == TAMPERED:
        head, body, signature = id_token.split(".")
        claims = json.loads(_b64decode(body))
        claims["groups"] = [*claims.get("groups", []), "beheerders"]
        return ".".join([head, _b64encode(json.dumps(claims).encode()), signature])
    stranger = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return jwt.encode(payload, stranger, algorithm="RS256", headers={"kid": header.get("kid")})


class TokenView(oidc_views.TokenView):
    def post(self, request, *args, **kwargs):
        if request.POST.get("grant_type") == "authorization_code":
            request.idp_token_fault = take_fault(TOKEN_FAULTS)
        response = super().post(request, *args, **kwargs)
        mode = getattr(request, "idp_token_fault", None)
        if mode in SIGNATURE_FAULTS and response.status_code == 200:
            body = json.loads(response.content)
            body["id_token"] = spoil_signature(body["id_token"], mode)
            response.content = json.dumps(body).encode()
        return response


class AuthorizeView(oidc_views.AuthorizeView):
    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated and take_fault({REFUSED}):
            authorize = self.authorize_endpoint_class(request)
            authorize.validate_params()
            error = AuthorizeError(authorize.params["redirect_uri"], "access_denied", authorize.grant_type)
            return redirect(error.create_uri(authorize.params["redirect_uri"], authorize.params["state"]))
        return super().get(request, *args, **kwargs)


def no_icon(request):
    """Browsers ask for an icon; an empty answer keeps their console free of 404s."""
    return HttpResponse(status=204)


# ---- test control ------------------------------------------------------------------------------


def _allowed(request):
    given = request.headers.get("X-Idp-Control", "")
    loopback = ipaddress.ip_address(request.META.get("REMOTE_ADDR", "0.0.0.0")).is_loopback
    return loopback and hmac.compare_digest(given, settings.CONTROL_SECRET)


def _set_groups(user, names):
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in names])


def _sessions_of(user):
    for session in Session.objects.filter(expire_date__gt=timezone.now()):
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            yield session


def reset(data=None):
    User = get_user_model()
    TokenFault.objects.all().delete()
    Token.objects.all().delete()
    Code.objects.all().delete()
    UserConsent.objects.all().delete()
    Session.objects.all().delete()
    User.objects.all().delete()
    Group.objects.all().delete()
    client = Client.objects.get(client_id=settings.CLIENT_ID)
    client.redirect_uris = []
    client.post_logout_redirect_uris = []
    client.save()
    return {}


def user(data):
    User = get_user_model()
    account, _ = User.objects.get_or_create(username=data["username"])
    account.set_password(data["password"])
    account.email = data.get("email", "")
    first, _, last = data.get("name", "").partition(" ")
    account.first_name, account.last_name = first, last
    account.is_active = data.get("active", True)
    account.save()
    _set_groups(account, data.get("groups", []))
    return {"id": account.pk}


def groups(data):
    account = get_user_model().objects.get(username=data["username"])
    _set_groups(account, data["groups"])
    return {}


def fault(data):
    mode = data["mode"]
    if mode not in FAULTS:
        raise ValueError(f"unknown fault {mode!r}; known: {sorted(FAULTS)}")
    TokenFault.objects.all().delete()
    TokenFault.objects.create(mode=mode)
    return {}


def session(data):
    account = get_user_model().objects.filter(username=data["username"]).first()
    return {"session": bool(account and any(_sessions_of(account)))}


def client(data):
    account = Client.objects.get(client_id=settings.CLIENT_ID)
    account.redirect_uris = sorted(set(account.redirect_uris) | set(data.get("redirect_uris", [])))
    account.post_logout_redirect_uris = [
        *account.post_logout_redirect_uris,
        *[uri for uri in data.get("post_logout_redirect_uris", []) if uri not in account.post_logout_redirect_uris],
    ]
    account.save()
    return {"redirect_uris": account.redirect_uris, "post_logout_redirect_uris": account.post_logout_redirect_uris}


ACTIONS = {"reset": reset, "user": user, "groups": groups, "fault": fault, "session": session, "client": client}


@csrf_exempt
@require_POST
def control(request):
    """Test control (only on loopback with the shared secret): POST {"action": ..., ...}."""
    if not _allowed(request):
        return HttpResponseForbidden("no")
    data = json.loads(request.body or b"{}")
    try:
        result = ACTIONS[data.pop("action")](data)
    except (KeyError, ValueError, get_user_model().DoesNotExist) as exc:
        return JsonResponse({"error": repr(exc)}, status=400)
    return JsonResponse(result)
