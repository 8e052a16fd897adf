"""The one PDF writer: every PDF OMO stores or sends (verslag, LET dossier, quarterly report,
access export) is made here from HTML with WeasyPrint."""

from django.conf import settings
from weasyprint import HTML


def schrijf_pdf(html: str) -> bytes:
    """The PDF of the rendered template `html` (base URL: the project, for static files)."""
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
