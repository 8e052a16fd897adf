"""Data minimisation at the door: OMO never stores a BSN (DESIGN §10)."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

_NINE_DIGITS = re.compile(r"(?<!\d)(\d[\s.]?){8}\d(?!\d)")


def _elfproef(digits: str) -> bool:
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def bevat_bsn(text: str) -> bool:
    """True when `text` holds a 9-digit number that passes the BSN eleven test."""
    for match in _NINE_DIGITS.finditer(text or ""):
        if _elfproef(re.sub(r"\D", "", match.group(0))):
            return True
    return False


def weiger_bsn(value):
    """Validator for free text: refuse what looks like a BSN, with a Dutch explanation."""
    if bevat_bsn(value):
        raise ValidationError(
            _("Dit lijkt een BSN. Een BSN hoort niet in OMO: gebruik het dossiernummer van het "
              "reguliere systeem."),
            code="bsn",
        )
