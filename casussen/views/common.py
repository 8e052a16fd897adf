"""What every case view needs: load a case the user may see (404 otherwise), log the view."""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404

from casussen.models import Casus
from omo.audit import log_access

PAGE_SIZE = 25


def mag(user, perm: str, obj=None) -> bool:
    """Ask the rules of casussen.rules directly: they are answered from the cached roles, without
    the permission queries of the model backend."""
    return rules.has_perm(perm, user, obj)


def vereis(request, perm: str, obj=None):
    if not mag(request.user, perm, obj):
        raise PermissionDenied


def casus_voor(request, pk: int, bewerken: bool = False, log: bool = True, queryset=None):
    """The case `pk` as `request.user` may see it.

    403 when the user's roles have no case pages at all; 404 when the case is not one of theirs
    (a foreign case does not reveal that it exists); 403 when they may see but not change it.
    Every successful load is written to the access log.
    """
    vereis(request, "casussen.werk_met_casussen")
    # One case: load it and ask the rule (the same rule as `zichtbare_casussen`, which lists use),
    # so that no list of shared cases has to be read first.
    qs = queryset if queryset is not None else Casus.objects.all()
    casus = (
        qs.filter(pk=pk)
        .select_related("casushouder", "team")
        .prefetch_related("medebehandelaars")
        .first()
    )
    if casus is None or not mag(request.user, "casussen.bekijk_casus", casus):
        raise Http404
    if bewerken:
        vereis(request, "casussen.bewerk_casus", casus)
    if log:
        log_access(request, casus)
    return casus
