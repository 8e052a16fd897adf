"""Views of the shared core. Thin: they read through queries.py and change through services.py."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required, permission_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from omo import health as health_checks
from omo import maildev, queries, services, werkvoorraad
from omo.filters import InzageFilter, WijzigingFilter
from omo.roles import ROLLEN, roles_of
from omo.toegang import vereis_pagina

PAGE_SIZE = 50


def home(request):
    """The werkvoorraad: per section of the user's roles, the work waiting for them."""
    rollen = [ROLLEN[code] for code in roles_of(request.user)]
    return render(request, "omo/home.html", {"rollen": rollen, "secties": werkvoorraad.voor(request.user)})


@login_not_required
@never_cache
@require_GET
def gezondheid(request):
    healthy, result = health_checks.status()
    return JsonResponse(
        {"status": "ok" if healthy else "fout", **result}, status=200 if healthy else 503
    )


def notificaties(request):
    page = Paginator(queries.notificaties_for(request.user), PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    page.object_list = list(page.object_list)
    queries.toonbare_links(request.user, page.object_list)
    return render(request, "omo/notificaties.html", {"page": page})


@require_POST
def notificaties_gelezen(request):
    count = services.mark_read(request.user)
    if count:
        messages.success(request, _("Alle meldingen zijn als gelezen gemarkeerd."))
    return redirect("notificaties")


@permission_required("omo.bekijk_audit", raise_exception=True)
def audit(request):
    tab = "inzage" if request.GET.get("tab") == "inzage" else "wijzigingen"
    if tab == "inzage":
        filterset = InzageFilter(request.GET, queryset=queries.toegangslog())
    else:
        filterset = WijzigingFilter(request.GET, queryset=queries.audit_events())
    rows = filterset.qs if filterset.is_valid() else filterset.queryset.none()
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("pagina"))
    page.object_list = list(page.object_list)
    if tab == "wijzigingen":
        queries.attach_user_names(page.object_list)
        queries.attach_object_labels(page.object_list)
    else:
        for regel in page.object_list:
            regel.object_label = queries.toegang_object_label(regel)
    querystring = request.GET.copy()
    querystring.pop("pagina", None)
    return render(
        request,
        "omo/audit.html",
        {
            "tab": tab,
            "filter": filterset,
            "page": page,
            "querystring": querystring.urlencode(),
        },
    )


def _error_page(template, status):
    def view(request, exception=None):
        return render(request, template, status=status)

    return login_not_required(view)


bad_request = _error_page("400.html", 400)
page_not_found = _error_page("404.html", 404)
permission_denied = _error_page("403.html", 403)


@login_not_required
def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without (or with an expired) security token, most often
    after a long pause or from a page opened before logging in again. Nothing was saved."""
    return render(request, "403_csrf.html", status=403)


def verzonden_mails(request):
    """Development only: the mails web and worker sent, newest first, each in full (the log of
    `make run` shows one line per mail). Without DEBUG the page does not exist."""
    if not settings.DEBUG:
        raise Http404
    vereis_pagina(request, "omo.bekijk_verzonden_mails")
    return render(request, "omo/verzonden_mails.html", {"mails": maildev.verzonden_mails()})


@login_not_required
@require_GET
def favicon(request):
    """Browsers ask for /favicon.ico whatever the page says; the icon is the SVG. Its address is
    looked up per request: with the manifest storage of production it carries a hash that only
    exists once `collectstatic` has run."""
    from django.templatetags.static import static

    return HttpResponsePermanentRedirect(static("img/favicon.svg"))
