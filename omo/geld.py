"""The one money field of OMO: an amount typed the Dutch way, with sane limits.

`BedragField` is used by every form with an amount of money (a cost line's price, a request, a
payment, a repayment, a loan's instalment, an allocation to a fund, a College allocation).

Accepted (spaces and a euro sign are ignored):

    1450      1450,5     1450,50     1.450     1.450,00     € 1.450     €1.450,00

so a comma separates the cents (one or two digits) and a point only groups thousands (in groups
of three). Refused with a Dutch message, keeping what was typed: "1,450.00" and "1.45" (an
English decimal point), "14,505" (three digits after the comma), "1.4500" (a wrong group),
"abc", a negative amount, and anything above the field's maximum (`MAX_BEDRAG` unless the form
gives a lower one, for a request the fund's maximum per request or `OMO_AANVRAAG_PLAFOND`; the
service checks that limit too). The widget shows a value the Dutch way: "1.450,00".
"""

import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from omo.templatetags.omo_format import format_euro

CENT = Decimal("0.01")
# The largest amount any money field accepts: ten million euro (allocations to a fund included).
MAX_BEDRAG = Decimal("10000000.00")

_BEDRAG = re.compile(r"^(?P<heel>\d{1,3}(?:\.\d{3})+|\d+)(?:,(?P<cent>\d{1,2}))?$")
_WEG = str.maketrans("", "", " \u00a0\u202f€")


def aanvraag_plafond() -> Decimal:
    """The ceiling of a request on a fund without a maximum per request (`OMO_AANVRAAG_PLAFOND`)."""
    return Decimal(str(getattr(settings, "OMO_AANVRAAG_PLAFOND", "250000")))


def lees_bedrag(tekst) -> Decimal | None:
    """`tekst` as typed the Dutch way ("€ 1.450,50") as a Decimal, or None when it is not one."""
    if not isinstance(tekst, str):
        return None
    schoon = tekst.translate(_WEG)
    gevonden = _BEDRAG.match(schoon)
    if gevonden is None:
        return None
    heel = gevonden["heel"].replace(".", "")
    try:
        return Decimal(f"{heel}.{gevonden['cent'] or '0'}").quantize(CENT)
    except InvalidOperation:
        return None


def toon_bedrag(waarde) -> str:
    """A Decimal as it is typed in a money field: "1.450,00" (no euro sign)."""
    return format_euro(waarde).replace("€\u00a0", "")


class BedragInput(forms.TextInput):
    """A text input for an amount: shows "1.450,00", asks a phone for its decimal keyboard."""

    def __init__(self, attrs=None):
        super().__init__(attrs={"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value):
        if isinstance(value, (Decimal, int, float)) and not isinstance(value, bool):
            return toon_bedrag(value)
        return super().format_value(value)


class BedragField(forms.Field):
    """An amount of money in euro, typed the Dutch way (see the module docstring).

    `min_value` defaults to one cent (zero with `nul_toegestaan=True`); `max_value` to
    `MAX_BEDRAG`. A form may lower `max_value` after it is made (e.g. to a fund's maximum).
    """

    widget = BedragInput
    default_error_messages = {
        "required": _("Vul een bedrag in."),
        "invalid": _(
            "Vul het bedrag in euro's in zoals 1.450,00 of 1450,5: een komma voor de centen "
            "(hoogstens twee cijfers), eventueel punten tussen de duizendtallen."
        ),
        "negatief": _("Een bedrag kan niet negatief zijn."),
        "min_value": _("Het bedrag moet minstens %(grens)s zijn."),
        "max_value": _("Het bedrag kan hoogstens %(grens)s zijn."),
    }

    def __init__(self, *, min_value=None, max_value=None, nul_toegestaan=False, **kwargs):
        self.min_value = Decimal("0") if nul_toegestaan and min_value is None else (min_value or CENT)
        self.max_value = MAX_BEDRAG if max_value is None else max_value
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, Decimal):
            return value
        tekst = str(value).strip()
        if tekst.translate(_WEG).startswith("-"):
            raise ValidationError(self.error_messages["negatief"], code="negatief")
        bedrag = lees_bedrag(tekst)
        if bedrag is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return bedrag

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        if value < self.min_value:
            raise ValidationError(
                self.error_messages["min_value"], code="min_value", params={"grens": format_euro(self.min_value)}
            )
        if value > self.max_value:
            raise ValidationError(
                self.error_messages["max_value"], code="max_value", params={"grens": format_euro(self.max_value)}
            )



class BedragVeldenAdmin:
    """Admin mixin: the model's money fields named in `bedrag_velden` use `BedragField`
    (Dutch input, Dutch display), like every other form of OMO."""

    bedrag_velden: tuple = ()

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.bedrag_velden:
            veld = BedragField(
                label=capfirst(db_field.verbose_name), required=not db_field.blank, help_text=db_field.help_text,
                nul_toegestaan=True,
            )
            return veld
        return super().formfield_for_dbfield(db_field, request, **kwargs)
