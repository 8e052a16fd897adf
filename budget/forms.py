from decimal import Decimal

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from budget.models import Aanvraag, Boeking, Fonds, Rekening, Transactie
from casussen.models import Scenario
from omo.forms import DatumInput, OmoForm, OmoModelForm
from omo.templatetags.omo_format import format_euro

BEDRAG_FOUTEN = {
    "required": _("Vul een bedrag in."),
    "invalid": _("Vul een geldig bedrag in, bijvoorbeeld 250,00."),
    "max_decimal_places": _("Een bedrag heeft hoogstens twee cijfers achter de komma."),
    "max_digits": _("Dit bedrag is te groot."),
    "max_whole_digits": _("Dit bedrag is te groot."),
    "min_value": _("Het bedrag moet groter zijn dan nul."),
}


def bedrag_veld(label, required=True, **kwargs):
    return forms.DecimalField(label=label, required=required, max_digits=14, decimal_places=2, localize=True,
                              error_messages=BEDRAG_FOUTEN, widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                              **kwargs)


class FondsKeuze(forms.ModelChoiceField):
    def label_from_instance(self, fonds):
        stand = getattr(fonds, "stand", None)
        if stand is None:
            return fonds.naam
        return _("%(naam)s — nog %(b)s beschikbaar") % {"naam": fonds.naam, "b": format_euro(stand.beschikbaar)}


class AanvraagForm(OmoModelForm):
    bedrag = bedrag_veld(_("Bedrag (euro)"), min_value=Decimal("0.01"))
    termijnbedrag = bedrag_veld(_("Aflossing per maand (euro)"), required=False)

    class Meta:
        model = Aanvraag
        fields = [
            "scenario", "fonds", "soort", "bedrag", "doel", "noodzaak", "gevolgen", "regulier_onmogelijk",
            "reguliere_routes", "termijnbedrag", "eerste_termijn", "kwijtschelding_voorwaarde", "verhalen_op",
        ]
        widgets = {
            "doel": forms.Textarea(attrs={"rows": 2}),
            "noodzaak": forms.Textarea(attrs={"rows": 2}),
            "gevolgen": forms.Textarea(attrs={"rows": 2}),
            "regulier_onmogelijk": forms.Textarea(attrs={"rows": 2}),
            "reguliere_routes": forms.Textarea(attrs={"rows": 2}),
            "kwijtschelding_voorwaarde": forms.Textarea(attrs={"rows": 2}),
            "eerste_termijn": DatumInput(),
            "soort": forms.RadioSelect,
        }

    def __init__(self, *args, casus=None, fondsen=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].queryset = Scenario.objects.filter(casus=casus).order_by("-gekozen", "pk")
        self.fields["scenario"].empty_label = None
        self.fields["fonds"] = FondsKeuze(queryset=Fonds.objects.filter(actief=True).order_by("naam"), label=_("Fonds"),
                                          error_messages={"required": _("Kies een fonds.")})
        # The choices with their balances, read once (one query for all funds).
        self.fields["fonds"].choices = [("", "---------")] + [
            (f.pk, self.fields["fonds"].label_from_instance(f)) for f in fondsen
        ]
        for naam in ("doel", "noodzaak", "gevolgen", "regulier_onmogelijk", "reguliere_routes"):
            self.fields[naam].required = False  # required when submitting: the service says which
        self.fields["doel"].label = _("Waarvoor is het geld?")


class BedragForm(OmoForm):
    bedrag = bedrag_veld(_("Bedrag (euro)"), min_value=Decimal("0.01"))


class VrijgaveForm(OmoForm):
    bedrag = bedrag_veld(_("Bedrag (euro)"), required=False, help_text=_("Leeg: alles wat nog gereserveerd is."))
    reden = forms.CharField(label=_("Reden"), required=False)


class KwijtscheldingForm(OmoForm):
    bedrag = bedrag_veld(_("Bedrag (euro)"))
    reden = forms.CharField(label=_("Welke voorwaarde is vervuld?"), widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": _("Schrijf waarom (welke voorwaarde is vervuld).")})


class BesluitForm(OmoForm):
    BESLUITEN = [("goedkeuren", _("Goedkeuren")), ("afwijzen", _("Afwijzen")),
                 ("college", _("Voorleggen aan het College"))]
    besluit = forms.ChoiceField(label=_("Besluit"), choices=BESLUITEN, widget=forms.RadioSelect,
                                error_messages={"required": _("Kies een besluit.")})
    motivatie = forms.CharField(
        label=_("Motivering"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afwijzen en bij voorleggen aan het College."),
    )


class CollegeBesluitForm(OmoForm):
    """The College's decision on a request put before it: akkoord (after an allocation to the
    fund, when the fund has too little), afgewezen or teruggelegd, always with a motivation."""

    BESLISSINGEN = [("akkoord", _("Akkoord")), ("afgewezen", _("Afgewezen")),
                    ("teruggelegd", _("Teruggelegd naar de consulent"))]
    beslissing = forms.ChoiceField(label=_("Besluit van het College"), choices=BESLISSINGEN, widget=forms.RadioSelect,
                                   error_messages={"required": _("Kies een beslissing.")})
    motivatie = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}),
                                error_messages={"required": _("Een beslissing heeft altijd een motivering.")})
    toewijzing = bedrag_veld(
        _("Extra toewijzing aan het fonds (euro)"), required=False, min_value=Decimal("0.01"),
        help_text=_("Alleen bij akkoord, als het fonds niet genoeg heeft: wordt eerst toegewezen, dan gereserveerd."),
    )


class OordeelForm(OmoForm):
    oordeel = forms.CharField(label=_("Oordeel"), widget=forms.Textarea(attrs={"rows": 2}),
                              error_messages={"required": _("Schrijf je oordeel.")})


class ToewijzingForm(OmoForm):
    SOORTEN = [("toewijzing", _("Toewijzing (begroting, collegebesluit)")), ("partner", _("Bijdrage van een partner"))]
    soort = forms.ChoiceField(label=_("Soort"), choices=SOORTEN, widget=forms.RadioSelect, initial="toewijzing")
    bedrag = bedrag_veld(_("Bedrag (euro)"))
    tegenpartij = forms.CharField(label=_("Partner"), required=False, max_length=160,
                                  help_text=_("Bij een bijdrage: bijvoorbeeld de woningcorporatie."))
    omschrijving = forms.CharField(label=_("Omschrijving"), required=False, max_length=300)


class TegenboekingForm(OmoForm):
    reden = forms.CharField(label=_("Waarom tegenboeken?"), error_messages={"required": _("Schrijf waarom deze boeking wordt tegengeboekt.")})


class TransactieFilter(django_filters.FilterSet):
    fonds = django_filters.ModelChoiceFilter(label=_("Fonds"), queryset=Fonds.objects.none(), empty_label=_("Alle"))
    soort = django_filters.ChoiceFilter(label=_("Soort"), choices=Transactie.Soort.choices, empty_label=_("Alle"))
    van = django_filters.DateFilter(label=_("Geboekt vanaf"), field_name="boekdatum", lookup_expr="gte", widget=DatumInput)
    tot = django_filters.DateFilter(label=_("tot en met"), field_name="boekdatum", lookup_expr="lte", widget=DatumInput)

    class Meta:
        model = Transactie
        fields = ["fonds", "soort", "van", "tot"]

    def __init__(self, *args, fondsen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["fonds"].queryset = fondsen if fondsen is not None else Fonds.objects.none()


class BoekingFilter(django_filters.FilterSet):
    rekening = django_filters.ChoiceFilter(label=_("Rekening"), field_name="rekening__soort",
                                           choices=Rekening.Soort.choices, empty_label=_("Alle"))
    jaar = django_filters.NumberFilter(label=_("Boekjaar"), field_name="boekjaar")
    soort = django_filters.ChoiceFilter(label=_("Soort"), field_name="transactie__soort",
                                        choices=Transactie.Soort.choices, empty_label=_("Alle"))

    class Meta:
        model = Boeking
        fields = []


class AanvraagFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Aanvraag.Status.choices, empty_label=_("Alle"))

    class Meta:
        model = Aanvraag
        fields = ["status"]
