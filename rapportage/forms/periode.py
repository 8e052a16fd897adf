"""The period of the dashboard and the exports: two dates and quick choices."""

import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from omo.forms import OmoForm
from rapportage.perioden import kwartaal, laatste_12_maanden, vorig_kwartaal

MIN_JAAR, MAX_JAAR = 2000, 2100


SNELKEUZES = (
    ("dit_kwartaal", _("Dit kwartaal"), kwartaal),
    ("vorig_kwartaal", _("Vorig kwartaal"), vorig_kwartaal),
    ("dit_jaar", _("Dit jaar"), lambda d: (datetime.date(d.year, 1, 1), datetime.date(d.year, 12, 31))),
    ("vorig_jaar", _("Vorig jaar"), lambda d: (datetime.date(d.year - 1, 1, 1), datetime.date(d.year - 1, 12, 31))),
    ("laatste_12", _("Laatste 12 maanden"), laatste_12_maanden),
)


class PeriodeForm(OmoForm):
    """`van` and `tot` (both inclusive) from the GET parameters. Without either date the form
    takes the default period (the last 12 months up to today), so it is always bound and the
    fields show the dates that are used."""

    van = forms.DateField(
        label=_("Van"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul een begindatum in."), "invalid": _("Vul een geldige datum in, zoals 2026-07-01.")},
    )
    tot = forms.DateField(
        label=_("Tot en met"), widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}, format="%Y-%m-%d"),
        error_messages={"required": _("Vul een einddatum in."), "invalid": _("Vul een geldige datum in, zoals 2026-09-30.")},
    )
    publiek = forms.BooleanField(
        label=_("Publieksversie (aantallen van 1 en 2 als “< 3”)"), required=False,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def __init__(self, data=None, *args, vandaag=None, **kwargs):
        self.vandaag = vandaag or timezone.localdate()
        data = data.copy() if data is not None else {}
        if not data.get("van") and not data.get("tot"):
            van, tot = laatste_12_maanden(self.vandaag)
            data["van"], data["tot"] = van.isoformat(), tot.isoformat()
        super().__init__(data, *args, **kwargs)

    def _check_jaar(self, naam):
        datum = self.cleaned_data.get(naam)
        if datum and not MIN_JAAR <= datum.year <= MAX_JAAR:
            raise forms.ValidationError(
                _("Kies een datum tussen %(min)s en %(max)s.") % {"min": MIN_JAAR, "max": MAX_JAAR}
            )
        return datum

    def clean_van(self):
        return self._check_jaar("van")

    def clean_tot(self):
        return self._check_jaar("tot")

    def clean(self):
        data = super().clean()
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", _("De einddatum ligt vóór de begindatum."))
        return data

    def full_clean(self):
        super().full_clean()
        # Errors tied to their fields for screen readers (the template renders `#<id>-fout`).
        for naam in self.errors:
            if naam in self.fields:
                attrs = self.fields[naam].widget.attrs
                attrs["aria-describedby"] = f"{self[naam].auto_id}-fout"
                attrs["aria-invalid"] = "true"
                attrs["class"] = attrs.get("class", "") + " is-invalid"

    def periode(self) -> tuple[datetime.date, datetime.date] | None:
        """(van, tot) when the period is valid, else None (and no figures are computed)."""
        if not self.is_valid():
            return None
        return self.cleaned_data["van"], self.cleaned_data["tot"]

    def snelkeuzes(self) -> list[dict]:
        """The quick choices as links: label, van, tot and whether it is the period shown."""
        huidig = self.periode()
        keuzes = []
        for code, label, bereken in SNELKEUZES:
            van, tot = bereken(self.vandaag)
            keuzes.append({"code": code, "label": label, "van": van, "tot": tot, "actief": huidig == (van, tot)})
        return keuzes
