import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from budget.models import Aanvraag, Boeking, Fonds, Rekening, Transactie
from casussen.models import Scenario
from omo.forms import DatumInput, OmoForm, OmoModelForm
from omo.geld import BedragField, toon_bedrag
from omo.templatetags.omo_format import format_euro


def bedrag_veld(label, required=True, **kwargs):
    """OMO's one money field (omo.geld.BedragField): "1.450,00", "1450", "€ 1.450" …"""
    return BedragField(label=label, required=required, **kwargs)


class FondsKeuze(forms.ModelChoiceField):
    def label_from_instance(self, fonds):
        stand = getattr(fonds, "stand", None)
        if stand is None:
            return fonds.naam
        return _("%(naam)s — nog %(b)s beschikbaar") % {"naam": fonds.naam, "b": format_euro(stand.beschikbaar)}


class VoorstelSelect(forms.Select):
    """The scenario select of a request: each option carries its proposed amount, so
    static/js/aanvraag.js can fill in the amount when a scenario is chosen."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.voorstellen: dict[str, str] = {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        voorstel = self.voorstellen.get(str(value))
        if voorstel:
            option["attrs"]["data-voorstel"] = voorstel
        return option


class AanvraagForm(OmoModelForm):
    bedrag = bedrag_veld(_("Bedrag (euro)"))
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
            "scenario": VoorstelSelect,
        }

    def __init__(self, *args, casus=None, fondsen=(), voorstellen=None, **kwargs):
        """`voorstellen`: the case's scenarios as (pk, titel, proposed amount or None), from
        budget.queries.voorgestelde_bedragen. A new request proposes the amount of the scenario
        in `initial` (or of the first one)."""
        super().__init__(*args, **kwargs)
        self.fields["scenario"].queryset = Scenario.objects.filter(casus=casus).order_by("-gekozen", "pk")
        self.fields["scenario"].empty_label = None
        bedragen = {pk: b for pk, _t, b in voorstellen or () if b is not None}
        self.fields["scenario"].widget.voorstellen = {str(pk): toon_bedrag(b) for pk, b in bedragen.items()}
        self.voorstel = None
        self.voorstel_per_scenario = [(pk, t, b) for pk, t, b in voorstellen or () if b is not None]
        if voorstellen is not None:
            # The options from the same query (the queryset still validates the choice).
            self.fields["scenario"].choices = [(pk, titel) for pk, titel, _b in voorstellen]
        if voorstellen is not None and not self.is_bound and self.instance.pk is None:
            titels = {pk: t for pk, t, _b in voorstellen}
            gekozen = self.initial.get("scenario")
            if gekozen not in titels:
                gekozen = voorstellen[0][0] if voorstellen else None
            self.initial["scenario"] = gekozen
            if gekozen in bedragen:
                self.initial.setdefault("bedrag", bedragen[gekozen])
                self.voorstel = (titels[gekozen], bedragen[gekozen])
        self.fields["fonds"] = FondsKeuze(queryset=Fonds.objects.filter(actief=True).order_by("naam"), label=_("Fonds"),
                                          error_messages={"required": _("Kies een fonds.")})
        # The choices with their balances, read once (one query for all funds).
        self.fields["fonds"].choices = [("", "---------")] + [
            (f.pk, self.fields["fonds"].label_from_instance(f)) for f in fondsen
        ]
        for naam in ("doel", "noodzaak", "gevolgen", "regulier_onmogelijk", "reguliere_routes"):
            self.fields[naam].required = False  # required when submitting: the service says which
        self.fields["doel"].label = _("Waarvoor is het geld?")

    def clean(self):
        data = super().clean()
        fonds, bedrag = data.get("fonds"), data.get("bedrag")
        # The fund's maximum per request, or the ceiling of OMO (the service checks it too).
        if fonds is not None and bedrag is not None and bedrag > fonds.hoogste_aanvraag:
            if fonds.maximum_per_aanvraag is not None:
                melding = _("Het fonds ‘%(f)s’ geeft hoogstens %(m)s per aanvraag.")
            else:
                melding = _("Een aanvraag is hoogstens %(m)s; het fonds ‘%(f)s’ heeft geen eigen maximum.")
            self.add_error("bedrag", melding % {"f": fonds.naam, "m": format_euro(fonds.hoogste_aanvraag)})
        return data


class BedragForm(OmoForm):
    bedrag = bedrag_veld(_("Bedrag (euro)"))


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
        _("Extra toewijzing aan het fonds (euro)"), required=False,
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
