"""Request middleware of the shared core: session limits and the audit context."""

import uuid
from datetime import datetime

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils import timezone
from django.utils.translation import gettext as _
from pghistory.middleware import HistoryMiddleware

SESSION_START_KEY = "omo_sessie_start"


def client_ip(request) -> str | None:
    """The client's address as the web server saw it (no X-Forwarded-For trust by default)."""
    return request.META.get("REMOTE_ADDR") or None


def start_session_clock(sender, request, user, **kwargs):
    """On every login the 12 hours start again (connected to `user_logged_in`)."""
    request.session[SESSION_START_KEY] = timezone.now().isoformat()


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
