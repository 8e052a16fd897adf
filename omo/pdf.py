"""The one PDF writer: every PDF OMO stores or sends (verslag, LET dossier, quarterly report,
access export) is made here from HTML with WeasyPrint, as PDF/A-2a and PDF/UA-1 at once.

- **PDF/A-2a** (ISO 19005-2, level a) for the archive. Part 2 rather than 3: part 3 only adds
  embedding arbitrary files, which OMO never does and which archives are wary of for permanent
  storage; part 2 is the part archives take everywhere (the Nationaal Archief included). Level
  a rather than u: it asks, on top of Unicode text, for the structure tree and the language that
  PDF/UA needs anyway, so the file claims what it is. Part 4 would mean PDF 2.0, which readers
  and assistive technology support least.
- **PDF/UA-1** (ISO 14289-1) for accessibility: tagged (WeasyPrint builds the structure tree
  from the HTML: headings, lists, tables with their header cells, figures with their alternative
  text), the document title shown instead of the file name, the language from `<html lang>`,
  every font embedded.

WeasyPrint writes one variant per file. This writer asks for PDF/A-2a (which turns tagging on)
and adds the PDF/UA identification to the same XMP packet — `pdfuaid:part` beside
`pdfaid:part`/`pdfaid:conformance` — with the PDF/A extension schema that declares the `pdfuaid`
namespace (PDF/A-2 accepts only declared XMP properties). What PDF/UA-1 asks of the content is
the templates' part: `<html lang="nl">`, a `<title>`, headings without skipped levels, `<th>`
with `scope`, an `alt` on every image and a `<title>` in every SVG chart (WeasyPrint takes an
SVG's alternative text from its `<title>`). `tests/omo/test_pdf.py` reads every kind of PDF
back and checks all of it.
"""

from xml.etree import ElementTree as ET

from django.conf import settings
from weasyprint import HTML
from weasyprint.pdf.metadata import NS, DocumentMetadata

VARIANT = "pdf/a-2a"
PDF_UA_DEEL = "1"

_RDF = NS["rdf"]
_PDFAID = NS["pdfaid"]
_PDFUAID = NS["pdfuaid"]
_EXTENSIE = {
    "pdfaExtension": "http://www.aiim.org/pdfa/ns/extension/",
    "pdfaSchema": "http://www.aiim.org/pdfa/ns/schema#",
    "pdfaProperty": "http://www.aiim.org/pdfa/ns/property#",
}
for _prefix, _uri in _EXTENSIE.items():
    ET.register_namespace(_prefix, _uri)


def _el(parent, ns: str, naam: str, tekst: str | None = None, **attrib) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ns}}}{naam}", attrib)
    if tekst is not None:
        element.text = tekst
    return element


class _ArchiefMetadata(DocumentMetadata):
    """The document's metadata, whose XMP packet claims PDF/UA-1 besides the PDF/A part and level
    WeasyPrint writes, and declares the `pdfuaid` schema as a PDF/A extension schema."""

    def generate_rdf_metadata(self, variant, version, conformance):
        rdf = ET.fromstring(super().generate_rdf_metadata(variant, version, conformance))
        identificatie = next(d for d in rdf.iter(f"{{{_RDF}}}Description") if f"{{{_PDFAID}}}part" in d.attrib)
        identificatie.set(f"{{{_PDFUAID}}}part", PDF_UA_DEEL)

        beschrijving = _el(rdf, _RDF, "Description", **{f"{{{_RDF}}}about": ""})
        schemas = _el(_el(beschrijving, _EXTENSIE["pdfaExtension"], "schemas"), _RDF, "Bag")
        schema = _el(schemas, _RDF, "li", **{f"{{{_RDF}}}parseType": "Resource"})
        _el(schema, _EXTENSIE["pdfaSchema"], "schema", "PDF/UA Universal Accessibility Schema")
        _el(schema, _EXTENSIE["pdfaSchema"], "namespaceURI", _PDFUAID)
        _el(schema, _EXTENSIE["pdfaSchema"], "prefix", "pdfuaid")
        eigenschappen = _el(_el(schema, _EXTENSIE["pdfaSchema"], "property"), _RDF, "Seq")
        eigenschap = _el(eigenschappen, _RDF, "li", **{f"{{{_RDF}}}parseType": "Resource"})
        _el(eigenschap, _EXTENSIE["pdfaProperty"], "name", "part")
        _el(eigenschap, _EXTENSIE["pdfaProperty"], "valueType", "Integer")
        _el(eigenschap, _EXTENSIE["pdfaProperty"], "category", "internal")
        _el(eigenschap, _EXTENSIE["pdfaProperty"], "description", "Part of ISO 14289 the document conforms to")
        return ET.tostring(rdf, encoding="utf-8")


def schrijf_pdf_met_paginas(html: str) -> tuple[bytes, int]:
    """The PDF/A-2a + PDF/UA-1 file of the rendered template `html` (base URL: the project, for
    static files) and its number of pages."""
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(pdf_variant=VARIANT)
    document.metadata = _ArchiefMetadata(**vars(document.metadata))
    return document.write_pdf(pdf_variant=VARIANT), len(document.pages)


def schrijf_pdf(html: str) -> bytes:
    """The PDF/A-2a + PDF/UA-1 file of the rendered template `html`."""
    return schrijf_pdf_met_paginas(html)[0]
