"""The right of access (AVG art. 15): everything OMO holds about one household, read for the
privacy officer's export.

`inzage(casus_id)` reads the case and every record that hangs from it in a fixed number of
queries (about twenty, whatever the number of scenarios, postings or log rows) and returns one
`Inzage`: `data`, the JSON document (stable keys, ISO dates, amounts as strings, a schema
version), and `secties`, the same records as labelled rows for the PDF. Both come from one pass
over the same objects, so the PDF and the JSON cannot tell different stories.

What is shown of OMO's own employees (CJEU C-579/21, Pankki S, 22 June 2023): the household is
told when its file was consulted or changed, in what way and for what purpose, and by whom in
terms of function (the role, e.g. "Consulent"), not the names of the employees. Only the
casushouder is named: the household's own contact for the case. The records themselves are shown
as they were written (the regisseur and the owners of actions are part of the plan made with the
household; a timeline step may say who approved a request): those are the household's data. An employee's
name can be given afterwards by the privacy officer when the household needs it to exercise its
rights (the access log with names is the privacy officer's own page). IP addresses and browser
strings of employees are never in the export. The text that explains this opens the PDF.

A case whose personal content has been destroyed after its retention term exports what is left
(codes, dates, statuses, amounts; the blanked texts come out empty).
"""

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import Prefetch, Q, Sum
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from budget.models import Aanvraag, Boeking, Transactie
from casussen.models import (
    Actie,
    Besluit,
    Casus,
    Evaluatie,
    Knelpunt,
    Kostenregel,
    Scenario,
    ScenarioGrondslag,
    TijdlijnEvent,
    Zelfredzaamheid,
)
from escalatie.models import Agendapunt, Escalatie, Verzoek
from omo.models import Toegangslog
from omo.roles import ROLLEN
from omo.templatetags.omo_format import format_euro

# Raised when a key, a value's form or the meaning of a section changes.
SCHEMA = "omo-inzage"
SCHEMA_VERSIE = "1.0"

# The kinds of record in the export, in the order of the document: key → heading.
SOORTEN = {
    "casus": _l("Casusgegevens"),
    "canvas": _l("Maatwerkcanvas"),
    "scenarios": _l("Scenario's"),
    "besluiten": _l("Besluiten"),
    "doorbraakplan": _l("Doorbraakplan"),
    "evaluaties": _l("Evaluaties"),
    "zelfredzaamheid": _l("Zelfredzaamheid"),
    "knelpunten": _l("Knelpunten"),
    "agendapunten": _l("Besprekingen in het OMO-overleg"),
    "escalaties": _l("Escalaties"),
    "verzoeken": _l("Verzoeken aan andere organisaties"),
    "aanvragen": _l("Aanvragen uit een fonds"),
    "transacties": _l("Betalingen en boekingen"),
    "tijdlijn": _l("Tijdlijn"),
    "toegangslog": _l("Wie heeft het dossier ingezien"),
}

# Where in OMO a page lies says what it was opened for (the purpose of a consultation).
_DOELEN = [
    ("/privacy/", _l("Toezicht op de privacy (functionaris gegevensbescherming)")),
    ("/overleg", _l("Voorbereiding, bespreking of verslag van het OMO-overleg")),
    ("/escalaties", _l("Besluitvorming over een escalatie")),
    ("/verzoeken", _l("Afhandeling van een voorrangsverzoek")),
    ("/v/", _l("Afhandeling van een voorrangsverzoek door de ontvanger")),
    ("/budget", _l("Beoordeling of betaling van een aanvraag uit een fonds")),
    ("/casus/", _l("Behandeling van de casus")),
    ("/casussen", _l("Behandeling van de casus")),
    ("/inspiratie", _l("Zoeken in afgesloten casussen")),
    ("/patronen", _l("Analyse van knelpunten over casussen heen")),
    ("/signalen", _l("Analyse van knelpunten over casussen heen")),
    ("/rapportages", _l("Verantwoording (rapportage)")),
    ("/dashboard", _l("Verantwoording (rapportage)")),
]


def doel_van(pad: str) -> str:
    """The purpose of a consultation, from the page it happened on."""
    for prefix, doel in _DOELEN:
        if pad.startswith(prefix):
            return str(doel)
    if pad in ("", "/"):
        return str(_l("Werkvoorraad van de medewerker"))
    return str(_l("Werk in OMO"))


# --- Records: one pass gives the JSON value and the row the PDF shows --------------------------


@dataclass
class Tabel:
    titel: str
    kolommen: list[str]
    rijen: list[list[str]]


@dataclass
class Onderdeel:
    """One record: a heading, its fields as (label, value) rows, and tables of its parts."""

    titel: str
    velden: list[tuple[str, str]] = field(default_factory=list)
    tabellen: list[Tabel] = field(default_factory=list)


@dataclass
class Sectie:
    sleutel: str
    titel: str
    aantal: int
    onderdelen: list[Onderdeel] = field(default_factory=list)
    tabel: Tabel | None = None


@dataclass
class Inzage:
    casus: Casus
    data: dict
    secties: list[Sectie]
    gemaakt_op: datetime

    @property
    def aantallen(self) -> dict[str, int]:
        return {sectie.sleutel: sectie.aantal for sectie in self.secties}


def _json(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _tekst(value, geld=False) -> str:
    """A value as the PDF shows it (Dutch dates, euro amounts)."""
    if value is None or value == "" or value == []:
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    if isinstance(value, datetime):
        return date_format(timezone.localtime(value), "d-m-Y H:i")
    if isinstance(value, date):
        return date_format(value, "d-m-Y")
    if isinstance(value, Decimal):
        return format_euro(value) if geld else f"{value.normalize():f}".replace(".", ",")
    if isinstance(value, list | tuple):
        return ", ".join(_tekst(v) for v in value)
    return str(value)


def _label(model, naam) -> str:
    return str(capfirst(model._meta.get_field(naam).verbose_name))


def _record(obj, velden, *, geld=(), extra=None):
    """The JSON dict and the PDF rows of `obj`'s fields `velden`.

    A choice field gives its code and, under `<veld>_omschrijving`, its label; a relation gives
    its name (loaded by the caller's query); `extra` adds computed (key, label, value) triples."""
    data, rijen = {}, []
    model = type(obj)
    for naam in velden:
        veld = model._meta.get_field(naam)
        label = _label(model, naam)
        if veld.many_to_many:
            waarde = [str(o) for o in getattr(obj, naam).all()]
            data[naam] = waarde
            rijen.append((label, _tekst(waarde)))
            continue
        if veld.is_relation:
            gerelateerd = getattr(obj, naam)
            waarde = str(gerelateerd) if gerelateerd is not None else None
            data[naam] = waarde
            rijen.append((label, _tekst(waarde)))
            continue
        waarde = getattr(obj, naam)
        data[naam] = _json(list(waarde) if isinstance(waarde, list) else waarde)
        if veld.choices is not None and not isinstance(waarde, list):
            omschrijving = str(getattr(obj, f"get_{naam}_display")()) if waarde not in ("", None) else ""
            data[f"{naam}_omschrijving"] = omschrijving
            rijen.append((label, _tekst(omschrijving)))
        elif isinstance(waarde, list) and veld.base_field.choices:
            labels = dict(veld.base_field.choices)
            rijen.append((label, _tekst([str(labels.get(w, w)) for w in waarde])))
        else:
            rijen.append((label, _tekst(waarde, geld=naam in geld)))
    for sleutel, label, waarde in extra or ():
        data[sleutel] = _json(waarde)
        rijen.append((label, _tekst(waarde, geld=sleutel in geld)))
    return data, rijen


def _tabel(titel, model, objecten, velden, *, geld=(), extra_kolommen=(), extra=None):
    """A table of `objecten` (one row each) and their JSON dicts."""
    kolommen = [_label(model, naam) for naam in velden] + [label for label in extra_kolommen]
    data, rijen = [], []
    for obj in objecten:
        d, r = _record(obj, velden, geld=geld, extra=extra(obj) if extra else None)
        data.append(d)
        rijen.append([waarde for _label_, waarde in r])
    return data, Tabel(titel=titel, kolommen=kolommen, rijen=rijen)


# --- Reading -----------------------------------------------------------------------------------


def _een(obj, naam):
    try:
        return getattr(obj, naam)
    except ObjectDoesNotExist:
        return None


def _casus(casus_id):
    return (
        Casus.objects.select_related("casushouder", "team", "canvas", "plan__scenario")
        .prefetch_related("leefgebieden", "organisaties")
        .get(pk=casus_id)
    )


def _objecten_van(casus, escalaties, aanvragen, verzoeken, transacties, agendapunten):
    """(content type, ids) of the case and each of its objects the access log names."""
    paren = [(Casus, [casus]), (Escalatie, escalaties), (Aanvraag, aanvragen), (Verzoek, verzoeken),
             (Transactie, transacties), (Agendapunt, agendapunten)]
    return [
        (ContentType.objects.get_for_model(model, for_concrete_model=False), [str(o.pk) for o in objecten])
        for model, objecten in paren if objecten
    ]


def _toegangslog_q(paren):
    q = Q()
    for ct, ids in paren:
        q |= Q(object_type=ct, object_id__in=ids)
    return q


def aantallen(casus_id) -> dict[str, int]:
    """How many records of each kind the export will hold (the page's summary, no content): one
    count per kind, each through an index on the case, whatever the case's size."""
    casus = Casus.objects.select_related("canvas", "plan").only("pk", "canvas__id", "plan__id").get(pk=casus_id)
    escalaties = list(Escalatie.objects.filter(casus_id=casus_id).only("pk"))
    aanvragen = list(Aanvraag.objects.filter(casus_id=casus_id).only("pk"))
    verzoeken = list(Verzoek.objects.filter(casus_id=casus_id).only("pk"))
    transacties = list(Transactie.objects.filter(aanvraag__casus_id=casus_id).only("pk"))
    agendapunten = list(Agendapunt.objects.filter(casus_id=casus_id).only("pk"))
    paren = _objecten_van(casus, escalaties, aanvragen, verzoeken, transacties, agendapunten)
    return {
        "casus": 1,
        "canvas": 1 if _een(casus, "canvas") else 0,
        "scenarios": Scenario.objects.filter(casus_id=casus_id).count(),
        "besluiten": Besluit.objects.filter(casus_id=casus_id).count(),
        "doorbraakplan": 1 if _een(casus, "plan") else 0,
        "evaluaties": Evaluatie.objects.filter(casus_id=casus_id).count(),
        "zelfredzaamheid": Zelfredzaamheid.objects.filter(casus_id=casus_id).count(),
        "knelpunten": Knelpunt.objects.filter(casus_id=casus_id).count(),
        "agendapunten": len(agendapunten),
        "escalaties": len(escalaties),
        "verzoeken": len(verzoeken),
        "aanvragen": len(aanvragen),
        "transacties": len(transacties),
        "tijdlijn": TijdlijnEvent.objects.filter(casus_id=casus_id).count(),
        "toegangslog": Toegangslog.objects.filter(_toegangslog_q(paren)).count(),
    }


CASUS_VELDEN = [
    "code", "titel", "status", "status_sinds", "casushouder", "team", "bron", "datum_signaal",
    "leefgebieden", "organisaties", "urgentie", "urgentie_toelichting", "reguliere_routes",
    "reguliere_routes_toelichting", "toestemming", "pseudoniem", "volwassenen", "leeftijden_kinderen",
    "dossiernummer", "uitkomst", "samenvatting_oplossing", "afgesloten_op", "aangemaakt_op", "gewijzigd_op",
]
CANVAS_VELDEN = [
    "aan_de_hand", "wil_inwoner", "eerst_oplossen", "helpt_nu", "knelpunt", "niets_doen_kort",
    "niets_doen_lang", "vraag_bereiken", "vraag_grondwaarde", "vraag_ethisch", "vraag_juridisch",
    "huishouden_betrokken", "niet_betrokken_waarom", "later_betrekken", "gewijzigd_op",
]
SCENARIO_VELDEN = [
    "titel", "beschrijving", "perspectief_inwoner", "eigen_bijdrage", "netwerk", "past_in_kaders",
    "partners", "gekozen", "aangemaakt_op",
]
KOSTENREGEL_VELDEN = [
    "situatie", "omschrijving", "prijs", "aantal", "frequentie", "startmaand", "duur_maanden",
    "geldstroom", "betaler", "kans",
]
BESLUIT_VELDEN = ["uitkomst", "scenario", "motivatie", "niveau", "besloten_op"]
PLAN_VELDEN = [
    "scenario", "doel", "regisseur", "besproken_met_inwoner", "niet_besproken_waarom", "betrekken_hoe",
    "startdatum", "monitoring_maanden", "aangemaakt_op",
]
ACTIE_VELDEN = ["omschrijving", "eigenaar", "deadline", "gereed", "gereed_op"]
EVALUATIE_VELDEN = ["maand", "gepland_op", "uitkomst", "toelichting", "uitgevoerd_op"]
SCORE_VELDEN = ["leefgebied", "score", "vastgelegd_op"]
KNELPUNT_VELDEN = ["soort", "organisatie", "grondslag", "regel", "beschrijving", "aangemaakt_op"]
AGENDAPUNT_VELDEN = [
    "overleg", "vraag", "status", "ingediend_op", "alternatieven", "uitkomst", "scenario", "advies",
    "motivatie", "besproken_op",
]
ACTIEPUNT_VELDEN = ["omschrijving", "eigenaar", "deadline"]
ESCALATIE_VELDEN = [
    "onderwerp", "van_niveau", "naar_niveau", "reden", "vraag", "aangevraagd_op", "uiterlijk_op",
    "beslissing", "motivatie", "besloten_op", "geprobeerd", "blokkerende_regel", "gevraagde_oplossing",
    "grondslag_delen", "geanonimiseerde_samenvatting",
]
VERZOEK_VELDEN = [
    "soort", "kenmerk", "afzender", "onderwerp", "vraag", "ontvangen_op", "deadline", "status",
    "opgepakt_op", "antwoord", "beantwoord_op",
]
AANVRAAG_VELDEN = [
    "fonds", "scenario", "soort", "bedrag", "doel", "noodzaak", "gevolgen", "regulier_onmogelijk",
    "reguliere_routes", "termijnbedrag", "eerste_termijn", "kwijtschelding_voorwaarde", "verhalen_op",
    "status", "aangemaakt_op", "ingediend_op", "besloten_op", "motivatie", "direct_geboekt",
    "achteraf_beoordeeld_op", "achteraf_oordeel", "gereserveerd", "betaald", "uitstaand", "afgelost",
    "kwijtgescholden",
]
AANVRAAG_GELD = ("bedrag", "termijnbedrag", "gereserveerd", "betaald", "uitstaand", "afgelost", "kwijtgescholden")
TRANSACTIE_VELDEN = ["boekdatum", "soort", "omschrijving", "tegenpartij", "fonds"]
TIJDLIJN_VELDEN = ["tijdstip", "soort", "omschrijving", "van_status", "naar_status", "toelichting"]


def inzage(casus_id, *, nu=None) -> Inzage:
    """Everything OMO holds about the household of case `casus_id` (see the module docstring)."""
    nu = nu or timezone.now()
    casus = _casus(casus_id)
    canvas = _een(casus, "canvas")
    plan = _een(casus, "plan")

    scenarios = list(
        Scenario.objects.filter(casus=casus).prefetch_related(
            "partners",
            Prefetch("kostenregels", queryset=Kostenregel.objects.select_related("geldstroom")),
            Prefetch("legitimiteit", queryset=ScenarioGrondslag.objects.select_related("grondslag")),
        )
    )
    besluiten = list(Besluit.objects.filter(casus=casus).select_related("scenario").order_by("besloten_op", "pk"))
    acties = list(plan.acties.all()) if plan else []
    evaluaties = list(Evaluatie.objects.filter(casus=casus))
    scores = list(
        Zelfredzaamheid.objects.filter(casus=casus).select_related("leefgebied", "evaluatie")
        .order_by("vastgelegd_op", "pk")
    )
    knelpunten = list(Knelpunt.objects.filter(casus=casus).select_related("organisatie", "grondslag"))
    agendapunten = list(
        Agendapunt.objects.filter(casus=casus).select_related("overleg__reeks", "scenario")
        .prefetch_related("actiepunten").order_by("ingediend_op", "pk")
    )
    escalaties = list(Escalatie.objects.filter(casus=casus).order_by("aangevraagd_op", "pk"))
    verzoeken = list(
        Verzoek.objects.filter(casus=casus).select_related("contactpersoon__organisatie")
        .order_by("ontvangen_op", "pk")
    )
    aanvragen = list(
        Aanvraag.objects.filter(casus=casus).select_related("fonds", "scenario").order_by("aangemaakt_op", "pk")
    )
    # A transaction's amount: the sum of its debit postings (a balanced transaction's credit
    # side is the same amount).
    transacties = list(
        Transactie.objects.filter(aanvraag__casus=casus).select_related("fonds")
        .annotate(bedrag=Sum("boekingen__bedrag", filter=Q(boekingen__kant=Boeking.Kant.DEBET)))
        .order_by("boekdatum", "geboekt_op", "pk")
    )
    tijdlijn = list(TijdlijnEvent.objects.filter(casus=casus).order_by("tijdstip", "pk"))
    paren = _objecten_van(casus, escalaties, aanvragen, verzoeken, transacties, agendapunten)
    log = list(
        Toegangslog.objects.filter(_toegangslog_q(paren)).select_related("object_type", "gebruiker")
        .prefetch_related("gebruiker__groups").order_by("tijdstip", "pk")
    )

    data = {
        "schema": SCHEMA,
        "schemaversie": SCHEMA_VERSIE,
        "gemaakt_op": _json(nu),
        "verwerkingsverantwoordelijke": settings.OMO_GEMEENTE,
    }
    secties = []

    # Case data.
    d, r = _record(casus, CASUS_VELDEN)
    data["casus"] = d
    secties.append(Sectie("casus", str(SOORTEN["casus"]), 1, [Onderdeel(casus.code, r)]))

    # Canvas.
    if canvas is not None:
        d, r = _record(canvas, CANVAS_VELDEN)
        data["canvas"] = d
        secties.append(Sectie("canvas", str(SOORTEN["canvas"]), 1, [Onderdeel(_("Maatwerkcanvas"), r)]))
    else:
        data["canvas"] = None
        secties.append(Sectie("canvas", str(SOORTEN["canvas"]), 0))

    # Scenarios with their cost lines and legal bases.
    sectie = Sectie("scenarios", str(SOORTEN["scenarios"]), len(scenarios))
    data["scenarios"] = []
    for scenario in scenarios:
        d, r = _record(scenario, SCENARIO_VELDEN)
        d["id"] = scenario.pk
        kosten, kosten_tabel = _tabel(
            _("Kostenregels"), Kostenregel, scenario.kostenregels.all(), KOSTENREGEL_VELDEN, geld=("prijs",)
        )
        grondslagen, grondslag_tabel = _tabel(
            _("Wettelijke grondslagen"), ScenarioGrondslag, scenario.legitimiteit.all(), ["grondslag", "motivatie"]
        )
        d["kostenregels"], d["grondslagen"] = kosten, grondslagen
        data["scenarios"].append(d)
        sectie.onderdelen.append(Onderdeel(scenario.titel or _("Scenario"), r, [kosten_tabel, grondslag_tabel]))
    secties.append(sectie)

    # Decisions.
    sectie = Sectie("besluiten", str(SOORTEN["besluiten"]), len(besluiten))
    data["besluiten"] = []
    for besluit in besluiten:
        d, r = _record(besluit, BESLUIT_VELDEN)
        data["besluiten"].append(d)
        sectie.onderdelen.append(
            Onderdeel(f"{besluit.get_uitkomst_display()} — {_tekst(besluit.besloten_op)}", r)
        )
    secties.append(sectie)

    # The doorbraakplan and its actions.
    if plan is not None:
        d, r = _record(plan, PLAN_VELDEN)
        acties_data, acties_tabel = _tabel(_("Acties"), Actie, acties, ACTIE_VELDEN)
        d["acties"] = acties_data
        data["doorbraakplan"] = d
        secties.append(Sectie("doorbraakplan", str(SOORTEN["doorbraakplan"]), 1,
                              [Onderdeel(_("Doorbraakplan"), r, [acties_tabel] if acties else [])]))
    else:
        data["doorbraakplan"] = None
        secties.append(Sectie("doorbraakplan", str(SOORTEN["doorbraakplan"]), 0))

    # Evaluations.
    sectie = Sectie("evaluaties", str(SOORTEN["evaluaties"]), len(evaluaties))
    data["evaluaties"] = []
    for evaluatie in evaluaties:
        d, r = _record(evaluatie, EVALUATIE_VELDEN)
        d["id"] = evaluatie.pk
        data["evaluaties"].append(d)
        sectie.onderdelen.append(Onderdeel(str(evaluatie), r))
    secties.append(sectie)

    # Self-sufficiency scores: at intake or at an evaluation.
    def _moment(score):
        moment = str(score.evaluatie) if score.evaluatie_id else _("Bij aanmelding")
        return [("moment", _("Moment"), moment)]

    scores_data, scores_tabel = _tabel(
        str(SOORTEN["zelfredzaamheid"]), Zelfredzaamheid, scores, SCORE_VELDEN,
        extra_kolommen=(_("Moment"),), extra=_moment,
    )
    for waarde, score in zip(scores_data, scores, strict=True):
        waarde["evaluatie_id"] = score.evaluatie_id  # which evaluation, for a reader of the JSON
    data["zelfredzaamheid"] = scores_data
    secties.append(Sectie("zelfredzaamheid", str(SOORTEN["zelfredzaamheid"]), len(scores), tabel=scores_tabel))

    # Knelpunten.
    sectie = Sectie("knelpunten", str(SOORTEN["knelpunten"]), len(knelpunten))
    data["knelpunten"] = []
    for knelpunt in knelpunten:
        d, r = _record(knelpunt, KNELPUNT_VELDEN)
        data["knelpunten"].append(d)
        sectie.onderdelen.append(Onderdeel(knelpunt.get_soort_display(), r))
    secties.append(sectie)

    # Agenda items of the OMO-overleg and their outcomes and action points.
    sectie = Sectie("agendapunten", str(SOORTEN["agendapunten"]), len(agendapunten))
    data["agendapunten"] = []
    for punt in agendapunten:
        d, r = _record(punt, AGENDAPUNT_VELDEN)
        punten_data, punten_tabel = _tabel(
            _("Actiepunten"), punt.actiepunten.model, punt.actiepunten.all(), ACTIEPUNT_VELDEN
        )
        d["actiepunten"] = punten_data
        data["agendapunten"].append(d)
        sectie.onderdelen.append(Onderdeel(str(punt.overleg), r, [punten_tabel] if punten_data else []))
    secties.append(sectie)

    # Escalations.
    sectie = Sectie("escalaties", str(SOORTEN["escalaties"]), len(escalaties))
    data["escalaties"] = []
    for escalatie in escalaties:
        d, r = _record(escalatie, ESCALATIE_VELDEN)
        data["escalaties"].append(d)
        sectie.onderdelen.append(
            Onderdeel(f"{escalatie.get_naar_niveau_display()} — {_tekst(escalatie.aangevraagd_op)}", r)
        )
    secties.append(sectie)

    # Requests to other organisations: the organisation and the contact's function, not a name.
    def _ontvanger(verzoek):
        contact = verzoek.contactpersoon
        return [
            ("organisatie", _("Organisatie"), str(contact.organisatie) if contact else ""),
            ("functie_ontvanger", _("Functie van de ontvanger"), contact.rol if contact else ""),
        ]

    sectie = Sectie("verzoeken", str(SOORTEN["verzoeken"]), len(verzoeken))
    data["verzoeken"] = []
    for verzoek in verzoeken:
        d, r = _record(verzoek, VERZOEK_VELDEN, extra=_ontvanger(verzoek))
        data["verzoeken"].append(d)
        sectie.onderdelen.append(Onderdeel(verzoek.onderwerp or verzoek.get_soort_display(), r))
    secties.append(sectie)

    # Requests for money.
    sectie = Sectie("aanvragen", str(SOORTEN["aanvragen"]), len(aanvragen))
    data["aanvragen"] = []
    for aanvraag in aanvragen:
        d, r = _record(aanvraag, AANVRAAG_VELDEN, geld=AANVRAAG_GELD)
        d["id"] = aanvraag.pk
        data["aanvragen"].append(d)
        sectie.onderdelen.append(
            Onderdeel(f"{aanvraag.get_soort_display()} {format_euro(aanvraag.bedrag)} — {aanvraag.fonds}", r)
        )
    secties.append(sectie)

    # Payments and other postings of the case's requests.
    transacties_data, transacties_tabel = _tabel(
        str(SOORTEN["transacties"]), Transactie, transacties, TRANSACTIE_VELDEN,
        extra_kolommen=(_("Aanvraag"), _("Bedrag")),
        geld=("bedrag",),
        extra=lambda t: [("aanvraag_id", _("Aanvraag"), t.aanvraag_id),
                         ("bedrag", _("Bedrag"), t.bedrag or Decimal("0.00"))],
    )
    data["transacties"] = transacties_data
    secties.append(Sectie("transacties", str(SOORTEN["transacties"]), len(transacties), tabel=transacties_tabel))

    # The timeline (who did a step is not named: see the module docstring).
    tijdlijn_data, tijdlijn_tabel = _tabel(str(SOORTEN["tijdlijn"]), TijdlijnEvent, tijdlijn, TIJDLIJN_VELDEN)
    # The timeline's fields have no verbose names of their own.
    tijdlijn_tabel.kolommen = [_("Tijdstip"), _("Soort"), _("Omschrijving"), _("Van status"), _("Naar status"),
                               _("Toelichting")]
    data["tijdlijn"] = tijdlijn_data
    secties.append(Sectie("tijdlijn", str(SOORTEN["tijdlijn"]), len(tijdlijn), tabel=tijdlijn_tabel))

    # The access log: when, how, what, for what purpose, and the function of who looked.
    log_data, log_rijen = [], []
    for rij in log:
        functie = ", ".join(
            str(ROLLEN[g.name].naam) for g in (rij.gebruiker.groups.all() if rij.gebruiker else []) if g.name in ROLLEN
        ) or ("—" if rij.gebruiker else _("Ontvanger van een verzoek (externe link)"))
        waarde = {
            "tijdstip": _json(rij.tijdstip),
            "soort": rij.soort,
            "soort_omschrijving": str(rij.get_soort_display()),
            "object": rij.object_omschrijving,
            "soort_object": str(rij.object_type.model_class()._meta.verbose_name)
            if rij.object_type.model_class() else rij.object_type.model,
            "doel": doel_van(rij.pad),
            "functie": functie,
        }
        log_data.append(waarde)
        log_rijen.append([_tekst(rij.tijdstip), waarde["soort_omschrijving"], f"{waarde['soort_object']}: {rij.object_omschrijving}",
                          waarde["doel"], functie])
    data["toegangslog"] = log_data
    secties.append(Sectie(
        "toegangslog", str(SOORTEN["toegangslog"]), len(log),
        tabel=Tabel(str(SOORTEN["toegangslog"]), [_("Tijdstip"), _("Wat"), _("Gegevens"), _("Doel"), _("Functie")], log_rijen),
    ))

    data["aantallen"] = {sectie.sleutel: sectie.aantal for sectie in secties}
    return Inzage(casus=casus, data=data, secties=secties, gemaakt_op=nu)

