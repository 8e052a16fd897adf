"""Read queries for the case pages (DESIGN §11). Every case read starts from
`zichtbare_casussen(user)`, the queryset form of the rules in `casussen.rules`."""

from django.db.models import Exists, OuterRef, Q

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
        gedeeld = Casus.medebehandelaars.through.objects.filter(casus_id=OuterRef("pk"), user_id=user.pk)
        q |= Q(casushouder_id=user.pk) | Q(Exists(gedeeld))
    if has_role(user, MAATWERKCOACH) and user.team_id is not None:
        q |= Q(team_id=user.team_id)
    return q


def zichtbare_casussen(user):
    return Casus.objects.filter(zichtbaar_filter(user))
