"""Free text at the door (DESIGN §10): OMO never stores a BSN, and every free text has a limit.

One guard for every free text OMO stores:
- in forms, `omo.forms.OmoForm` / `OmoModelForm` (the base of every form) put `weiger_bsn` and a
  maximum length on each text field, so the message appears next to the field and what was
  typed stays;
- in services, a `pre_save` receiver (`bewaak_opslag`, connected in `omo.apps`) checks the text
  fields of every model of OMO's apps before a row is written, and raises the project's refusal
  (`Weigering`, with the field) — for code that writes without a form. Fields that hold no
  typed text (codes, keys, URLs, generated mail) are named in the model's `GEEN_VRIJE_TEKST`
  (a set of field names, or `"__all__"`); a `.update(...)` with typed text calls `controleer`.
"""

import re

from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.utils.translation import gettext_lazy

_NINE_DIGITS = re.compile(r"(?<!\d)(\d[\s.]?){8}\d(?!\d)")

# The longest free text of one field, unless a field says otherwise: a canvas section, a
# motivation, a report section. A single-line field has its own `max_length`.
MAX_TEKST = 10_000

BSN_MELDING = gettext_lazy(
    "Dit lijkt een BSN. Een BSN hoort niet in OMO: gebruik het dossiernummer van het reguliere systeem."
)
TE_LANG_MELDING = gettext_lazy(
    "Deze tekst is te lang: maximaal %(limit_value)s tekens, het zijn er nu %(show_value)s. "
    "Kort de tekst in of verplaats een deel naar een ander veld."
)


def _elfproef(digits: str) -> bool:
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    return (total - int(digits[8])) % 11 == 0


def bevat_bsn(text: str) -> bool:
    """True when `text` holds a 9-digit number (spaces or dots between the digits allowed) that
    passes the BSN eleven test."""
    for match in _NINE_DIGITS.finditer(text or ""):
        if _elfproef(re.sub(r"\D", "", match.group(0))):
            return True
    return False


def weiger_bsn(value):
    """Validator for free text: refuse what looks like a BSN, with a Dutch explanation."""
    if isinstance(value, str) and bevat_bsn(value):
        raise ValidationError(BSN_MELDING, code="bsn")


def max_lengte_validator(limiet: int) -> MaxLengthValidator:
    return MaxLengthValidator(limiet, message=TE_LANG_MELDING)


# --- Models ----------------------------------------------------------------------------------

OMO_APPS = ("omo", "casussen", "escalatie", "budget", "rapportage")


def tekstvelden(model) -> list:
    """The fields of `model` that hold typed free text: text and char fields without choices,
    except those in the model's `GEEN_VRIJE_TEKST`."""
    uitgezonderd = getattr(model, "GEEN_VRIJE_TEKST", ())
    if uitgezonderd == "__all__":
        return []
    return [
        f for f in model._meta.concrete_fields
        if isinstance(f, models.CharField | models.TextField) and not f.choices and f.name not in uitgezonderd
    ]


def limiet(veld) -> int:
    return veld.max_length or MAX_TEKST


def controleer(model, **waarden) -> None:
    """Refuse (`Weigering`, with the field) a value that holds a BSN or is too long."""
    from omo.weigering import Weigering

    velden = {f.name: f for f in tekstvelden(model)}
    for naam, waarde in waarden.items():
        veld = velden.get(naam)
        if veld is None or not isinstance(waarde, str):
            continue
        if bevat_bsn(waarde):
            raise Weigering(BSN_MELDING, naam)
        if len(waarde) > limiet(veld):
            raise Weigering(TE_LANG_MELDING % {"limit_value": limiet(veld), "show_value": len(waarde)}, naam)


def bewaak_opslag(sender, instance, raw=False, **kwargs):
    """`pre_save` for every model of OMO's apps: no BSN and no text over its limit is stored."""
    if raw or sender._meta.app_label not in OMO_APPS:
        return
    update_fields = kwargs.get("update_fields")
    velden = tekstvelden(sender)
    if update_fields is not None:
        velden = [f for f in velden if f.name in update_fields]
    controleer(sender, **{f.name: getattr(instance, f.attname) for f in velden})
