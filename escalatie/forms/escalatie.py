"""Forms of the escalation pages."""

from decimal import Decimal

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from escalatie.models import Escalatie, Niveau


def fout_in_form(form, fout):
    """Put a service's Weigering next to its field (or above the form)."""
    form.add_error(fout.field if fout.field in form.fields else None, fout.message)


class EscalerenForm(forms.Form):
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


class BeslissingForm(forms.Form):
    beslissing = forms.ChoiceField(label=_("Beslissing"), choices=Escalatie.Beslissing.choices, widget=forms.RadioSelect,
                                   error_messages={"required": _("Kies een beslissing.")})
    motivatie = forms.CharField(label=_("Motivering"), widget=forms.Textarea(attrs={"rows": 4}),
                                error_messages={"required": _("Een beslissing heeft altijd een motivering.")})

    def __init__(self, *args, aanvraag=False, **kwargs):
        """`aanvraag`: the escalation is a fund request; the College decides akkoord, afgewezen or
        teruggelegd, and may first add an allocation to the fund."""
        super().__init__(*args, **kwargs)
        if aanvraag:
            B = Escalatie.Beslissing
            self.fields["beslissing"].choices = [(b.value, b.label) for b in B if b != B.ADVIES]
            self.fields["toewijzing"] = forms.DecimalField(
                label=_("Extra toewijzing aan het fonds (euro)"), required=False, max_digits=14, decimal_places=2,
                localize=True, min_value=Decimal("0.01"), widget=forms.TextInput(attrs={"inputmode": "decimal"}),
                help_text=_("Alleen bij akkoord, als het fonds niet genoeg heeft: wordt eerst toegewezen, dan gereserveerd."),
                error_messages={"invalid": _("Vul een geldig bedrag in, bijvoorbeeld 2500,00."),
                                "min_value": _("Het bedrag moet groter zijn dan nul."),
                                "max_decimal_places": _("Een bedrag heeft hoogstens twee cijfers achter de komma.")},
            )


class LetForm(forms.ModelForm):
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
