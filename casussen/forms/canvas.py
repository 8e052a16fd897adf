"""The maatwerk canvas (DESIGN §4): its sections, and one form per section."""

from dataclasses import dataclass
from datetime import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from casussen.models import Canvas
from omo.forms import OmoModelForm


@dataclass(frozen=True)
class Sectie:
    slug: str
    titel: str
    velden: tuple
    uitleg: str


SECTIES: dict[str, Sectie] = {
    s.slug: s
    for s in [
        Sectie(
            "situatie",
            _("Situatie"),
            ("aan_de_hand", "wil_inwoner", "eerst_oplossen", "helpt_nu"),
            _(
                "Beschrijf de situatie zoals het huishouden die ervaart. Gebruik hun eigen woorden waar "
                "dat kan, en geen namen of adressen."
            ),
        ),
        Sectie(
            "knelpunt",
            _("Knelpunt"),
            ("knelpunt",),
            _(
                "Welke regel, welk systeem of welke partij blokkeert de oplossing, en waarom kun je "
                "dit als professional niet zelf oplossen?"
            ),
        ),
        Sectie(
            "niets_doen",
            _("Wat gebeurt er als we niets doen?"),
            ("niets_doen_kort", "niets_doen_lang"),
            _(
                "Wat zijn de gevolgen voor het huishouden en voor de kosten als er niets verandert, "
                "op korte en op lange termijn?"
            ),
        ),
        Sectie(
            "vier_vragen",
            _("De vier vragen"),
            ("vraag_bereiken", "vraag_grondwaarde", "vraag_ethisch", "vraag_juridisch"),
            _(
                "Toets de oplossing aan de bedoeling van de wet, aan wat ethisch verantwoord is en "
                "aan de juridische randvoorwaarden."
            ),
        ),
        Sectie(
            "betrokkenheid",
            _("Betrokkenheid van het huishouden"),
            ("huishouden_betrokken", "niet_betrokken_waarom", "later_betrekken"),
            _(
                "Praten mét het huishouden, niet over. Is het huishouden (nog) niet betrokken, leg dan "
                "uit waarom en hoe het later wordt betrokken."
            ),
        ),
    ]
}


def parse_gezien_op(waarde) -> datetime | None:
    """The hidden `gezien_op` value as an aware datetime; None when absent or unreadable."""
    if not waarde:
        return None
    try:
        moment = datetime.fromisoformat(str(waarde))
    except ValueError:
        return None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, timezone.get_default_timezone())
    return moment


# The `gezien_op` value of a form loaded while the case had no canvas yet.
GEEN_CANVAS = "1970-01-01T00:00:00+00:00"


class CanvasSectieForm(OmoModelForm):
    """Base form of a canvas section; `maak_form_klasse` narrows it to the section's fields."""

    gezien_op = forms.CharField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = Canvas
        fields = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for naam, field in self.fields.items():
            if naam == "gezien_op":
                continue
            if naam == "huishouden_betrokken":
                field.widget = forms.RadioSelect(choices=Canvas.Betrokken.choices)
                field.choices = Canvas.Betrokken.choices
                field.required = False
                continue
            # A text area: the BSN guard and the limit of `omo.tekst.MAX_TEKST` come with OmoModelForm.
            field.widget = forms.Textarea(attrs={"rows": 4})

    def clean(self):
        data = super().clean()
        if "huishouden_betrokken" in self.fields:
            if data.get("huishouden_betrokken") in (Canvas.Betrokken.NEE, Canvas.Betrokken.DEELS):
                if not (data.get("niet_betrokken_waarom") or "").strip():
                    self.add_error(
                        "niet_betrokken_waarom",
                        _("Leg uit waarom het huishouden niet of maar deels betrokken is."),
                    )
                if not (data.get("later_betrekken") or "").strip():
                    self.add_error(
                        "later_betrekken",
                        _("Beschrijf hoe en wanneer het huishouden later wordt betrokken."),
                    )
        return data

    def sectie_data(self) -> dict:
        """The cleaned values of the section's own fields (without `gezien_op`)."""
        return {naam: self.cleaned_data.get(naam) or "" for naam in self._meta.fields}


_KLASSEN: dict[str, type] = {}


def form_klasse(sectie: Sectie) -> type[CanvasSectieForm]:
    if sectie.slug not in _KLASSEN:
        _KLASSEN[sectie.slug] = forms.modelform_factory(
            Canvas, form=CanvasSectieForm, fields=list(sectie.velden)
        )
    return _KLASSEN[sectie.slug]


def sectie_form(sectie: Sectie, data=None, initial=None, prefix=None) -> CanvasSectieForm:
    return form_klasse(sectie)(data=data, initial=initial, prefix=prefix)
