from django.conf import settings

from omo import queries
from omo.roles import ROLLEN, roles_of


def omo(request):
    user = getattr(request, "user", None)
    context = {"gemeente": settings.OMO_GEMEENTE}
    if user is not None and user.is_authenticated:
        codes = roles_of(user)
        context.update(
            {
                "mijn_rollen": [ROLLEN[c] for c in codes],
                "ongelezen_meldingen": queries.unread_count(user),
            }
        )
    return context
