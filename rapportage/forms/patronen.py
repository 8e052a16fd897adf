"""Forms of the signal and pattern pages. They check the shape of the input; the rules live in
`rapportage.services` (a refusal there lands on the field it names)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from omo.forms import OmoForm, OmoModelForm
from omo.widgets import SnelleSelect
from rapportage.models import Knelpuntgroep, Patroon
from rapportage.queries import patronen as queries
from rapportage.services.signalen import omschrijving


class GroepKeuze(forms.ModelChoiceField):
    def label_from_instance(self, groep):
        aantal = _("%(n)d casussen") % {"n": groep.aantal_casussen}
        signaal = f" · {_('signaal')}" if groep.signaal_sinds else ""
        return f"{omschrijving(groep)} ({aantal}{signaal})"


class EigenaarKeuze(forms.ModelChoiceField):
    def label_from_instance(self, user):
        return user.get_full_name() or user.username


class PatroonForm(OmoModelForm):
    eigenaar = EigenaarKeuze(
        queryset=queries.eigenaren(),
        label=_("Eigenaar (beleidsmedewerker)"),
        widget=SnelleSelect,
        error_messages={
            "required": _("Kies als eigenaar een actieve beleidsmedewerker."),
            "invalid_choice": _("Kies als eigenaar een actieve beleidsmedewerker."),
        },
    )

    class Meta:
        model = Patroon
        fields = ["titel", "beschrijving", "eigenaar", "besluit"]
        widgets = {
            "beschrijving": forms.Textarea(attrs={"rows": 4}),
            "besluit": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {"besluit": _("Nodig om het patroon op ‘ingevoerd’ te zetten.")}
        error_messages = {
            "titel": {"required": _("Geef het patroon een titel."), "max_length": _("De titel is te lang (hoogstens 160 tekens).")},
            "beschrijving": {"required": _("Beschrijf het patroon.")},
        }


class FaseForm(OmoForm):
    richting = forms.ChoiceField(choices=[("vooruit", _("Vooruit")), ("terug", _("Terug"))])
    huidige_fase = forms.ChoiceField(choices=Patroon.Fase.choices, widget=forms.HiddenInput)


class GroepToevoegenForm(OmoForm):
    groep = GroepKeuze(
        queryset=Knelpuntgroep.objects.none(),
        label=_("Knelpunten van groep"),
        widget=SnelleSelect,
        error_messages={"required": _("Kies een groep."), "invalid_choice": _("Kies een groep uit de lijst.")},
    )

    def __init__(self, *args, groepen=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groepen is not None:
            self.fields["groep"].queryset = groepen


class KnelpuntKoppelForm(OmoForm):
    """Omo: move one knelpunt of this group into another group."""

    knelpunt = forms.TypedChoiceField(
        coerce=int, label=_("Knelpunt"), error_messages={"required": _("Kies een knelpunt."), "invalid_choice": _("Kies een knelpunt uit deze groep.")}
    )
    groep = GroepKeuze(
        queryset=Knelpuntgroep.objects.none(),
        label=_("Naar groep"),
        widget=SnelleSelect,
        error_messages={"required": _("Kies een groep."), "invalid_choice": _("Kies een groep uit de lijst.")},
    )

    def __init__(self, *args, knelpunten=(), groepen=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["knelpunt"].choices = [("", "---------")] + [
            (k.pk, f"{k.casus.code} · {k.get_soort_display()}: {k.beschrijving[:60]}") for k in knelpunten
        ]
        if groepen is not None:
            self.fields["groep"].queryset = groepen
