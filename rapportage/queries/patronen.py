"""Reads for the pattern pages and for the quarterly report.

`voor_rapport(tot)` gives the report only aggregates: titles, phases, owners and counts, never a
case code, pseudonym, dossier number or knelpunt text."""

from datetime import datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from casussen.models import Knelpunt
from omo.models import User
from rapportage import rules
from rapportage.models import Knelpuntgroep, Patroon

FASEN = list(Patroon.Fase.values)


def fase_index(fase: str) -> int:
    return FASEN.index(fase) if fase in FASEN else len(FASEN)


def patronen():
    """Every pattern with its owner and counts (knelpunten, distinct cases)."""
    return (
        Patroon.objects.select_related("eigenaar")
        .annotate(
            aantal_knelpunten=Count("knelpunten", distinct=True),
            aantal_casussen=Count("knelpunten__casus", distinct=True),
        )
        .order_by("-gewijzigd_op", "-pk")
    )


def patroon(pk):
    return (
        Patroon.objects.select_related("eigenaar", "aangemaakt_door")
        .annotate(
            aantal_knelpunten=Count("knelpunten", distinct=True),
            aantal_casussen=Count("knelpunten__casus", distinct=True),
        )
        .filter(pk=pk)
        .first()
    )


def eigenaren():
    """Who can own a pattern: active users with the role beleid."""
    return User.objects.filter(rules.beleidsmedewerkers()).distinct().order_by("first_name", "last_name", "username")


def groepen_van(patroon):
    """The linked knelpunten aggregated per group: the view of beleid and the College."""
    return list(
        Knelpuntgroep.objects.filter(leden__knelpunt__patronen=patroon)
        .select_related("organisatie", "grondslag")
        .annotate(
            gekoppeld=Count("leden__knelpunt", distinct=True),
            gekoppelde_casussen=Count("leden__knelpunt__casus", distinct=True),
        )
        .order_by("-gekoppelde_casussen", "pk")
    )


def knelpunten_van(patroon):
    """The linked knelpunten with their case and group (omo only)."""
    return list(
        Knelpunt.objects.filter(patronen=patroon)
        .select_related("casus", "indeling__groep__organisatie", "indeling__groep__grondslag")
        .order_by("indeling__groep_id", "aangemaakt_op", "pk")
    )


def geschiedenis(patroon):
    """The phases the pattern went through, from its audit events: one row per phase entry
    (fase, sinds, door), oldest first. Two queries whatever the number of edits."""
    events = list(
        Patroon.pgh_event_model.objects.filter(pgh_obj_id=patroon.pk)
        .order_by("fase_sinds", "pgh_id")
        .distinct("fase_sinds")
        .values("fase", "fase_sinds", "pgh_context__metadata")
    )
    user_ids = {(e["pgh_context__metadata"] or {}).get("user") for e in events} - {None}
    namen = {u.pk: u.get_full_name() or u.username for u in User.objects.filter(pk__in=user_ids)} if user_ids else {}
    labels = dict(Patroon.Fase.choices)
    return [
        {
            "fase": e["fase"],
            "label": labels.get(e["fase"], e["fase"]),
            "sinds": e["fase_sinds"],
            "door": namen.get((e["pgh_context__metadata"] or {}).get("user"), ""),
        }
        for e in events
    ]


def voor_rapport(tot) -> list[dict]:
    """Every pattern that existed at the end of the day `tot`, as it was then (title, phase,
    owner and decision from its audit events; the linked knelpunten as they are now, since
    links are not versioned), ordered by phase then title. JSON-able aggregates only."""
    grens = timezone.make_aware(datetime.combine(tot + timedelta(days=1), time.min))
    laatste = list(
        # `gewijzigd_op` (set by the application on every save) rather than `pgh_created_at`
        # (the database clock): the same clock as `fase_sinds`.
        Patroon.pgh_event_model.objects.filter(gewijzigd_op__lt=grens)
        .order_by("pgh_obj_id", "-gewijzigd_op", "-pgh_id")
        .distinct("pgh_obj_id")
        .values("pgh_obj_id", "pgh_label", "titel", "beschrijving", "fase", "eigenaar_id", "besluit")
    )
    laatste = [e for e in laatste if e["pgh_label"] != "delete"]
    if not laatste:
        return []
    ids = [e["pgh_obj_id"] for e in laatste]
    tellingen = {
        r["pk"]: r
        for r in Patroon.objects.filter(pk__in=ids)
        .annotate(k=Count("knelpunten", distinct=True), c=Count("knelpunten__casus", distinct=True))
        .values("pk", "k", "c")
    }
    namen = {
        u.pk: u.get_full_name() or u.username
        for u in User.objects.filter(pk__in={e["eigenaar_id"] for e in laatste})
    }
    labels = dict(Patroon.Fase.choices)
    rijen = [
        {
            "titel": e["titel"],
            "beschrijving": e["beschrijving"],
            "fase": e["fase"],
            "fase_label": str(labels.get(e["fase"], e["fase"])),
            "eigenaar": namen.get(e["eigenaar_id"], ""),
            "knelpunten": tellingen.get(e["pgh_obj_id"], {}).get("k", 0),
            "casussen": tellingen.get(e["pgh_obj_id"], {}).get("c", 0),
            "besluit": e["besluit"],
        }
        for e in laatste
    ]
    rijen.sort(key=lambda r: (fase_index(r["fase"]), r["titel"].lower()))
    return rijen
