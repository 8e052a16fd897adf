"""Every PDF OMO writes is archival (PDF/A-2a) and accessible (PDF/UA-1): the verslag, the LET
dossier and the quarterly report (concept, definitief and publieksversie), each read back with
pikepdf from the demo data. What an archive's validator and a screen reader depend on is checked
here: the conformance claims in the XMP (and the extension schema that PDF/A needs for the PDF/UA
one), the output intent, the structure tree (headings without skipped levels, tables whose data
cells point to their header cells, figures with alternative text), the language, the title shown
instead of the file name, every font embedded, no encryption, no scripts and no attachments."""

import datetime
import io
import logging
import re

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
from tests.rapportage.conftest import laad_demo

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 10, 14, 9, tzinfo=AMSTERDAM)
PDFUAID = "http://www.aiim.org/pdfua/ns/id/"


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


def _kinderen(element):
    kids = element.get("/K")
    if kids is None:
        return []
    kids = kids if isinstance(kids, pikepdf.Array) else [kids]
    return [k for k in kids if isinstance(k, pikepdf.Dictionary) and "/S" in k]


def _boom(element, diepte=0):
    """(depth, element) for every structure element, in reading order."""
    for kind in _kinderen(element):
        yield diepte, kind
        yield from _boom(kind, diepte + 1)


def _onder(element, soort):
    return [e for _d, e in _boom(element) if e.S == soort]


def controleer(inhoud: bytes, titel: str) -> list[str]:
    """Assert everything PDF/A-2a + PDF/UA-1 asks that can be read from the file; returns the
    structure types in reading order (for the caller's own expectations)."""
    pdf = pikepdf.open(io.BytesIO(inhoud))
    root = pdf.Root
    assert not pdf.is_encrypted
    assert pdf.pdf_version == "1.7"

    # Identification: PDF/A-2 level a and PDF/UA-1, and the title, in one XMP packet.
    meta = pdf.open_metadata()
    assert (meta.get("pdfaid:part"), meta.get("pdfaid:conformance"), meta.get("pdfuaid:part")) == ("2", "A", "1")
    assert meta.get("dc:title") == titel == str(pdf.docinfo.Title)
    xmp = root.Metadata.read_bytes().decode()
    # PDF/A-2 accepts only declared XMP properties: the pdfuaid namespace is declared.
    assert re.search(rf"<pdfaSchema:namespaceURI>{re.escape(PDFUAID)}</pdfaSchema:namespaceURI>\s*"
                     r"<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>", xmp)
    (intent,) = root.OutputIntents
    assert intent.S == "/GTS_PDFA1" and "/DestOutputProfile" in intent

    # Tagged, in Dutch, with the title shown by the reader.
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "nl"
    assert root.ViewerPreferences.DisplayDocTitle is True
    assert all(pagina.get("/Tabs") == "/S" for pagina in pdf.pages)

    # The structure tree: one Document, headings that start at H1 and never skip a level.
    (document,) = _kinderen(root.StructTreeRoot)
    assert document.S == "/Document"
    elementen = [e for _d, e in _boom(document)]
    soorten = [str(e.S)[1:] for e in elementen]
    koppen = [int(s[1]) for s in soorten if re.fullmatch(r"H[1-6]", s)]
    assert koppen and koppen[0] == 1, koppen
    assert all(b <= a + 1 for a, b in zip(koppen, koppen[1:], strict=False)), koppen

    # Tables: header cells, and every data cell refers to one (row or column header).
    for tabel in (e for e in elementen if e.S == "/Table"):
        koppen_van_tabel = _onder(tabel, "/TH")
        assert koppen_van_tabel, "een tabel zonder kopcellen"
        ids = {str(th.ID) for th in koppen_van_tabel}
        for td in _onder(tabel, "/TD"):
            verwijst = [str(h) for h in td.A.get("/Headers", [])]
            assert verwijst and set(verwijst) <= ids, verwijst

    # Figures (SVG charts, images) carry alternative text.
    for figuur in (e for e in elementen if e.S == "/Figure"):
        assert str(figuur.get("/Alt", "")).strip(), "een figuur zonder alternatieve tekst"

    # Every font is embedded (Type 3 fonts are drawn by the file itself).
    fonts = {}
    for pagina in pdf.pages:
        for naam, font in pagina.Resources.get("/Font", {}).items():
            fonts[naam] = font
    assert fonts
    for naam, font in fonts.items():
        if font.Subtype == "/Type3":
            continue
        beschrijving = font.DescendantFonts[0].FontDescriptor if font.Subtype == "/Type0" else font.FontDescriptor
        assert any(k in beschrijving for k in ("/FontFile", "/FontFile2", "/FontFile3")), naam
        assert "/ToUnicode" in font, naam

    # Nothing PDF/A forbids that is cheap to see: scripts, automatic actions, attachments.
    assert "/AA" not in root and "/OpenAction" not in root
    namen = root.get("/Names", {})
    assert "/JavaScript" not in namen and "/EmbeddedFiles" not in namen
    return soorten


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
