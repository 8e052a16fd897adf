"""Forms of the escalation pages."""


import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from escalatie.models import Escalatie, Niveau
from omo.forms import OmoForm, OmoModelForm


class EscalerenForm(OmoForm):
    scenario = forms.ChoiceField(label=_("Scenario"), required=False)
    naar_niveau = forms.TypedChoiceField(
        label=_("Naar niveau"), coerce=int, choices=[(n.value, n.label) for n in Niveau if n.value >= 2],
        error_messages={"required": _("Kies naar welk niveau de casus gaat.")},
    )
    reden = forms.ChoiceField(label=_("Reden"), choices=Escalatie.Reden.choices,
                              error_messages={"required": _("Kies de reden van de escalatie.")})
    vraag = forms.CharField(label=_("Vraag aan het hogere niveau"), widget=forms.Textarea(attrs={"rows": 3}),
                            error_messages={"required": _("Schrijf de vraag aan het hogere niveau.")})

    def __init__(self, *args, scenarios=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = [("", "—")] + [(str(s.pk), s.titel) for s in scenarios]


class BeslissingForm(OmoForm):
    beslissing = forms.ChoiceField(label=_("Beslissing"), choices=Escalatie.Beslissing.choices, widget=forms.RadioSelect,
                                   error_messages={"required": _("Kies een beslissing.")})
    motivatie = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}),
                                error_messages={"required": _("Een beslissing heeft altijd een motivering.")})


class LetForm(OmoModelForm):
    class Meta:
        model = Escalatie
        fields = ["geprobeerd", "blokkerende_regel", "gevraagde_oplossing", "grondslag_delen", "geanonimiseerde_samenvatting"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in fields}


class EscalatieFilter(django_filters.FilterSet):
    STATUS = [("open", _("Open")), ("besloten", _("Besloten")), ("verlopen", _("Open en termijn verstreken"))]
    status = django_filters.ChoiceFilter(label=_("Status"), choices=STATUS, method="filter_status", empty_label=_("Alle"))
    naar_niveau = django_filters.ChoiceFilter(label=_("Niveau"), choices=[(n.value, n.label) for n in Niveau if n.value >= 2])

    class Meta:
        model = Escalatie
        fields = ["status", "naar_niveau"]

    def filter_status(self, qs, name, value):
        from django.utils import timezone

        if value == "open":
            return qs.filter(beslissing="")
        if value == "besloten":
            return qs.exclude(beslissing="")
        if value == "verlopen":
            return qs.filter(beslissing="", uiterlijk_op__lt=timezone.now())
        return qs
