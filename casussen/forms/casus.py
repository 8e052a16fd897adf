"""Forms for registering and changing a case, recording a decision and closing it."""

import re

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _l

from casussen import rules
from casussen.models import Besluit, Casus, Leefgebied, Organisatie
from omo.forms import OmoForm, OmoModelForm
from omo.models import Team

TEXT_MAX = 10_000


class LeeftijdenField(forms.CharField):
    """'4, 9, 15' → [4, 9, 15]. Numbers only: no free text (anything else is refused)."""

    geen_vrije_tekst = True

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return []
        parts = [p for p in re.split(r"[\s,;]+", value.strip()) if p]
        ages = []
        for part in parts:
            if not part.isdigit() or int(part) > 30:
                raise forms.ValidationError(
                    _("Geef de leeftijden als hele getallen tussen 0 en 30, gescheiden door komma's "
                      "(bijv. 4, 9)."),
                    code="leeftijden",
                )
            ages.append(int(part))
        return ages

    def prepare_value(self, value):
        if isinstance(value, (list, tuple)):
            return ", ".join(str(v) for v in value)
        return value


def behandelaars():
    return (
        get_user_model()
        .objects.filter(rules.behandelaars())
        .distinct()
        .order_by("first_name", "last_name", "username")
    )


class CasusForm(OmoModelForm):
    leeftijden_kinderen = LeeftijdenField(
        label=_l("Leeftijden van de kinderen"),
        required=False,
        help_text=_l("Gescheiden door komma's, bijv. 4, 9. Leeg als er geen kinderen zijn."),
    )
    reguliere_routes = forms.MultipleChoiceField(
        label=_l("Welke reguliere routes zijn geprobeerd?"),
        choices=Casus.Route.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_l("OMO is voor casussen waar de reguliere route niet werkte."),
        error_messages={"required": _l("Kies minstens één route die al is geprobeerd.")},
    )

    class Meta:
        model = Casus
        fields = [
            "titel", "team", "bron", "datum_signaal", "urgentie", "urgentie_toelichting",
            "leefgebieden", "organisaties", "reguliere_routes", "reguliere_routes_toelichting",
            "toestemming", "pseudoniem", "volwassenen", "leeftijden_kinderen", "dossiernummer",
            "medebehandelaars",
        ]
        widgets = {
            "datum_signaal": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "leefgebieden": forms.CheckboxSelectMultiple,
            "organisaties": forms.SelectMultiple(attrs={"size": 8}),
            "medebehandelaars": forms.SelectMultiple(attrs={"size": 5}),
            "urgentie_toelichting": forms.Textarea(attrs={"rows": 2}),
            "reguliere_routes_toelichting": forms.Textarea(attrs={"rows": 3}),
            "toestemming": forms.RadioSelect,
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leefgebieden"].queryset = Leefgebied.objects.filter(actief=True)
        self.fields["leefgebieden"].error_messages["required"] = _("Kies minstens één leefgebied.")
        self.fields["organisaties"].queryset = Organisatie.objects.filter(actief=True)
        self.fields["organisaties"].required = False
        self.fields["team"].queryset = Team.objects.filter(actief=True)
        self.fields["medebehandelaars"].queryset = behandelaars().exclude(
            pk=getattr(self.instance, "casushouder_id", None) or getattr(user, "pk", None)
        )
        self.fields["medebehandelaars"].required = False
        self.fields["medebehandelaars"].help_text = _(
            "Collega's die de casus mogen inzien en bewerken."
        )
        if user is not None and not self.instance.pk and user.team_id:
            self.fields["team"].initial = user.team_id
        self.fields["volwassenen"].min_value = 0
        # Radio buttons without a "---------" choice: none is chosen until the consulent chooses.
        self.fields["toestemming"].choices = Casus.Toestemming.choices
        self.fields["toestemming"].error_messages["required"] = _(
            "Kies of het huishouden toestemming geeft om informatie te delen."
        )

    def clean(self):
        data = super().clean()
        if data.get("urgentie") in (Casus.Urgentie.HOOG, Casus.Urgentie.ACUUT) and not (
            data.get("urgentie_toelichting") or ""
        ).strip():
            self.add_error(
                "urgentie_toelichting", _("Leg uit waarom deze casus urgent is.")
            )
        if data.get("volwassenen") == 0 and not data.get("leeftijden_kinderen"):
            self.add_error("volwassenen", _("Een huishouden heeft minstens één persoon."))
        return data

    def service_args(self):
        """Split cleaned data into plain fields and the many-to-many lists for the service."""
        data = dict(self.cleaned_data)
        m2m = {
            "leefgebieden": list(data.pop("leefgebieden")),
            "organisaties": list(data.pop("organisaties", []) or []),
            "medebehandelaars": list(data.pop("medebehandelaars", []) or []),
        }
        return data, m2m


class StapForm(OmoForm):
    """A status step (button on the case page): the status the user saw, and why."""

    naar = forms.CharField()
    verwacht_van = forms.CharField()
    toelichting = forms.CharField(required=False, max_length=TEXT_MAX, widget=forms.Textarea)


class BesluitForm(OmoForm):
    uitkomst = forms.ChoiceField(
        label=_l("Besluit"), choices=Besluit.Uitkomst.choices, widget=forms.RadioSelect
    )
    scenario = forms.ModelChoiceField(
        label=_l("Scenario waarmee wordt ingestemd"), queryset=None, required=False,
        empty_label=_l("— kies een scenario —"),
    )
    motivatie = forms.CharField(
        label=_l("Motivering"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX,
        help_text=_l("Uitlegbaar aan de inwoner: waarom wel of niet, op welke grondslag."),
        error_messages={"required": _l("Een besluit heeft altijd een motivering.")},
    )
    verwacht_van = forms.CharField(widget=forms.HiddenInput)

    def __init__(self, *args, casus=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].queryset = casus.scenarios.all() if casus else None

    def clean(self):
        data = super().clean()
        if data.get("uitkomst") == Besluit.Uitkomst.AKKOORD and not data.get("scenario"):
            self.add_error("scenario", _("Kies bij akkoord het scenario waarmee wordt ingestemd."))
        return data


class AfsluitenForm(OmoForm):
    uitkomst = forms.CharField(
        label=_l("Uitkomst"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
        help_text=_l("Wat is er bereikt (of waarom wordt de casus zonder doorbraak afgesloten)?"),
        error_messages={"required": _l("Beschrijf de uitkomst van de casus.")},
    )
    samenvatting_oplossing = forms.CharField(
        label=_l("Geanonimiseerde samenvatting van de oplossing"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_l(
            "Voor collega's in de inspiratiezoeker: wat was vastgelopen en wat bracht de doorbraak? "
            "Zonder namen, adressen, leeftijden of andere details die het huishouden herkenbaar maken."
        ),
    )
    verwacht_van = forms.CharField(widget=forms.HiddenInput)


class VervallenForm(OmoForm):
    """Declare a case vervallen: the reason, and a second confirmation that it is meant."""

    reden = forms.CharField(
        label=_l("Reden"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        help_text=_l("Bijvoorbeeld: dubbel aangemeld (noem de code van de casus die blijft), of geen OMO-casus."),
        error_messages={"required": _l("Geef de reden waarom de casus vervalt.")},
    )
    bevestigd = forms.BooleanField(
        label=_l("Ja, deze casus is per vergissing aangemeld en vervalt. Dit kan niet ongedaan worden gemaakt."),
        error_messages={"required": _l("Bevestig dat de casus vervalt.")},
    )
    verwacht_van = forms.CharField(widget=forms.HiddenInput)
