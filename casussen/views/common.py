"""What every case view needs: load a case the user may see (404 otherwise), log the view."""

from casussen.models import Casus
from omo.toegang import laad, vereis_pagina

PAGE_SIZE = 25


def casus_voor(request, pk: int, bewerken: bool = False, log: bool = True, queryset=None):
    """The case `pk` as `request.user` may see it (`omo.toegang.laad` with the case rules).

    403 when the user's roles have no case pages at all; 404 when the case is not one of theirs
    (a foreign case does not reveal that it exists); 403 when they may see but not change it.
    Every load is written to the access log, a refused one too.
    """
    qs = queryset if queryset is not None else Casus.objects.all()
    # One case: load it and ask the rule (the same rule as `zichtbare_casussen`, which lists use),
    # so that no list of shared cases has to be read first.
    casus = laad(
        request,
        qs.select_related("casushouder", "team").prefetch_related("medebehandelaars"),
        pk,
        "casussen.bekijk_casus",
        rol="casussen.werk_met_casussen",
        log=log,
    )
    if bewerken:
        vereis_pagina(request, "casussen.bewerk_casus", casus)
    return casus
