"""What PDF/A-2a + PDF/UA-1 ask of a file that can be read back from it (with pikepdf), for the
test of every document OMO writes as PDF: `controleer(pdf_bytes, titel)`."""

import io
import re

import pikepdf

PDFUAID = "http://www.aiim.org/pdfua/ns/id/"


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
