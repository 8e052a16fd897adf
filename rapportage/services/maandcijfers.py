"""Keeping `Maandcijfers` (the monthly partial figures of `rapportage.queries.cijfers`).

Correct under concurrent writes without locking the writers: a recomputation first reads the
`VuileMaand` rows, then computes the months from the source tables (a later snapshot, which
holds every change those rows announced), and finally deletes exactly the rows it read. A change
committed meanwhile leaves its own row, so its month stays untrusted until the next run.
Recomputations take a transaction-level advisory lock, so two never overwrite each other.
"""

from datetime import date, timedelta

from django.db import connection, transaction
from django.utils import timezone

from rapportage.models import Maandcijfers, VuileMaand
from rapportage.queries.cijfers import (
    FAMILIES,
    cumulatief_erbij,
    cumulatief_json,
    cumulatief_lezen,
    maanddelen,
)

# pg_advisory_xact_lock key of the recomputation ("maandcijfers").
SLOT = 0x6D61616E64


def _volgende(maand: date) -> date:
    return (maand + timedelta(days=32)).replace(day=1)


def _bereiken(maanden: list[date]) -> list[tuple[date, date]]:
    """Whole months as inclusive day ranges, adjacent months joined."""
    bereiken: list[list[date]] = []
    for maand in sorted(maanden):
        laatste = _volgende(maand) - timedelta(days=1)
        if bereiken and bereiken[-1][1] + timedelta(days=1) == maand:
            bereiken[-1][1] = laatste
        else:
            bereiken.append([maand, laatste])
    return [(a, b) for a, b in bereiken]


def _opslaan(maanden, delen: dict[str, dict]) -> None:
    nu = timezone.now()
    Maandcijfers.objects.bulk_create(
        [Maandcijfers(maand=m, deel=delen.get(m.isoformat(), {}), berekend_op=nu) for m in maanden],
        update_conflicts=True,
        unique_fields=["maand"],
        update_fields=["deel", "berekend_op"],
        batch_size=500,
    )


def opbouwen() -> int:
    """Recompute every month, from the first month with data to the current one (or the last
    with data), in one statement over all rows. Returns the number of months."""
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT])
        gezien = list(VuileMaand.objects.values_list("pk", flat=True))
        delen = maanddelen(None)
        maanden = sorted(date.fromisoformat(m) for m in delen)
        if maanden:
            laatste = max(maanden[-1], timezone.localdate().replace(day=1))
            alle, maand = [], maanden[0]
            while maand <= laatste:
                alle.append(maand)
                maand = _volgende(maand)
        else:
            alle = []
        Maandcijfers.objects.exclude(maand__in=alle).delete()
        _opslaan(alle, delen)
        cumuleren(None)
        VuileMaand.objects.filter(pk__in=gezien).delete()
    return len(alle)


def cumuleren(vanaf: date | None) -> None:
    """Bring the running totals (`Maandcijfers.cumulatief`) up to date from month `vanaf` (None:
    from the first), after the months from there on were (re)computed: a row's running total is
    that of the row before it plus its own figures (a month without a row adds nothing; the
    figures compute its days directly)."""
    rijen = Maandcijfers.objects.order_by("maand")
    voor = rijen.filter(maand__lt=vanaf).last() if vanaf else None
    lopend = cumulatief_lezen(voor.cumulatief if voor else None, FAMILIES)
    bij = []
    for rij in (rijen.filter(maand__gte=vanaf) if vanaf else rijen).only("maand", "deel"):
        cumulatief_erbij(lopend, rij.deel)
        rij.cumulatief = cumulatief_json(lopend)
        bij.append(rij)
    Maandcijfers.objects.bulk_update(bij, ["cumulatief"], batch_size=100)


def bijwerken() -> int:
    """Recompute the months marked stale, and the current month when it has no row yet; with no
    rows at all (a new installation, or just upgraded) build every month, so the figures are
    fast within minutes instead of after the nightly run. Returns the number of months
    recomputed."""
    if not Maandcijfers.objects.exists():
        return opbouwen()
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SLOT])
        gezien = list(VuileMaand.objects.values_list("pk", "maand"))
        maanden = {m for _pk, m in gezien}
        deze = timezone.localdate().replace(day=1)
        laatste = Maandcijfers.objects.order_by("maand").values_list("maand", flat=True).last()
        # Every month up to the current one has a row, with no gap (the running totals add
        # contiguous months).
        while laatste is not None and laatste < deze:
            laatste = _volgende(laatste)
            maanden.add(laatste)
        if maanden:
            _opslaan(sorted(maanden), maanddelen(_bereiken(list(maanden))))
            cumuleren(min(maanden))
        VuileMaand.objects.filter(pk__in=[pk for pk, _m in gezien]).delete()
    return len(maanden)


def ontbrekend() -> bool:
    """Whether the monthly figures are missing or stale (the benchmark builds them then)."""
    return not Maandcijfers.objects.exists() or VuileMaand.objects.exists()
