"""Read queries for the case pages (DESIGN §11). Every case read starts from
`zichtbare_casussen(user)`, the queryset form of the rules in `casussen.rules`."""

from django.db.models import Q

from casussen.models import Casus
from omo.roles import CONSULENT, MAATWERKCOACH, OMO, has_role


def zichtbaar_filter(user) -> Q:
    """A Q on Casus that holds exactly for the cases `user` may see (see casussen.rules)."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if has_role(user, OMO):
        return Q()
    q = Q(pk__in=[])
    if has_role(user, CONSULENT) or has_role(user, MAATWERKCOACH):
        # The ids of shared cases are read first (a short list), so that PostgreSQL can combine
        # the casushouder index and the primary key in one bitmap scan; an EXISTS inside the OR
        # would have it test every case of the gemeente.
        q |= Q(casushouder_id=user.pk) | Q(pk__in=gedeelde_casus_ids(user))
    if has_role(user, MAATWERKCOACH) and user.team_id is not None:
        q |= Q(team_id=user.team_id)
    return q


def gedeelde_casus_ids(user) -> list[int]:
    """Cases shared with `user` (medebehandelaar), read once per request."""
    cached = getattr(user, "_omo_gedeelde_casussen", None)
    if cached is None:
        cached = list(
            Casus.medebehandelaars.through.objects.filter(user_id=user.pk).values_list("casus_id", flat=True)
        )
        user._omo_gedeelde_casussen = cached
    return cached


def zichtbare_casussen(user):
    return Casus.objects.filter(zichtbaar_filter(user))
