"""The monthly vernietigingslijst: drawn up, decided per item, adopted, executed (DESIGN §10).

    stel_lijst_op()                   1st of the month, 02:30 (beat): what is past its term
    besluit_item(item, user, ...)     the privacy officer holds an item back (with a reason) or not
    stel_vast(lijst, user)            adopts the list; the destruction is queued after commit
    voer_uit(lijst)                   the task: destroys each approved item, once

A record is past its term at the peildatum (the first of the month the list is for) when the
moment its term started plus `settings.OMO_BEWAARTERMIJNEN[soort]` months lies on or before
that day:

    soort        term starts at                                   one item per
    casus        `Casus.afgesloten_op` (status afgesloten)         case
    vervallen    `Casus.status_sinds` (status vervallen, final)    case
    verzoek      `Verzoek.beantwoord_op` (status beantwoord)       verzoek
    notificatie  `Notificatie.aangemaakt_op`                       list (all rows, one batch)
    toegangslog  `Toegangslog.tijdstip`                            list (all rows, one batch)

Worked example, terms 24 (casus) and 6 (notificatie) months, peildatum 1 June 2026: the border
is 1 June 2024 for cases, 1 December 2025 for notifications. A case closed on 31 May 2024 is on
the list (its term ended 31 May 2026); one closed on 1 June 2024 at 10:00 is not (its term
ends on 1 June 2026 at 10:00, after the peildatum) and comes on the July list. The batch holds
the notifications created up to and including 30 November 2025.

A record is not proposed again once an item for it was executed, while it is on an earlier
list waiting for destruction, or while it is held back until a date after the peildatum. Held
back without a date (or until a date that has passed), it is proposed again, and the new item
points to the earlier one (`vorig_item`) so the officer sees the reason given then.

The proposal is one INSERT … SELECT per kind of record (set-based: 100,000 cases are one
statement, not a loop).
"""

import logging
from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from omo.services import handel_af, notify, onderwerp_van
from omo.toegang import vereis, wie_mag
from omo.weigering import Weigering
from omo.werkdagen import AMSTERDAM
from privacy.models import Bewaarsoort, Vernietigingsitem, Vernietigingslijst
from privacy.services import vernietigen

logger = logging.getLogger(__name__)

REGEL = "privacy.beheer_vernietiging"
Status = Vernietigingslijst.Status
Besluit = Vernietigingsitem.Besluit

# The steps a list takes; nothing else (DESIGN §12: a status has a transition table).
OVERGANGEN = {
    (Status.VOORGESTELD, Status.VASTGESTELD): "stel_vast",
    (Status.VASTGESTELD, Status.UITGEVOERD): "voer_uit",
}

# Per kind of record: the rows past their term, as (id, code, moment the term started).
_BRONNEN = {
    Bewaarsoort.CASUS: """
        SELECT id, code, afgesloten_op AS moment FROM casussen_casus
        WHERE status = 'afgesloten' AND afgesloten_op < %(grens)s""",
    Bewaarsoort.VERVALLEN: """
        SELECT id, code, status_sinds AS moment FROM casussen_casus
        WHERE status = 'vervallen' AND status_sinds < %(grens)s""",
    Bewaarsoort.VERZOEK: """
        SELECT id, %(label)s || ' ' || id AS code, beantwoord_op AS moment FROM escalatie_verzoek
        WHERE status = 'beantwoord' AND beantwoord_op < %(grens)s""",
}

# The rows of a batch: table and the column of the moment the term started.
_PARTIJEN = {
    Bewaarsoort.NOTIFICATIE: ("omo_notificatie", "aangemaakt_op"),
    Bewaarsoort.TOEGANGSLOG: ("omo_toegangslog", "tijdstip"),
}

_KOLOMMEN = """INSERT INTO privacy_vernietigingsitem
    (lijst_id, soort, object_id, code, einde_termijn, aantal, besluit, reden_aanhouden, aanhouden_tot,
     resultaat, vorig_item_id)"""

# The latest item for the same record on an earlier list (`r.id`: the record; NULL: the batch).
_VORIG = """
LEFT JOIN LATERAL (
    SELECT i.id, i.besluit, i.aanhouden_tot, i.uitgevoerd_op
    FROM privacy_vernietigingsitem i JOIN privacy_vernietigingslijst l ON l.id = i.lijst_id
    WHERE i.soort = %(soort)s AND i.object_id IS NOT DISTINCT FROM {object_id} AND l.peildatum < %(peildatum)s
    ORDER BY l.peildatum DESC, i.id DESC
    LIMIT 1
) vorig ON true"""

# Proposed again only after a hold whose date (if any) has come.
_WEER_VOORSTELLEN = """(vorig.besluit = 'aanhouden' AND (vorig.aanhouden_tot IS NULL OR vorig.aanhouden_tot <= %(peildatum)s))"""

RECORDS_SQL = (
    _KOLOMMEN
    + """
SELECT %(lijst)s, %(soort)s, r.id, left(r.code, 60),
       ((r.moment AT TIME ZONE 'Europe/Amsterdam') + make_interval(months => %(maanden)s))::date,
       1, 'vernietigen', '', NULL, '{}'::jsonb,
       CASE WHEN vorig.besluit = 'aanhouden' THEN vorig.id END
FROM ({bron}) r"""
    + _VORIG.format(object_id="r.id")
    + """
WHERE NOT EXISTS (
        SELECT 1 FROM privacy_vernietigingsitem u
        WHERE u.soort = %(soort)s AND u.object_id = r.id AND u.uitgevoerd_op IS NOT NULL)
  AND (vorig.id IS NULL OR """
    + _WEER_VOORSTELLEN
    + """)
ON CONFLICT DO NOTHING"""
)

PARTIJ_SQL = (
    _KOLOMMEN
    + """
SELECT %(lijst)s, %(soort)s, NULL, %(code)s, %(einde)s, t.aantal, 'vernietigen', '', NULL, '{}'::jsonb,
       CASE WHEN vorig.besluit = 'aanhouden' THEN vorig.id END
FROM (SELECT count(*)::integer AS aantal FROM {tabel} WHERE {kolom} < %(grens)s) t"""
    + _VORIG.format(object_id="NULL::bigint")
    + """
WHERE t.aantal > 0
  AND (vorig.id IS NULL OR vorig.besluit = 'vernietigen' OR """
    + _WEER_VOORSTELLEN
    + """)
ON CONFLICT DO NOTHING"""
)


def eerste_van_de_maand(dag: date | None = None) -> date:
    return (dag or timezone.localdate()).replace(day=1)


def grens(peildatum: date, soort: str) -> date:
    """The first day whose records are not yet past their term at `peildatum`."""
    return peildatum - relativedelta(months=settings.OMO_BEWAARTERMIJNEN[soort])


def _begin(dag: date) -> datetime:
    return datetime.combine(dag, time.min, tzinfo=AMSTERDAM)


def _stel_items_op(lijst: Vernietigingslijst) -> None:
    peildatum = lijst.peildatum
    with connection.cursor() as cursor:
        for soort, bron in _BRONNEN.items():
            cursor.execute(RECORDS_SQL.replace("{bron}", bron), {
                "lijst": lijst.pk, "soort": soort, "peildatum": peildatum,
                "grens": _begin(grens(peildatum, soort)), "maanden": settings.OMO_BEWAARTERMIJNEN[soort],
                "label": _("Verzoek"),
            })
        for soort, (tabel, kolom) in _PARTIJEN.items():
            laatste_dag = grens(peildatum, soort) - relativedelta(days=1)
            cursor.execute(PARTIJ_SQL.replace("{tabel}", tabel).replace("{kolom}", kolom), {
                "lijst": lijst.pk, "soort": soort, "peildatum": peildatum,
                "grens": _begin(grens(peildatum, soort)), "einde": laatste_dag,
                "code": _("t/m %(datum)s") % {"datum": laatste_dag.strftime("%d-%m-%Y")},
            })


def _maand(lijst) -> str:
    return date_format(lijst.peildatum, "F Y")


def _meld(lijst: Vernietigingslijst) -> None:
    """Tell every privacy officer the list awaits them; finished when the list is adopted."""
    aantal = lijst.items.count()
    link = reverse("vernietigingslijst", args=[lijst.pk])
    for user in wie_mag(REGEL, lijst):
        notify(
            user,
            ngettext("Vernietigingslijst %(maand)s: %(n)s post", "Vernietigingslijst %(maand)s: %(n)s posten", aantal)
            % {"maand": _maand(lijst), "n": aantal},
            link, f"vernietigingslijst-{lijst.pk}", doel=(REGEL, lijst),
            onderwerp=onderwerp_van(lijst), vraag=_("wacht op je vaststelling"),
        )


@transaction.atomic
def stel_lijst_op(peildatum: date | None = None) -> Vernietigingslijst:
    """The list of the month of `peildatum` (default: this month), drawn up once.

    A second call for the same month, also at the same moment from another process, returns the
    list the first made: the INSERT … ON CONFLICT on the unique peildatum waits for the first
    transaction and then inserts nothing."""
    peildatum = eerste_van_de_maand(peildatum)
    with connection.cursor() as cursor:
        cursor.execute(
            """INSERT INTO privacy_vernietigingslijst (peildatum, opgesteld_op, status)
               VALUES (%s, %s, %s) ON CONFLICT (peildatum) DO NOTHING RETURNING id""",
            [peildatum, timezone.now(), Status.VOORGESTELD],
        )
        nieuw = cursor.fetchone()
    if nieuw is None:
        return Vernietigingslijst.objects.get(peildatum=peildatum)
    lijst = Vernietigingslijst.objects.get(pk=nieuw[0])
    _stel_items_op(lijst)
    _meld(lijst)
    return lijst


def _vergrendel(lijst_id) -> Vernietigingslijst:
    lijst = Vernietigingslijst.objects.select_for_update(of=("self",)).select_related("vastgesteld_door").filter(
        pk=lijst_id).first()
    if lijst is None:
        raise Weigering(_("Deze vernietigingslijst bestaat niet (meer)."))
    return lijst


def _al_vastgesteld(lijst) -> Weigering:
    wie = lijst.vastgesteld_door
    return Weigering(_(
        "Deze lijst is al vastgesteld op %(op)s door %(wie)s. Er is niets veranderd."
    ) % {
        "op": date_format(timezone.localtime(lijst.vastgesteld_op), "j F Y H:i") if lijst.vastgesteld_op else "",
        "wie": (wie.get_full_name() or wie.username) if wie else "",
    })


def _stap(lijst, naar) -> None:
    if (lijst.status, naar) not in OVERGANGEN:
        raise Weigering(_("Van ‘%(van)s’ kan een vernietigingslijst niet naar ‘%(naar)s’. Er is niets veranderd.") % {
            "van": lijst.get_status_display(), "naar": Status(naar).label})
    lijst.status = naar


@transaction.atomic
def besluit_item(item_id, user, *, besluit: str, reden: str = "", aanhouden_tot: date | None = None):
    """Hold an item back (a reason is required, a date optional) or undo the hold (destroy it
    after all), while the list is not yet adopted."""
    vereis(user, REGEL, melding=_("Alleen de privacyfunctionaris beslist over de vernietigingslijst."))
    lijst_id = Vernietigingsitem.objects.filter(pk=item_id).values_list("lijst_id", flat=True).first()
    if lijst_id is None:
        raise Weigering(_("Deze post staat niet (meer) op een vernietigingslijst."))
    lijst = _vergrendel(lijst_id)
    if lijst.status != Status.VOORGESTELD:
        raise Weigering(_("Deze lijst is al vastgesteld: de besluiten liggen vast. Er is niets veranderd."))
    item = Vernietigingsitem.objects.select_for_update().get(pk=item_id)
    if besluit == Besluit.AANHOUDEN:
        reden = (reden or "").strip()
        if not reden:
            raise Weigering(_("Geef de reden om deze post aan te houden."), "reden")
        if aanhouden_tot is not None and aanhouden_tot <= lijst.peildatum:
            raise Weigering(_(
                "Kies een datum na de peildatum van deze lijst (%(datum)s), of laat de datum leeg: dan komt de "
                "post op de volgende lijst terug."
            ) % {"datum": date_format(lijst.peildatum, "j F Y")}, "aanhouden_tot")
        item.reden_aanhouden, item.aanhouden_tot = reden, aanhouden_tot
    elif besluit == Besluit.VERNIETIGEN:
        item.reden_aanhouden, item.aanhouden_tot = "", None
    else:
        raise Weigering(_("Kies vernietigen of aanhouden."), "besluit")
    item.besluit = besluit
    item.besloten_door = user
    item.besloten_op = timezone.now()
    item.save(update_fields=["besluit", "reden_aanhouden", "aanhouden_tot", "besloten_door", "besloten_op"])
    return item


@transaction.atomic
def stel_vast(lijst_id, user) -> Vernietigingslijst:
    """Adopt the list as it stands: who and when are recorded, the items nobody changed are
    decided by the adopter, the officers' notification is finished, and the destruction of the
    approved items is queued after commit. A second adoption (a double click) is refused and
    changes nothing."""
    vereis(user, REGEL, melding=_("Alleen de privacyfunctionaris stelt de vernietigingslijst vast."))
    lijst = _vergrendel(lijst_id)
    if lijst.status != Status.VOORGESTELD:
        raise _al_vastgesteld(lijst)
    nu = timezone.now()
    _stap(lijst, Status.VASTGESTELD)
    lijst.vastgesteld_door = user
    lijst.vastgesteld_op = nu
    lijst.save(update_fields=["status", "vastgesteld_door", "vastgesteld_op"])
    lijst.items.filter(besloten_door__isnull=True).update(besloten_door=user, besloten_op=nu)
    handel_af(onderwerp_van(lijst))
    from privacy.tasks import vernietigingslijst_uitvoeren

    vernietigingslijst_uitvoeren.delay_on_commit(lijst.pk)
    return lijst


def open_posten(lijst_id):
    """The approved items of a list not yet destroyed."""
    return Vernietigingsitem.objects.filter(
        lijst_id=lijst_id, besluit=Besluit.VERNIETIGEN, uitgevoerd_op__isnull=True
    )


def voer_uit(lijst_id) -> dict:
    """Destroy each approved item of an adopted list that is not yet destroyed, each in its own
    transaction (`privacy.services.vernietigen.vernietig`, idempotent). An item that fails is
    logged and left for the next run; when none is left the list is uitgevoerd. Safe to run
    twice or at the same time. Returns {"vernietigd": n, "mislukt": n}."""
    status = Vernietigingslijst.objects.filter(pk=lijst_id).values_list("status", flat=True).first()
    if status != Status.VASTGESTELD:
        return {"vernietigd": 0, "mislukt": 0}
    vernietigd = mislukt = 0
    for item_id in open_posten(lijst_id).order_by("pk").values_list("pk", flat=True):
        try:
            vernietigen.vernietig(item_id)
        except Exception:
            logger.exception("Vernietiging van post %s van lijst %s mislukt; de volgende run probeert opnieuw.",
                             item_id, lijst_id)
            mislukt += 1
        else:
            vernietigd += 1
    with transaction.atomic():
        lijst = _vergrendel(lijst_id)
        if lijst.status == Status.VASTGESTELD and not open_posten(lijst_id).exists():
            _stap(lijst, Status.UITGEVOERD)
            lijst.uitgevoerd_op = timezone.now()
            lijst.save(update_fields=["status", "uitgevoerd_op"])
    return {"vernietigd": vernietigd, "mislukt": mislukt}


def onvoltooide_lijsten() -> list[int]:
    """Adopted lists with approved items not yet destroyed (a failed run): for the next run."""
    return list(
        Vernietigingslijst.objects.filter(status=Status.VASTGESTELD).order_by("peildatum").values_list("pk", flat=True)
    )
