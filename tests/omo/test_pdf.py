"""Every PDF OMO writes is archival (PDF/A-2a) and accessible (PDF/UA-1): the verslag, the LET
dossier and the quarterly report (concept, definitief and publieksversie), each read back with
pikepdf from the demo data. What an archive's validator and a screen reader depend on is checked
(`tests/pdfcontrole.py`): the conformance claims in the XMP (and the extension schema that PDF/A needs for the PDF/UA
one), the output intent, the structure tree (headings without skipped levels, tables whose data
cells point to their header cells, figures with alternative text), the language, the title shown
instead of the file name, every font embedded, no encryption, no scripts and no attachments."""

import datetime
import io
import logging

import pikepdf
import pytest
import time_machine
from django.urls import reverse
from django.utils.formats import date_format

from escalatie.models import Escalatie, Verslag
from omo.models import User
from omo.pdf import schrijf_pdf
from omo.werkdagen import AMSTERDAM
from rapportage.models import SECTIES, RapportBestand
from rapportage.services import rapporten
from tests.pdfcontrole import controleer
from tests.rapportage.conftest import laad_demo

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 10, 14, 9, tzinfo=AMSTERDAM)


@pytest.fixture
def demo(db):
    with time_machine.travel(NU, tick=True):
        laad_demo()
        yield User.objects.get(username="omo")


@pytest.fixture
def weasyprint_fouten(caplog):
    """What WeasyPrint reports as an error while rendering: a missing `lang` or an image without
    alternative text is logged, not raised."""
    caplog.set_level(logging.WARNING, logger="weasyprint")
    return lambda: [r.getMessage() for r in caplog.records if r.name.startswith("weasyprint") and r.levelno >= logging.ERROR]


def test_schrijf_pdf_tags_a_minimal_document(weasyprint_fouten):
    html = (
        '<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8"><title>Proef</title></head><body>'
        "<h1>Kop</h1><h2>Onderkop</h2>"
        '<table><thead><tr><th scope="col">Soort</th><th scope="col">Aantal</th></tr></thead>'
        '<tbody><tr><th scope="row">Casussen</th><td>3</td></tr></tbody></table>'
        '<svg xmlns="http://www.w3.org/2000/svg" role="img" width="60" height="20"><title>Drie casussen</title>'
        '<rect width="30" height="20"/></svg></body></html>'
    )
    soorten = controleer(schrijf_pdf(html), "Proef")
    assert soorten.count("Table") == 1 and soorten.count("TH") == 3 and soorten.count("Figure") == 1
    assert not weasyprint_fouten()


@pytest.mark.parametrize("fout, html", [
    ("geen taal", '<html><head><title>Proef</title></head><body><h1>Kop</h1></body></html>'),
    ("kop overgeslagen", '<html lang="nl"><head><title>Proef</title></head><body><h1>Kop</h1><h3>Sub</h3></body></html>'),
    ("tabel zonder kopcellen",
     '<html lang="nl"><head><title>Proef</title></head><body><h1>Kop</h1><table><tr><td>a</td></tr></table></body></html>'),
    ("grafiek zonder tekst", '<html lang="nl"><head><title>Proef</title></head><body><h1>Kop</h1>'
     '<svg xmlns="http://www.w3.org/2000/svg" width="9" height="9"><rect width="9" height="9"/></svg></body></html>'),
])
def test_the_check_finds_what_a_screen_reader_would_miss(fout, html):
    with pytest.raises(AssertionError):
        controleer(schrijf_pdf(html), "Proef")


def test_every_demo_verslag_is_pdf_a_and_pdf_ua(demo, weasyprint_fouten):
    verslagen = list(Verslag.objects.select_related("overleg__reeks").order_by("overleg__datum"))
    assert verslagen
    for verslag in verslagen:
        overleg = verslag.overleg
        with verslag.bestand.open("rb") as f:
            soorten = controleer(f.read(), f"Verslag {overleg.reeks.naam} {date_format(overleg.datum, 'j F Y')}")
        assert {"H1", "H2", "H3", "Table", "TH", "TD"} <= set(soorten), soorten
    assert not weasyprint_fouten()


def test_the_let_dossier_is_pdf_a_and_pdf_ua(demo, client, weasyprint_fouten):
    client.force_login(demo)
    escalaties = Escalatie.objects.filter(naar_niveau=4).exclude(geanonimiseerde_samenvatting="")
    assert escalaties
    for escalatie in escalaties:
        response = client.get(reverse("escalatie_let_pdf", args=[escalatie.pk]))
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        soorten = controleer(response.content, "Dossier Landelijk Escalatie Team")
        assert {"H1", "H2", "P"} <= set(soorten), soorten
    assert not weasyprint_fouten()


def test_quarterly_report_concept_definitief_and_publieksversie_are_pdf_a_and_pdf_ua(demo, weasyprint_fouten,
                                                                                    django_capture_on_commit_callbacks):
    omo = demo
    with time_machine.travel(NU, tick=True):
        rapport = rapporten.maak_kwartaalconcept(vandaag=NU.date())
        concept, paginas = rapporten.render_pdf(rapport, publiek=False)
        assert paginas == len(pikepdf.open(io.BytesIO(concept)).pages) > 5
        soorten = controleer(concept, rapport.titel)
        for verwacht in ("H1", "H2", "H3", "H4", "Table", "THead", "TH", "TD", "Figure", "L", "LI", "Link"):
            assert verwacht in soorten, verwacht

        for code, naam in SECTIES:
            rapporten.bewaar_sectie(omo, rapport, code, f"{naam} van de OMO-functionaris.", rapporten.basis_van(""))
        with django_capture_on_commit_callbacks(execute=False):
            rapporten.maak_definitief(omo, rapport)
        rapporten.render_pdfs(rapport.pk)
    bestanden = {b.variant: b for b in RapportBestand.objects.filter(rapport=rapport)}
    assert set(bestanden) == {RapportBestand.Variant.VOLLEDIG, RapportBestand.Variant.PUBLIEK}
    for variant, titel in ((RapportBestand.Variant.VOLLEDIG, rapport.titel),
                           (RapportBestand.Variant.PUBLIEK, f"{rapport.titel} – Publieksversie")):
        with bestanden[variant].bestand.open("rb") as f:
            soorten = controleer(f.read(), titel)
        assert {"H1", "H2", "H3", "Table", "TH", "Figure"} <= set(soorten), (variant, soorten)
    assert not weasyprint_fouten()
