"""What of a household's record is personal content, and what stays when it is destroyed
(DESIGN §10; issue: "the free texts, pseudonym, household composition, dossier number and
canvas go; what the reports and the ledger need stays").

`INHOUD` is the one declaration: per model that belongs to a case (it points to the case, or to
a row that does), the fields that go (`persoonlijk`) and the text fields that stay (`bewaard`,
with the reason). Fields with choices are codes and always stay. `tests/privacy` fails when a
model that belongs to a case, or one of its text fields, is not declared here.

A destroyed text becomes '' where the field may be empty and `MARKER` where it may not (the
forms, constraints and templates expect a value); an empty text stays empty. The household
composition becomes 0 adults and no children; the search vector is emptied.

`plan_casus`, `plan_verzoek` and `plan_batch` turn the declaration into the operations the
database function `omo_vernietig` (privacy/migrations/0003) executes: the rows of the case in
every app, found through the live tables and through the audit event tables (so rows deleted
earlier are found too), and their event rows.
"""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

import pghistory.models
from django.apps import apps
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q
from django.utils import timezone

MARKER = "[vernietigd]"


@dataclass(frozen=True)
class Inhoud:
    model: str
    # The field that leads to the case ("casus") or to a parent declared earlier; None: the case.
    via: str | None
    persoonlijk: tuple = ()
    bewaard: dict = field(default_factory=dict)
    # The rows are deleted altogether (drafts).
    verwijderen: bool = False
    # field -> rows where that field stays (generated text).
    behalve: dict = field(default_factory=dict)
    # Optional fields that a constraint requires in some rows: they get MARKER, not ''.
    met_marker: tuple = ()


CODE = "code of sleutel, geen getypte tekst"

INHOUD = (
    Inhoud(
        "casussen.Casus", None,
        persoonlijk=("titel", "urgentie_toelichting", "reguliere_routes_toelichting", "pseudoniem", "volwassenen",
                     "leeftijden_kinderen", "dossiernummer", "uitkomst", "samenvatting_oplossing", "zoekvector"),
        bewaard={"code": CODE},
    ),
    Inhoud(
        "casussen.Canvas", "casus",
        persoonlijk=("aan_de_hand", "wil_inwoner", "eerst_oplossen", "helpt_nu", "knelpunt", "niets_doen_kort",
                     "niets_doen_lang", "vraag_bereiken", "vraag_grondwaarde", "vraag_ethisch", "vraag_juridisch",
                     "niet_betrokken_waarom", "later_betrekken"),
    ),
    Inhoud("casussen.CanvasConcept", "casus", verwijderen=True, bewaard={"sectie": CODE}),
    Inhoud("casussen.Scenario", "casus",
           persoonlijk=("titel", "beschrijving", "perspectief_inwoner", "eigen_bijdrage", "netwerk")),
    Inhoud("casussen.ScenarioGrondslag", "scenario", persoonlijk=("motivatie",)),
    Inhoud("casussen.Kostenregel", "scenario", persoonlijk=("omschrijving",)),
    Inhoud("casussen.Besluit", "casus", persoonlijk=("motivatie",)),
    Inhoud("casussen.Doorbraakplan", "casus",
           persoonlijk=("doel", "regisseur", "niet_besproken_waarom", "betrekken_hoe"),
           met_marker=("niet_besproken_waarom",)),
    Inhoud("casussen.Actie", "plan", persoonlijk=("omschrijving", "eigenaar")),
    Inhoud("casussen.Evaluatie", "casus", persoonlijk=("toelichting",)),
    Inhoud("casussen.Zelfredzaamheid", "casus"),
    Inhoud(
        "casussen.Knelpunt", "casus", persoonlijk=("beschrijving",),
        bewaard={"regel": "de patronen en rapportages groeperen op soort, grondslag en regel"},
    ),
    # Status steps are written from the workflow's labels; every other line may quote typed text.
    Inhoud("casussen.TijdlijnEvent", "casus", persoonlijk=("omschrijving", "toelichting"),
           behalve={"omschrijving": Q(soort="status")}),
    Inhoud("escalatie.Agendapunt", "casus", persoonlijk=("vraag", "alternatieven", "advies", "motivatie")),
    Inhoud("escalatie.Actiepunt", "agendapunt", persoonlijk=("omschrijving", "eigenaar")),
    Inhoud("escalatie.Escalatie", "casus",
           persoonlijk=("vraag", "motivatie", "geprobeerd", "blokkerende_regel", "gevraagde_oplossing",
                        "grondslag_delen", "geanonimiseerde_samenvatting")),
    Inhoud("escalatie.Verzoek", "casus",
           persoonlijk=("kenmerk", "afzender", "onderwerp", "vraag", "opgepakt_door", "antwoord"),
           bewaard={"link_sleutel": CODE}),
    Inhoud(
        "budget.Aanvraag", "casus",
        persoonlijk=("doel", "noodzaak", "gevolgen", "regulier_onmogelijk", "reguliere_routes",
                     "kwijtschelding_voorwaarde", "motivatie", "achteraf_oordeel"),
        bewaard={"verhalen_op": "de partij waarop verhaald wordt (een organisatie); staat ook als tegenpartij "
                                "in het grootboek, dat onveranderd blijft"},
    ),
    # The ledger stays as it is (the database function refuses its tables): the descriptions of
    # a request's postings are generated from the case code, amounts and request number, the
    # counterparty is an organisation, and the one typed text, the reason of a correction, is a
    # bookkeeping reason kept with the postings it explains.
    Inhoud("budget.Transactie", "aanvraag",
           bewaard={"omschrijving": "door OMO geschreven (casuscode, bedrag, aanvraagnummer) of de reden van "
                                    "een tegenboeking; het grootboek blijft ongewijzigd",
                    "tegenpartij": "de organisatie waarmee geboekt is"}),
    Inhoud("budget.Boeking", "transactie"),
    Inhoud("budget.Jaarafsluiting", "transactie"),
    Inhoud("rapportage.KnelpuntIndeling", "knelpunt"),
)

PER_MODEL = {i.model: i for i in INHOUD}


def model_van(label: str):
    return apps.get_model(label)


def event_model(model):
    """The pghistory event model of `model`, or None when it is not tracked."""
    for m in apps.get_models():
        if issubclass(m, pghistory.models.Event) and m.pgh_tracked_model is model:
            return m
    return None


def is_tekstveld(f) -> bool:
    """A field that can hold typed text (codes with choices cannot)."""
    if getattr(f, "choices", None):
        return False
    if isinstance(f, ArrayField):
        return is_tekstveld(f.base_field)
    return isinstance(f, (models.CharField, models.TextField, models.JSONField, SearchVectorField))


def lege_waarde(f, inhoud: Inhoud | None = None):
    """What a destroyed field holds, as text for the database function (None: NULL)."""
    if inhoud is not None and f.name in inhoud.met_marker:
        return MARKER
    if isinstance(f, SearchVectorField):
        return None
    if isinstance(f, ArrayField):
        return "{}"
    if isinstance(f, models.IntegerField):
        return "0"
    return "" if f.blank else MARKER


def leeg_maken(obj) -> None:
    """Blank a loaded object in memory as the plan blanks its row (for re-rendering documents)."""
    inhoud = PER_MODEL[obj._meta.label]
    for naam in inhoud.persoonlijk:
        f = obj._meta.get_field(naam)
        huidig = getattr(obj, f.attname)
        if huidig in ("", None, []):
            continue
        waarde = lege_waarde(f, inhoud)
        setattr(obj, f.attname, [] if waarde == "{}" else 0 if waarde == "0" else waarde)


def hoort_bij_casus() -> set:
    """Every model whose rows belong to a case: it points to the case or to such a row."""
    casus = model_van("casussen.Casus")
    gevonden = {casus}
    kandidaten = [m for m in apps.get_models() if not issubclass(m, pghistory.models.Event)
                  and not m._meta.auto_created]
    while True:
        nieuw = {
            m for m in kandidaten if m not in gevonden
            and any(f.is_relation and f.concrete and f.related_model in gevonden and not f.many_to_many
                    for f in m._meta.get_fields())
        }
        if not nieuw:
            return gevonden
        gevonden |= nieuw


def _ids(model, via: str | None, ouder_ids: set) -> set:
    """The ids of `model` rows under these parents, now or ever (the event table remembers
    rows deleted since)."""
    if via is None:
        return set(ouder_ids)
    kolom = model._meta.get_field(via).attname
    ids = set(model.objects.filter(**{f"{kolom}__in": ouder_ids}).values_list("pk", flat=True))
    em = event_model(model)
    if em is not None:
        ids |= set(em.objects.filter(**{f"{kolom}__in": ouder_ids}).values_list("pgh_obj_id", flat=True))
    return ids


def _zet(model, velden, sleutel, ids, inhoud: Inhoud | None = None) -> dict:
    return {
        "soort": "zet", "tabel": model._meta.db_table, "sleutel": sleutel, "ids": sorted(ids),
        "kolommen": {model._meta.get_field(v).column: lege_waarde(model._meta.get_field(v), inhoud) for v in velden},
    }


def _opdrachten(model, inhoud: Inhoud, ids: set) -> list[dict]:
    if not ids:
        return []
    em = event_model(model)
    if inhoud.verwijderen:
        ops = [{"soort": "verwijder", "tabel": model._meta.db_table, "sleutel": "id", "ids": sorted(ids)}]
        if em is not None:
            ops.append({"soort": "verwijder", "tabel": em._meta.db_table, "sleutel": "pgh_obj_id", "ids": sorted(ids)})
        return ops
    if not inhoud.persoonlijk:
        return []
    ops = []
    overal = [v for v in inhoud.persoonlijk if v not in inhoud.behalve]
    if overal:
        ops.append(_zet(model, overal, "id", ids, inhoud))
        if em is not None:
            in_event = [v for v in overal if any(f.name == v for f in em._meta.fields)]
            ops.append(_zet(em, in_event, "pgh_obj_id", ids, inhoud))
    for veld, blijft in inhoud.behalve.items():
        rijen = set(model.objects.filter(pk__in=ids).exclude(blijft).values_list("pk", flat=True))
        ops.append(_zet(model, [veld], "id", rijen, inhoud))
        if em is not None:
            event_ids = set(em.objects.filter(pgh_obj_id__in=ids).exclude(blijft).values_list("pgh_id", flat=True))
            ops.append(_zet(em, [veld], "pgh_id", event_ids, inhoud))
    return ops


def ids_per_model(casus_id: int) -> dict:
    """{model label: ids} of every declared row of one case."""
    ids = {}
    for inhoud in INHOUD:
        model = model_van(inhoud.model)
        if inhoud.via is None:
            ids[inhoud.model] = {casus_id}
            continue
        ouder = model._meta.get_field(inhoud.via).related_model._meta.label
        ids[inhoud.model] = _ids(model, inhoud.via, ids.get(ouder, set()))
    return ids


def waarden_ooit(model, ids, velden) -> set:
    """Every value these fields held for these rows, now and in the audit history."""
    waarden = set()
    for rij in model.objects.filter(pk__in=ids).values_list(*velden):
        waarden.update(rij)
    em = event_model(model)
    if em is not None:
        for rij in em.objects.filter(pgh_obj_id__in=ids).values_list(*velden):
            waarden.update(rij)
    return {w for w in waarden if w}


def _berichten_van_verzoeken(verzoek_ids) -> list[dict]:
    """The outgoing e-mails about these verzoeken quote their subject and question."""
    from omo.models import Bericht

    q = Q(pk__in=[])
    for vid in verzoek_ids:
        q |= Q(sleutel__startswith=f"verzoek-{vid}-")
    ids = set(Bericht.objects.filter(q).values_list("pk", flat=True))
    return [_zet(Bericht, ["onderwerp", "tekst"], "id", ids)] if ids else []


def plan_casus(casus_id: int) -> tuple[list[dict], dict]:
    """The operations that destroy one case's personal content, and the ids they touch."""
    ids = ids_per_model(casus_id)
    ops = []
    for inhoud in INHOUD:
        ops += _opdrachten(model_van(inhoud.model), inhoud, ids[inhoud.model])
    ops += _berichten_van_verzoeken(ids["escalatie.Verzoek"])
    ops += _doorgeschoven(casus_id, ids)
    return ops, ids


def _doorgeschoven(casus_id, ids) -> list[dict]:
    """A closed meeting names the items it did not get to by code and title (`niet_besproken`)."""
    from casussen.models import Casus
    from escalatie.models import Overleg

    casus = Casus.objects.get(pk=casus_id)
    overleg_ids = overleggen_van(ids)
    titels = waarden_ooit(Casus, [casus_id], ["titel"])
    zoek = sorted({f"{casus.code} {t}" for t in titels if t != MARKER}, key=len, reverse=True)
    if not overleg_ids or not zoek:
        return []
    em = event_model(Overleg)
    ops = [{"soort": "vervang", "tabel": Overleg._meta.db_table, "sleutel": "id", "ids": sorted(overleg_ids),
            "kolommen": ["niet_besproken"], "zoek": zoek, "door": f"{casus.code} {MARKER}"}]
    if em is not None:
        ops.append({"soort": "vervang", "tabel": em._meta.db_table, "sleutel": "pgh_obj_id",
                    "ids": sorted(overleg_ids), "kolommen": ["niet_besproken"], "zoek": zoek,
                    "door": f"{casus.code} {MARKER}"})
    return ops


def overleggen_van(ids) -> set:
    """The meetings whose agenda held this case (now or ever)."""
    from escalatie.models import Agendapunt

    punten = ids["escalatie.Agendapunt"]
    overleggen = set(Agendapunt.objects.filter(pk__in=punten).values_list("overleg_id", flat=True))
    em = event_model(Agendapunt)
    overleggen |= set(em.objects.filter(pgh_obj_id__in=punten).values_list("overleg_id", flat=True))
    return overleggen


def plan_verzoek(verzoek_id: int) -> list[dict]:
    """One verzoek's texts, in its row, its events, its e-mails, and the lines of its case's
    timeline that quote them; its dates and status stay (the 2-werkdagen figures)."""
    from casussen.models import TijdlijnEvent
    from escalatie.models import Verzoek

    inhoud = PER_MODEL["escalatie.Verzoek"]
    ops = _opdrachten(Verzoek, inhoud, {verzoek_id})
    ops += _berichten_van_verzoeken([verzoek_id])
    casus_id = Verzoek.objects.filter(pk=verzoek_id).values_list("casus_id", flat=True).first()
    if casus_id:
        teksten = waarden_ooit(Verzoek, [verzoek_id], inhoud.persoonlijk) - {MARKER}
        # Status lines are the workflow's labels; the others may quote the verzoek.
        regels = set(TijdlijnEvent.objects.filter(casus_id=casus_id).exclude(soort=TijdlijnEvent.Soort.STATUS)
                     .values_list("pk", flat=True))
        if teksten and regels:
            ops.append({"soort": "vervang", "tabel": TijdlijnEvent._meta.db_table, "sleutel": "id",
                        "ids": sorted(regels), "kolommen": ["omschrijving", "toelichting"],
                        "zoek": sorted(teksten, key=len, reverse=True), "door": MARKER})
    return ops


def begin_van_dag(dag) -> datetime:
    return timezone.make_aware(datetime.combine(dag, time.min))


def plan_batch(soort: str, einde_termijn) -> list[dict]:
    """Rows of a batch kind created up to and including `einde_termijn`, the last day of the
    batch (`privacy.services.lijst`: the list names it "t/m <day>")."""
    from omo.models import Bericht, Notificatie, Toegangslog

    voor = begin_van_dag(einde_termijn + timedelta(days=1)).isoformat()
    if soort == "notificatie":
        em = event_model(Notificatie)
        return [
            {"soort": "verwijder_voor", "tabel": Notificatie._meta.db_table, "kolom": "aangemaakt_op", "voor": voor},
            # Every event row of a notification carries its creation time: all of them go.
            {"soort": "verwijder_voor", "tabel": em._meta.db_table, "kolom": "aangemaakt_op", "voor": voor},
            {"soort": "verwijder_voor", "tabel": Bericht._meta.db_table, "kolom": "aangemaakt_op", "voor": voor},
        ]
    if soort == "toegangslog":
        return [{"soort": "verwijder_voor", "tabel": Toegangslog._meta.db_table, "kolom": "tijdstip", "voor": voor}]
    raise ValueError(soort)
