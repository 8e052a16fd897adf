"""Refuse requests that carry bytes OMO cannot read, before anything downstream sees them.

A NUL byte in a search term reaches PostgreSQL, which refuses it: the user got a 500. Invalid
UTF-8 is silently turned into replacement characters by Django and then stored or searched for.
`OnleesbareInvoerMiddleware` answers both with 400 and a Dutch page instead, before sessions,
CSRF, axes and the views run.
"""

import logging
from urllib.parse import unquote_to_bytes

from django.conf import settings
from django.core.handlers.wsgi import WSGIRequest
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

TEMPLATE = "400.html"
URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"


def _query_bytes(request) -> bytes:
    """The query string as the bytes the client sent, still percent-encoded."""
    query = request.META.get("QUERY_STRING", "")
    if isinstance(request, WSGIRequest):
        # PEP 3333: environ strings are the raw bytes decoded as latin-1.
        return query.encode("iso-8859-1")
    # ASGI has decoded it as UTF-8 already.
    return query.encode("utf-8", "surrogatepass")


def _urlencoded_leesbaar(data: bytes, encoding: str) -> bool:
    """Whether percent-encoded `data` decodes in `encoding` without a NUL character."""
    try:
        text = unquote_to_bytes(data).decode(encoding)
    except UnicodeDecodeError:
        return False
    return "\x00" not in text


def _tekst_leesbaar(*values) -> bool:
    return not any("\x00" in value for value in values if isinstance(value, str))


def _multipart_leesbaar(*values) -> bool:
    """Django decodes multipart fields with errors="replace": invalid UTF-8 arrives as U+FFFD."""
    return _tekst_leesbaar(*values) and not any("\ufffd" in v for v in values if isinstance(v, str))


def onleesbaar_deel(request) -> str | None:
    """The part of the request with unreadable bytes ("path", "query string", ...), or None.

    Raises Django's own exceptions for a body that is too large or malformed multipart data;
    Django answers those with 400 itself (handler400).
    """
    encoding = request.encoding or settings.DEFAULT_CHARSET
    # Django has already decoded the path and re-escaped invalid UTF-8 in it ("%FF" as text,
    # which matches no URL); a NUL byte however survives decoding.
    if "\x00" in request.path_info:
        return "path"
    if not _urlencoded_leesbaar(_query_bytes(request), encoding):
        return "query string"
    if not _tekst_leesbaar(*request.COOKIES.keys(), *request.COOKIES.values()):
        return "cookies"
    if request.content_type == URLENCODED:
        if not _urlencoded_leesbaar(request.body, encoding):
            return "form data"
    elif request.content_type == MULTIPART and request.method == "POST":
        for key, values in request.POST.lists():
            if not _multipart_leesbaar(key, *values):
                return "form data"
        for key, files in request.FILES.lists():
            if not _tekst_leesbaar(key, *(f.name for f in files)):
                return "file names"
    return None


def weiger(request) -> HttpResponse:
    """400 with the Dutch explanation; a short text for htmx, which swaps it into the page."""
    if request.headers.get("HX-Request"):
        response = HttpResponse(
            _("Dit verzoek bevat tekens die OMO niet kan lezen. Probeer het opnieuw zonder speciale tekens."),
            status=400,
            content_type="text/plain; charset=utf-8",
        )
        response["Cache-Control"] = "no-store, private"
        return response
    response = render(request, TEMPLATE, status=400)
    # Refused before the session is read, so NoStoreMiddleware never sees it: no cache either.
    response["Cache-Control"] = "no-store, private"
    return response


class OnleesbareInvoerMiddleware:
    """Answer 400 to a NUL byte or invalid UTF-8 in the path, query, cookies or form body.

    Belongs early in MIDDLEWARE, after SecurityMiddleware and WhiteNoise and before the session
    middleware, so that nothing downstream reads the bad input.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        deel = onleesbaar_deel(request)
        if deel is not None:
            logger.info("Refused a request with a NUL byte or invalid UTF-8 in its %s.", deel)
            return weiger(request)
        return self.get_response(request)
