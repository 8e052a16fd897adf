"""Request middleware of the shared core: session limits and the audit context."""

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.contrib.auth.middleware import LoginRequiredMiddleware as DjangoLoginRequiredMiddleware
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from pghistory.middleware import HistoryMiddleware

SESSION_START_KEY = "omo_sessie_start"
SESSION_ACTIVE_KEY = "omo_sessie_actief"
# The idle clock (SESSION_COOKIE_AGE) is pushed ahead at most once per interval: the session row
# is written once a minute instead of on every request.
SESSION_TOUCH_INTERVAL = timedelta(seconds=60)


def client_ip(request) -> str | None:
    """The client's address as the web server saw it (no X-Forwarded-For trust by default)."""
    return request.META.get("REMOTE_ADDR") or None


def start_session_clock(sender, request, user, **kwargs):
    """On every login the 12 hours start again (connected to `user_logged_in`)."""
    now = timezone.now().isoformat()
    request.session[SESSION_START_KEY] = now
    request.session[SESSION_ACTIVE_KEY] = now


class SessionLimitMiddleware:
    """End a session 12 hours after login, however active it is (idle limit: SESSION_COOKIE_AGE)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(SESSION_START_KEY)
            now = timezone.now()
            if started is None:
                request.session[SESSION_START_KEY] = now.isoformat()
            elif now - datetime.fromisoformat(started) > settings.OMO_SESSION_MAX_AGE:
                logout(request)
                messages.info(
                    request, _("Je sessie duurde langer dan 12 uur en is beëindigd. Log opnieuw in.")
                )
            else:
                active = request.session.get(SESSION_ACTIVE_KEY)
                if active is None or now - datetime.fromisoformat(active) >= SESSION_TOUCH_INTERVAL:
                    # Marks the session modified: it is saved with a new idle expiry.
                    request.session[SESSION_ACTIVE_KEY] = now.isoformat()
        return self.get_response(request)


class AuditContextMiddleware(HistoryMiddleware):
    """Attach who, from where and which request to every audit event written in a request."""

    def get_context(self, request):
        context = super().get_context(request)
        request.omo_request_id = getattr(request, "omo_request_id", None) or uuid.uuid4().hex
        context.update(
            {
                "methode": request.method,
                "ip": client_ip(request),
                "request_id": request.omo_request_id,
            }
        )
        return context


class LoginRequiredMiddleware(DjangoLoginRequiredMiddleware):
    """Django's login requirement, but an htmx request without a session gets 401 instead of a
    redirect: htmx would follow the redirect and swap the login page into the page, over the
    form the user was typing in. The page's script shows a "session expired" banner instead."""

    def handle_no_permission(self, request, view_func):
        if request.headers.get("HX-Request"):
            return HttpResponse(
                _("Je sessie is verlopen. Log opnieuw in; wat je typte is nog niet opgeslagen."),
                status=401,
                content_type="text/plain; charset=utf-8",
            )
        return super().handle_no_permission(request, view_func)


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every response to a logged-in user.

    Pages, htmx fragments, exports, redirects and error pages of a logged-in user may hold case
    data (a redirect's address can hold a search term) that a shared computer's browser cache
    must not keep. Placed right after SessionMiddleware, so that on the way back it sees the
    response as every later middleware left it, including CommonMiddleware's slash redirects.
    AuthenticationMiddleware has not run yet on the way in: a login in the session marks the
    request as a logged-in user's (a logout included), and on the way back `request.user` does
    (a login included).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        had_login = session is not None and SESSION_KEY in session
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if had_login or (user is not None and user.is_authenticated):
            # Replaces any earlier directives: a view's max-age or "public" must not allow
            # storing after all.
            response["Cache-Control"] = "no-store, private"
        return response


class WachtwoordWijzigenMiddleware:
    """A logged-in user who must change their password (`User.moet_wachtwoord_wijzigen`, set by a
    beheerder) goes to the password page first; only that page, its "done" page, logging out,
    the health check and static files are open until then. An htmx request gets 401 with a
    plain-text message instead of a redirect (see LoginRequiredMiddleware)."""

    OPEN = frozenset({"password_change", "password_change_done", "logout", "gezondheid"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.shortcuts import redirect

        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or not getattr(user, "moet_wachtwoord_wijzigen", False):
            return None
        if tweede_stap_open(request):
            # The second factor comes first (TweedeFactorMiddleware keeps the session on its pages).
            return None
        match = request.resolver_match
        if (match is not None and match.view_name in self.OPEN) or request.path_info.startswith(settings.STATIC_URL):
            return None
        if request.headers.get("HX-Request"):
            return HttpResponse(
                _("Kies eerst een nieuw wachtwoord: herlaad de pagina. Wat je typte is nog niet opgeslagen."),
                status=401,
                content_type="text/plain; charset=utf-8",
            )
        messages.info(request, _("Kies eerst een nieuw wachtwoord; daarna kun je verder in OMO."))
        return redirect("password_change")


# The session of a user whose password was right but who still owes the second factor
# (omo.views_inloggen sets it before `login()`, removes it once the code is right).
TWEEDE_STAP_KEY = "omo_tweede_stap"
# The pages such a session may open. Other modules add theirs (the passkey pages).
TWEEDE_STAP_OPEN = {
    "tweede_factor_code",
    "tweede_factor_instellen",
    "logout",
    "gezondheid",
    "favicon",
}
# Every view in these URL namespaces is open too (the passkey endpoints of django-otp-webauthn).
TWEEDE_STAP_OPEN_NAMESPACES = {"otp_webauthn"}


def tweede_stap_open(request) -> bool:
    """Whether `request` belongs to a session that still owes its second factor."""
    session = getattr(request, "session", None)
    user = getattr(request, "user", None)
    if session is None or user is None or not session.get(TWEEDE_STAP_KEY) or not user.is_authenticated:
        return False
    is_verified = getattr(user, "is_verified", None)
    return not (is_verified is not None and is_verified())


class TweedeFactorMiddleware:
    """A session that passed the password but not yet the second factor reaches only the code
    and enrolment pages (and the passkey endpoints), logging out, the health check and static
    files; every other page sends it to the code step, an htmx request gets 401 with a
    plain-text message (see LoginRequiredMiddleware). Sessions without the marker (made by the
    identity provider, or by `force_login` in tests) are left alone. Comes after
    AuthenticationMiddleware and OTPMiddleware, before WachtwoordWijzigenMiddleware: the
    second factor comes before a forced password change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        from django.shortcuts import redirect
        from django.utils.http import urlencode

        if not tweede_stap_open(request):
            return None
        match = request.resolver_match
        if match is not None and (
            match.view_name in TWEEDE_STAP_OPEN or set(match.namespaces) & TWEEDE_STAP_OPEN_NAMESPACES
        ):
            return None
        if request.path_info.startswith(settings.STATIC_URL):
            return None
        if request.headers.get("HX-Request"):
            return HttpResponse(
                _("Vul eerst de code van je tweede factor in: herlaad de pagina. Wat je typte is nog niet opgeslagen."),
                status=401,
                content_type="text/plain; charset=utf-8",
            )
        from django.urls import reverse

        url = reverse("tweede_factor_code")
        if request.method == "GET" and match is not None and match.view_name != "login":
            url += "?" + urlencode({"next": request.get_full_path()})
        return redirect(url)
