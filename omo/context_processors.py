from django.conf import settings

from omo import queries, services
from omo.middleware import tweede_stap_open
from omo.roles import ROLLEN, roles_of
from omo.sso import instellingen


def omo(request):
    user = getattr(request, "user", None)
    context = {"gemeente": settings.OMO_GEMEENTE, "sso_aan": instellingen.aan(), "OIDC_NAAM": instellingen.naam()}
    if tweede_stap_open(request):
        # Password right, second factor still owed: no menu, nothing of the user's work.
        context["tweede_stap_open"] = True
        return context
    if user is not None and user.is_authenticated:
        codes = roles_of(user)
        ongelezen, hier = queries.unread_count_en_geopend(user, request.path)
        if hier and request.method == "GET":
            # Opening the page a notification links to reads it; the count says so at once.
            ongelezen -= services.markeer_geopend(user, request.path)
        context.update({"mijn_rollen": [ROLLEN[c] for c in codes], "ongelezen_meldingen": ongelezen})
    return context
