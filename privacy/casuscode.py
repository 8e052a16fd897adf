"""The case code the privacy officer types on its pages (logboek, inzageverzoek): read as
loosely as "ga naar casus" (`casussen.queries.casus.casus_met_code`), with one Dutch message
for a code that names no case. The officer may read every case's log, so no rule is asked here."""

from django.utils.translation import gettext as _

from casussen.queries.casus import casus_met_code


def lees_casuscode(request):
    """(what was typed, the case or None, the message for the field)."""
    code = (request.GET.get("code") or "").strip()[:40]
    if not code:
        return code, None, ""
    casus = casus_met_code(code)
    if casus is None:
        return code, None, _("Geen casus met code “%(code)s” gevonden. Controleer de code (OMO-jaar-nummer).") % {
            "code": code}
    return code, casus, ""
