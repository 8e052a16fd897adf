"""Read queries for the case pages (DESIGN §11). Every case read starts from
`zichtbare_casussen(user)`, the queryset twin of the rule `casussen.bekijk_casus`
(`casussen.rules.zichtbaar`)."""

from casussen.models import Casus
from casussen.rules import zichtbaar


def zichtbare_casussen(user):
    return Casus.objects.filter(zichtbaar(user))
