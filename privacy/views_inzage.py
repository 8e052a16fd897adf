"""The inzageverzoek (AVG art. 15): the privacy officer types a case code, sees how many records
of each kind the export will hold (no content), and downloads the export as PDF and as JSON.

The export is made anew for every download and never stored (a stored copy would be one more
copy to destroy when the retention term ends). Every download is written to the access log of
the case (`Toegangslog.Soort.EXPORT`), and so is the summary page (the case was looked up).
"""

import json

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils import timezone

from casussen.models import Casus
from omo.audit import log_access
from omo.models import Toegangslog
from omo.pdf import schrijf_pdf
from omo.toegang import vereis_pagina
from privacy.casuscode import lees_casuscode
from privacy.queries import inzage as queries

REGEL = "privacy.maak_inzage_export"


def inzageverzoek(request):
    """The page: a field for the case code (typed as loosely as "ga naar casus" allows), then
    the counts per kind of record and the two downloads."""
    vereis_pagina(request, REGEL)
    code, casus, melding = lees_casuscode(request)
    aantallen = None
    if casus is not None:
        casus = Casus.objects.only("pk", "code", "status").get(pk=casus.pk)
        aantallen = queries.aantallen(casus.pk)
        log_access(request, casus)
    soorten = [(sleutel, titel, aantallen[sleutel]) for sleutel, titel in queries.SOORTEN.items()] \
        if aantallen is not None else []
    return render(request, "privacy/inzage.html", {
        "code": code, "casus": casus, "soorten": soorten, "melding": melding,
    })


def _export(request, pk):
    vereis_pagina(request, REGEL)
    if not Casus.objects.filter(pk=pk).exists():
        raise Http404
    return queries.inzage(pk)


def _download(request, export, inhoud, content_type, extensie):
    """The file as an attachment, written to the case's access log once it has been made."""
    response = HttpResponse(inhoud, content_type=content_type)
    response["Content-Disposition"] = (
        f'attachment; filename="inzage-{export.casus.code}-{timezone.localdate():%Y-%m-%d}.{extensie}"'
    )
    log_access(request, export.casus, Toegangslog.Soort.EXPORT)
    return response


def inzage_pdf(request, pk):
    export = _export(request, pk)
    html = render_to_string("privacy/inzage_pdf.html", {"inzage": export, "data": export.data})
    return _download(request, export, schrijf_pdf(html), "application/pdf", "pdf")


def inzage_json(request, pk):
    export = _export(request, pk)
    inhoud = json.dumps(export.data, ensure_ascii=False, indent=2)
    return _download(request, export, inhoud, "application/json; charset=utf-8", "json")
