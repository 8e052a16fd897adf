"""Reads for the escalation pages: the inbox and the dossier, in a fixed number of queries, and
the LET dossier (PDF)."""

from decimal import Decimal

from django.conf import settings
from django.db.models import Prefetch
from django.template.loader import render_to_string
from django.utils import timezone

from casussen.models import Canvas, Casus, Knelpunt, Kostenregel, Leefgebied, Organisatie
from casussen.rendement import bereken
from escalatie import niveau, rules
from escalatie.models import Escalatie

HORIZON = 12


def zichtbare_escalaties(user):
    """The escalations `user` may see: the rule `escalatie.bekijk_escalatie` as a filter (its
    twin, `escalatie.rules.zichtbare_escalaties`), for lists."""
    return Escalatie.objects.filter(rules.zichtbare_escalaties(user))


def inbox(user):
    return zichtbare_escalaties(user).select_related("casus", "aangevraagd_door", "besloten_door", "scenario")


def open_inbox(user):
    """The inbox's default view: the open escalations `user` sees, the earliest due first."""
    return inbox(user).filter(beslissing="").order_by("uiterlijk_op", "pk")


def dossier_queryset():
    """Escalations with everything their dossier page shows about the case, in four queries
    (the escalation with case, canvas and scenario; leefgebieden; organisaties; partners)."""
    return (
        Escalatie.objects
        .select_related(
            "casus", "casus__casushouder", "casus__team", "casus__canvas", "scenario", "aangevraagd_door",
            "besloten_door",
        )
        .prefetch_related(
            Prefetch("casus__leefgebieden", queryset=Leefgebied.objects.order_by("volgorde", "naam")),
            Prefetch("casus__organisaties", queryset=Organisatie.objects.order_by("naam")),
            Prefetch("scenario__partners", queryset=Organisatie.objects.order_by("naam")),
        )
        .prefetch_related("casus__medebehandelaars")
        .annotate(**niveau.budget_annotaties())
    )


def _of(gegeven, escalatie, veld):
    """An amount passed in, else the one annotated on the escalation by `escalatie_voor_dossier`
    (zero when there is no fund), else None: then `niveau.feiten_uit` reads the funds itself."""
    if gegeven is not None:
        return gegeven
    if hasattr(escalatie, veld):
        return getattr(escalatie, veld) or Decimal("0")
    return None


def dossier(escalatie, user, mandaat=None, beschikbaar=None):
    """Everything the dossier page shows besides the escalation itself (three queries): the
    canvas, the scenario's kassabon and the level suggestion with its reasons, the knelpunten,
    and the case's other escalations that `user` may open."""
    casus = escalatie.casus
    try:
        canvas = casus.canvas
    except Canvas.DoesNotExist:
        canvas = None
    knelpunten = list(Knelpunt.objects.filter(casus=casus).select_related("organisatie", "grondslag"))
    scenario = escalatie.scenario
    rendement = voorstel = None
    if scenario is not None:
        rendement = bereken(
            Kostenregel.objects.filter(scenario=scenario).select_related("geldstroom").order_by("situatie", "pk"), HORIZON
        )
        feiten = niveau.feiten_uit(
            scenario, [(p.naam, p.soort) for p in scenario.partners.all()], rendement,
            [(k.organisatie.naam, k.organisatie.soort) for k in knelpunten if k.organisatie_id],
            _of(mandaat, escalatie, "budget_mandaat"), _of(beschikbaar, escalatie, "budget_beschikbaar"),
        )
        voorstel = niveau.stel_niveau_voor(feiten)
    eerdere = list(
        zichtbare_escalaties(user).filter(casus=casus).exclude(pk=escalatie.pk)
        .select_related("besloten_door", "scenario").order_by("aangevraagd_op")
    )
    return {"canvas": canvas, "rendement": rendement, "voorstel": voorstel, "knelpunten": knelpunten,
            "eerdere": eerdere}


def van_casus(casus, user):
    """The escalations of a case that `user` may open."""
    return list(
        zichtbare_escalaties(user).filter(casus=casus).select_related("aangevraagd_door", "besloten_door", "scenario")
        .order_by("-aangevraagd_op")
    )


def let_dossier_context(escalatie) -> dict:
    """What the LET dossier may show. Without consent (toestemming "nee" or "anoniem"): the
    pseudonym, urgency, organisations, the routes tried and the OMO-functionaris' LET fields —
    no case code, title, dossier number, canvas text, urgency explanation, question or
    scenario title (free texts that may name the household)."""
    casus = escalatie.casus
    toestemming = casus.toestemming == Casus.Toestemming.JA
    ctx = {
        "escalatie": escalatie, "toestemming": toestemming, "gemeente": settings.OMO_GEMEENTE,
        "pseudoniem": casus.pseudoniem, "urgentie": casus.get_urgentie_display(),
        "urgentie_toelichting": casus.urgentie_toelichting if toestemming else "",
        "organisaties": list(casus.organisaties.order_by("naam").values_list("naam", flat=True)),
        "routes": casus.get_reguliere_routes_display(),
        "gemaakt_op": timezone.localtime(),
        "scenario": None, "vraag": "", "canvas": None,
    }
    if toestemming:
        ctx.update({"titel": casus.titel, "dossiernummer": casus.dossiernummer, "code": casus.code,
                    "canvas": Canvas.objects.filter(casus=casus).first(), "scenario": escalatie.scenario,
                    "vraag": escalatie.vraag})
    return ctx


def let_dossier_pdf(escalatie) -> bytes:
    """The LET dossier as PDF/A + PDF/UA (see `omo.pdf`), with what `let_dossier_context` allows."""
    from omo.pdf import schrijf_pdf  # WeasyPrint loads only where PDFs are made

    return schrijf_pdf(render_to_string("escalatie/pdf/let_dossier.html", let_dossier_context(escalatie)))
