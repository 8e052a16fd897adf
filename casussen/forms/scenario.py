"""Forms of the scenario pages: the scenario (waardendriehoek), a legal basis with its
motivation, and a cost line with the price-list picker."""

import re

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from casussen.models import (
    Betaler,
    Eenheid,
    Geldstroom,
    Organisatie,
    Scenario,
    Situatie,
    WettelijkeGrondslag,
)
from casussen.queries.scenario import prijzen_per_geldstroom
from omo.forms import OmoForm, OmoModelForm
from omo.geld import BedragField
from omo.templatetags.omo_format import format_euro

_DUIZENDTALLEN = re.compile(r"^-?\d{1,3}(\.\d{3})+$")


class GetalField(forms.DecimalField):
    """A decimal typed the Dutch way: "1.250,50", "1250,5", "1250.50" and "€ 80" all work."""

    def __init__(self, **kwargs):
        kwargs.setdefault("localize", True)
        super().__init__(**kwargs)
        self.widget.attrs.setdefault("inputmode", "decimal")

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\u00a0", "").replace(" ", "").strip()
            if "," in value:
                value = value.replace(".", "").replace(",", ".")
            elif _DUIZENDTALLEN.match(value):
                value = value.replace(".", "")
        return super().to_python(value)


class ScenarioForm(OmoModelForm):
    partners = forms.ModelMultipleChoiceField(
        label=_("Benodigde partners"),
        queryset=Organisatie.objects.filter(actief=True).order_by("naam"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Welke organisaties zijn nodig om deze oplossing uit te voeren?"),
    )

    class Meta:
        model = Scenario
        fields = ["titel", "beschrijving", "perspectief_inwoner", "eigen_bijdrage", "netwerk", "past_in_kaders", "partners"]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "perspectief_inwoner": forms.Textarea(attrs={"rows": 3}),
            "eigen_bijdrage": forms.Textarea(attrs={"rows": 2}),
            "netwerk": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "titel": {"required": _("Geef het scenario een titel.")},
            "beschrijving": {"required": _("Beschrijf de oplossing van dit scenario.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["titel"].help_text = _("Kort en zonder namen, bijv. 'Huurachterstand overbruggen met lening'.")


class GrondslagForm(OmoForm):
    grondslag = forms.ModelChoiceField(
        label=_("Wettelijke grondslag"),
        queryset=WettelijkeGrondslag.objects.filter(actief=True).order_by("wet", "artikel"),
        error_messages={"required": _("Kies een wettelijke grondslag.")},
    )
    motivatie = forms.CharField(
        label=_("Motivatie"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Waarom biedt deze grondslag in deze casus ruimte voor de oplossing?"),
        error_messages={
            "required": _("Geef een motivatie: waarom biedt deze grondslag hier ruimte voor de oplossing?")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grondslag"].label_from_instance = (
            lambda g: f"{g.wet} art. {g.artikel} ({g.get_soort_display().lower()})"
        )


class MotivatieForm(OmoForm):
    motivatie = GrondslagForm.base_fields["motivatie"]


class PrijsSelect(forms.Select):
    """A select of price-list items whose options carry the item's price, geldstroom, payer
    and name, so static/js/scenario.js can fill the cost line when one is picked."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.opties: dict[str, dict] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        option["attrs"].update(self.opties.get(str(value), {}))
        return option


class KostenregelForm(OmoForm):
    situatie = forms.ChoiceField(
        label=_("Situatie"),
        choices=Situatie.choices,
        error_messages={"required": _("Kies de situatie: huidig, dreigend of met doorbraak.")},
    )
    prijslijstitem = forms.ChoiceField(
        label=_("Item uit de maatschappelijke prijslijst"),
        required=False,
        widget=PrijsSelect,
        help_text=_(
            "Kies een item om prijs, eenheid, geldstroom, betaler en omschrijving over te nemen, of "
            "laat leeg voor een vrije regel. Een regel uit de prijslijst rekent altijd in de eenheid "
            "van het item: een prijs per jaar telt als een jaarbedrag."
        ),
    )
    omschrijving = forms.CharField(
        label=_("Omschrijving"), max_length=200, required=False,
        help_text=_("Leeg laten neemt de naam van het gekozen item over."),
    )
    prijs = BedragField(
        label=_("Prijs per eenheid (€)"),
        required=False,
        nul_toegestaan=True,
        help_text=_("Leeg laten neemt de prijs uit de prijslijst over."),
    )
    aantal = GetalField(
        label=_("Aantal"),
        max_digits=10,
        decimal_places=2,
        required=False,
        initial=1,
        help_text=_(
            "Bij per uur of per stuk: hoeveel uur of stuks. Bij een prijs per dag, week, maand of jaar: "
            "hoeveel tegelijk (bijv. 2 kinderen), de duur komt uit startmaand en duur."
        ),
        error_messages={
            "invalid": _("Vul een aantal in, bijvoorbeeld 1 of 2,5."),
            "max_digits": _("Dit aantal is te groot."),
            "max_whole_digits": _("Dit aantal is te groot."),
            "max_decimal_places": _("Gebruik hoogstens 2 cijfers achter de komma."),
        },
    )
    frequentie = forms.ChoiceField(
        label=_("Eenheid van de prijs"),
        choices=Eenheid.choices,
        widget=forms.RadioSelect,
        initial=Eenheid.PER_MAAND,
        required=False,
        help_text=_("Bij een item uit de prijslijst geldt de eenheid van het item."),
        error_messages={"invalid_choice": _("Kies een eenheid uit de lijst.")},
    )
    startmaand = forms.IntegerField(
        label=_("Startmaand"),
        min_value=1,
        max_value=120,
        initial=1,
        help_text=_("Maand 1 is de eerste maand van de horizon."),
        error_messages={
            "required": _("Vul de startmaand in (1 is de eerste maand)."),
            "invalid": _("Vul een heel getal in."),
            "min_value": _("De startmaand ligt tussen 1 en 120."),
            "max_value": _("De startmaand ligt tussen 1 en 120."),
        },
    )
    duur_maanden = forms.IntegerField(
        label=_("Duur in maanden"),
        min_value=1,
        max_value=120,
        required=False,
        help_text=_(
            "Alleen bij kosten per dag, week, maand of jaar. Leeg: loopt door tot het einde van de horizon."
        ),
        error_messages={
            "invalid": _("Vul een heel aantal maanden in."),
            "min_value": _("De duur ligt tussen 1 en 120 maanden."),
            "max_value": _("De duur ligt tussen 1 en 120 maanden."),
        },
    )
    geldstroom = forms.ModelChoiceField(
        label=_("Geldstroom"),
        queryset=Geldstroom.objects.filter(actief=True).order_by("volgorde", "naam"),
        required=False,
        empty_label=_("— kies —"),
    )
    betaler = forms.ChoiceField(
        label=_("Betaler"), choices=[("", _("— kies —")), *Betaler.choices], required=False,
    )
    kans = GetalField(
        label=_("Kans (%)"),
        max_digits=5,
        decimal_places=2,
        required=False,
        initial=100,
        help_text=_("Alleen bij het dreigend scenario: hoe waarschijnlijk zijn deze kosten (0–100 %)?"),
        error_messages={
            "invalid": _("Vul de kans in als percentage, bijvoorbeeld 40."),
            "max_digits": _("De kans is een percentage tussen 0 en 100."),
            "max_whole_digits": _("De kans is een percentage tussen 0 en 100."),
            "max_decimal_places": _("Gebruik hoogstens 2 cijfers achter de komma."),
        },
    )

    def __init__(self, *args, prijzen=(), huidig_item=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.prijzen = {str(p.pk): p for p in prijzen}
        if huidig_item is not None:
            self.prijzen.setdefault(str(huidig_item.pk), huidig_item)
        groepen = prijzen_per_geldstroom(self.prijzen.values())
        veld = self.fields["prijslijstitem"]
        veld.choices = [("", _("— geen: vrije regel —"))] + [
            (geldstroom.naam, [(str(p.pk), f"{p.item} — {format_euro(p.prijs)} {p.eenheid_tekst}") for p in items])
            for geldstroom, items in groepen
        ]
        veld.widget.opties = {
            pk: {
                "data-prijs": formats.localize_input(p.prijs),
                "data-geldstroom": str(p.geldstroom_id),
                "data-betaler": p.betaler,
                "data-omschrijving": p.item,
                # The line takes the item's unit (the service sets it too, also without JS).
                "data-frequentie": p.rekeneenheid,
            }
            for pk, p in self.prijzen.items()
        }

    def clean_prijslijstitem(self):
        waarde = self.cleaned_data.get("prijslijstitem")
        if not waarde:
            return None
        return self.prijzen[waarde]

    def clean_aantal(self):
        aantal = self.cleaned_data.get("aantal")
        if aantal is not None and aantal < 0:
            raise forms.ValidationError(_("Het aantal kan niet negatief zijn."))
        return aantal

    def clean_kans(self):
        kans = self.cleaned_data.get("kans")
        if kans is not None and (kans < 0 or kans > 100) and self.cleaned_data.get("situatie") == Situatie.DREIGEND:
            raise forms.ValidationError(_("De kans is een percentage tussen 0 en 100."))
        return kans

    def clean(self):
        data = super().clean()
        if "prijslijstitem" in data and data.get("prijslijstitem") is None:
            # A free line: everything the price list would have filled in is needed.
            verplicht = {
                "frequentie": _("Kies de eenheid van de prijs: eenmalig, per dag, week, maand of jaar, per uur of per stuk."),
                "omschrijving": _("Geef een omschrijving of kies een item uit de prijslijst."),
                "prijs": _("Vul de prijs per eenheid in."),
                "geldstroom": _("Kies de geldstroom waarin deze kosten vallen."),
                "betaler": _("Kies wie deze kosten betaalt."),
            }
            for naam, bericht in verplicht.items():
                if naam in data and data.get(naam) in (None, ""):
                    self.add_error(naam, bericht)
        return data

    def velden(self) -> dict:
        """The cleaned data as the service expects it."""
        return {naam: self.cleaned_data.get(naam) for naam in self.fields}
