"""Forms of the doorbraakplan, its actions, evaluations, self-sufficiency scores and knelpunten."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casussen.models import (
    Actie,
    Doorbraakplan,
    Evaluatie,
    Knelpunt,
    Organisatie,
    WettelijkeGrondslag,
)
from omo.forms import DatumInput, OmoForm, OmoModelForm

# The Zelfredzaamheid-Matrix: what each level means.
NIVEAUS = [
    (1, _("acute problematiek")),
    (2, _("niet zelfredzaam")),
    (3, _("beperkt zelfredzaam")),
    (4, _("voldoende zelfredzaam")),
    (5, _("volledig zelfredzaam")),
]
SCORE_KEUZES = [(str(n), f"{n} – {label}") for n, label in NIVEAUS]



class PlanForm(OmoModelForm):
    besproken_met_inwoner = forms.TypedChoiceField(
        label=_("Is het plan met de inwoner besproken?"),
        choices=[("True", _("Ja")), ("False", _("Nee"))],
        coerce=lambda value: value == "True",
        widget=forms.RadioSelect,
        error_messages={"required": _("Geef aan of het plan met de inwoner is besproken.")},
    )
    monitoring_maanden = forms.IntegerField(
        label=_("Monitoringperiode (maanden)"),
        min_value=6,
        max_value=12,
        initial=12,
        help_text=_("6 tot en met 12 maanden. Evaluaties worden op vaste momenten in deze periode gepland."),
        error_messages={
            "min_value": _("De monitoringperiode is 6 tot en met 12 maanden."),
            "max_value": _("De monitoringperiode is 6 tot en met 12 maanden."),
            "required": _("Vul de monitoringperiode in (6 tot en met 12 maanden)."),
            "invalid": _("Vul een heel aantal maanden in."),
        },
    )
    # The version the user edited, to refuse overwriting someone else's change.
    versie = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Doorbraakplan
        fields = [
            "doel",
            "regisseur",
            "besproken_met_inwoner",
            "niet_besproken_waarom",
            "betrekken_hoe",
            "startdatum",
            "monitoring_maanden",
        ]
        widgets = {
            "doel": forms.Textarea(attrs={"rows": 3}),
            "niet_besproken_waarom": forms.Textarea(attrs={"rows": 2}),
            "betrekken_hoe": forms.Textarea(attrs={"rows": 2}),
            "startdatum": DatumInput(),
        }
        labels = {
            "niet_besproken_waarom": _("Zo niet: waarom niet?"),
            "betrekken_hoe": _("En hoe wordt de inwoner alsnog betrokken?"),
        }
        help_texts = {
            "niet_besproken_waarom": _("Verplicht als het plan niet met de inwoner is besproken."),
        }
        error_messages = {
            "doel": {"required": _("Beschrijf het concrete doel van het plan.")},
            "regisseur": {"required": _("Noem de regisseur: wie houdt de regie?")},
            "startdatum": {
                "required": _("Vul de startdatum van het plan in."),
                "invalid": _("Vul een geldige datum in."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["versie"].initial = self.instance.gewijzigd_op.isoformat()

    def clean(self):
        data = super().clean()
        if data.get("besproken_met_inwoner") is False:
            if not (data.get("niet_besproken_waarom") or "").strip():
                self.add_error(
                    "niet_besproken_waarom", _("Het plan is niet met de inwoner besproken: leg uit waarom niet.")
                )
            if not (data.get("betrekken_hoe") or "").strip():
                self.add_error("betrekken_hoe", _("Beschrijf hoe de inwoner alsnog bij het plan wordt betrokken."))
        return data

    def _post_clean(self):
        # The service checks and saves; the model's own validation would duplicate messages.
        pass

    def velden(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}


class ActieForm(OmoModelForm):
    class Meta:
        model = Actie
        fields = ["omschrijving", "eigenaar", "deadline"]
        widgets = {"deadline": DatumInput()}
        labels = {
            "omschrijving": _("Wat moet er gebeuren"),
            "eigenaar": _("Eigenaar"),
            "deadline": _("Uiterlijk op"),
        }
        error_messages = {
            "omschrijving": {"required": _("Beschrijf de actie.")},
            "eigenaar": {"required": _("Noem wie de actie uitvoert.")},
            "deadline": {
                "required": _("Vul de datum in waarop de actie uiterlijk klaar is."),
                "invalid": _("Vul een geldige datum in."),
            },
        }

    def _post_clean(self):
        pass


class BaseActieFormSet(forms.BaseFormSet):
    """Up to five action rows; each field's label says which row it belongs to."""

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        form.use_required_attribute = False
        for veld in form.fields.values():
            veld.label = _("%(veld)s (actie %(n)s)") % {"veld": veld.label, "n": i + 1}
        return form


ActieFormSet = forms.formset_factory(
    ActieForm, formset=BaseActieFormSet, extra=5, max_num=5, validate_max=True
)


class ScoreVeldenMixin:
    """One required 1–5 radio group per leefgebied, named score_<id>."""

    def voeg_scores_toe(self, leefgebieden, vorige=None):
        vorige = vorige or {}
        self.leefgebieden = list(leefgebieden)
        for leefgebied in self.leefgebieden:
            help_text = ""
            if leefgebied.pk in vorige:
                score, wanneer = vorige[leefgebied.pk]
                help_text = _("Vorige score (%(wanneer)s): %(score)s") % {"wanneer": wanneer, "score": score}
            self.fields[f"score_{leefgebied.pk}"] = forms.TypedChoiceField(
                label=leefgebied.naam,
                choices=SCORE_KEUZES,
                coerce=int,
                widget=forms.RadioSelect,
                help_text=help_text,
                error_messages={
                    "required": _("Kies een score van 1 tot en met 5 voor ‘%(leefgebied)s’.")
                    % {"leefgebied": leefgebied.naam},
                    "invalid_choice": _("De score is 1 tot en met 5."),
                },
            )

    def score_velden(self):
        return [self[f"score_{leefgebied.pk}"] for leefgebied in self.leefgebieden]

    def scores(self) -> dict[int, int]:
        return {lg.pk: self.cleaned_data[f"score_{lg.pk}"] for lg in self.leefgebieden}


class ZelfredzaamheidForm(ScoreVeldenMixin, OmoForm):
    def __init__(self, *args, leefgebieden=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.voeg_scores_toe(leefgebieden)


class EvaluatieForm(ScoreVeldenMixin, OmoForm):
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=Evaluatie.Uitkomst.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies doorgaan, aanpassen of afronden.")},
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat is er bereikt, wat loopt nog, en waarom deze uitkomst?"),
        error_messages={"required": _("Licht de uitkomst van de evaluatie toe.")},
    )

    def __init__(self, *args, leefgebieden=(), vorige=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.voeg_scores_toe(leefgebieden, vorige)


class KnelpuntForm(OmoModelForm):
    class Meta:
        model = Knelpunt
        fields = ["soort", "organisatie", "grondslag", "regel", "beschrijving"]
        widgets = {"beschrijving": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "regel": _("Als de grondslag niet in de lijst staat: welke regel of welk systeem blokkeert?"),
        }
        error_messages = {
            "soort": {"required": _("Kies de soort knelpunt.")},
            "beschrijving": {"required": _("Beschrijf het knelpunt.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisatie_id = self.instance.organisatie_id
        grondslag_id = self.instance.grondslag_id
        self.fields["organisatie"].queryset = Organisatie.objects.filter(
            Q(actief=True) | Q(pk=organisatie_id)
        ).order_by("naam")
        self.fields["grondslag"].queryset = WettelijkeGrondslag.objects.filter(
            Q(actief=True) | Q(pk=grondslag_id)
        ).order_by("wet", "artikel")

    def clean(self):
        data = super().clean()
        if data.get("soort") == Knelpunt.Soort.WET_REGEL and not (
            data.get("grondslag") or (data.get("regel") or "").strip() or data.get("organisatie")
        ):
            self.add_error(
                "grondslag",
                _("Noem bij een knelpunt in wet of regel de wettelijke grondslag, de regel of de organisatie."),
            )
        return data

    def _post_clean(self):
        pass

    def velden(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.Meta.fields}
