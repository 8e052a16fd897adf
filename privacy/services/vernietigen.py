"""Execute one approved item of an adopted vernietigingslijst (DESIGN §10).

`vernietig(item_id)` builds the plan from the one declaration of personal fields
(`privacy.inhoud`) and hands it to the database function `omo_vernietig`, the only path past the
append-only guards; the function checks the item again, performs the plan and records on the
item what was destroyed. Idempotent: an executed item returns what it recorded and does nothing.

For a case, the verslag of every meeting that had it on the agenda is rendered again from the
blanked data with the verslag renderer (the case shows as "[vernietigd]"), stored as a new file
that replaces the old one in the protected row (old and new sha256 are recorded), and the old
file is deleted from storage once the transaction has committed. E-mails in the outbox with that
verslag attached point to the new file.

E-mails about a verzoek quote its subject and question: they are blanked with the verzoek. The
in-app notifications and every other e-mail go as a batch (`notificatie`, 6 months by default,
shorter than the terms of cases and verzoeken): every notification and outbox row created before
the batch's day, with their audit events. An outbox attachment is the verslag itself, the
archive record, and is not deleted with the mail.
"""

import hashlib
import json

import pghistory
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omo.weigering import Weigering
from privacy import inhoud
from privacy.models import Bewaarsoort, Vernietigingsitem, Vernietigingslijst

CASUS_SOORTEN = (Bewaarsoort.CASUS, Bewaarsoort.VERVALLEN)


def vernietig(item_id) -> dict:
    """Destroy what item `item_id` names; returns the recorded result ({table: rows, …})."""
    nieuwe_bestanden: list[str] = []
    oude_bestanden: list[str] = []
    try:
        with transaction.atomic():
            item = Vernietigingsitem.objects.select_for_update().select_related("lijst").get(pk=item_id)
            if item.uitgevoerd_op is not None:
                return item.resultaat
            if item.besluit != Vernietigingsitem.Besluit.VERNIETIGEN:
                raise Weigering(_("Deze post wordt aangehouden en niet vernietigd."))
            if item.lijst.status not in (Vernietigingslijst.Status.VASTGESTELD, Vernietigingslijst.Status.UITGEVOERD):
                raise Weigering(_("De lijst is nog niet vastgesteld; er wordt niets vernietigd."))
            with pghistory.context(vernietigingslijst=item.lijst_id, item=item.pk):
                vermelding = {"codes": [item.code]}
                if item.soort in CASUS_SOORTEN:
                    opdrachten, ids = inhoud.plan_casus(item.object_id)
                    verslagen, extra = _verslagen(item.object_id, ids, nieuwe_bestanden, oude_bestanden)
                    opdrachten += extra
                    vermelding["verslagen"] = verslagen
                elif item.soort == Bewaarsoort.VERZOEK:
                    opdrachten = inhoud.plan_verzoek(item.object_id)
                else:
                    opdrachten = inhoud.plan_batch(item.soort, item.einde_termijn)
                resultaat = _voer_uit(item.pk, opdrachten, vermelding)
            transaction.on_commit(lambda: _verwijder_bestanden(oude_bestanden))
    except BaseException:
        _verwijder_bestanden(nieuwe_bestanden)
        raise
    return resultaat


def _voer_uit(item_id, opdrachten, vermelding) -> dict:
    # Not a bare SELECT: pghistory attaches its context (the list and the item) to every other
    # statement, so the events the purge writes say what made them.
    with connection.cursor() as cur:
        cur.execute("WITH uitvoering AS (SELECT omo_vernietig(%s, %s::jsonb, %s::jsonb) AS r) SELECT r FROM uitvoering",
                    [item_id, json.dumps(opdrachten), json.dumps(vermelding)])
        resultaat = cur.fetchone()[0]
    return json.loads(resultaat) if isinstance(resultaat, str) else resultaat


def _verwijder_bestanden(namen):
    for naam in namen:
        default_storage.delete(naam)


def _verslagen(casus_id, ids, nieuwe_bestanden, oude_bestanden) -> tuple[list[dict], list[dict]]:
    """Render the verslagen that mention the case again without its texts."""
    from casussen.models import Casus
    from escalatie.models import Verslag
    from escalatie.services.bespreking import render_verslag, verslag_context
    from omo.models import Bericht

    casus = Casus.objects.get(pk=casus_id)
    titels = inhoud.waarden_ooit(Casus, [casus_id], ["titel"]) - {inhoud.MARKER}
    vervangen = {f"{casus.code} {t}": f"{casus.code} {inhoud.MARKER}" for t in titels}
    verslagen, opdrachten = [], []
    for verslag in (Verslag.objects.filter(overleg_id__in=inhoud.overleggen_van(ids))
                    .select_related("overleg__reeks", "overleg__voorzitter").order_by("overleg_id")):
        overleg = verslag.overleg
        context = verslag_context(overleg)
        for punt in context["punten"]:
            if punt.casus_id != casus_id:
                continue
            inhoud.leeg_maken(punt)
            inhoud.leeg_maken(punt.casus)
            if punt.scenario is not None:
                inhoud.leeg_maken(punt.scenario)
            for actiepunt in punt.actiepunten.all():
                inhoud.leeg_maken(actiepunt)
        context["doorgeschoven"] = [vervangen.get(regel, regel) for regel in context["doorgeschoven"]]
        context["gemaakt_op"] = timezone.localtime(verslag.gemaakt_op)
        pdf = render_verslag(overleg, context)
        sha = hashlib.sha256(pdf).hexdigest()
        naam = default_storage.save(
            verslag.bestand.field.generate_filename(verslag, f"verslag-{overleg.datum:%Y-%m-%d}-{overleg.pk}.pdf"),
            ContentFile(pdf),
        )
        nieuwe_bestanden.append(naam)
        oude_bestanden.append(verslag.bestand.name)
        opdrachten.append({"soort": "zet", "tabel": Verslag._meta.db_table, "sleutel": "id", "ids": [verslag.pk],
                           "kolommen": {"bestand": naam, "sha256": sha}})
        wachtend = list(Bericht.objects.filter(sleutel=f"verslag-{overleg.pk}", bijlage=verslag.bestand.name)
                        .values_list("pk", flat=True))
        if wachtend:
            opdrachten.append({"soort": "zet", "tabel": Bericht._meta.db_table, "sleutel": "id", "ids": wachtend,
                               "kolommen": {"bijlage": naam}})
        verslagen.append({"overleg": overleg.pk, "oud_sha256": verslag.sha256, "nieuw_sha256": sha})
    return verslagen, opdrachten
