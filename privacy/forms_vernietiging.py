"""The filters and forms of the vernietigingslijst pages."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from omo.forms import DatumInput, OmoForm
from privacy.models import Bewaarsoort, Vernietigingsitem, Vernietigingslijst


class LijstFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=Vernietigingslijst.Status.choices, empty_label=_("Alle statussen"))

    class Meta:
        model = Vernietigingslijst
        fields = []


class ItemFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(label=_("Soort"), choices=Bewaarsoort.choices, empty_label=_("Alle soorten"))
    besluit = django_filters.ChoiceFilter(
        label=_("Besluit"), choices=Vernietigingsitem.Besluit.choices, empty_label=_("Alle besluiten"))

    class Meta:
        model = Vernietigingsitem
        fields = []


class AanhoudenForm(OmoForm):
    reden = forms.CharField(
        label=_("Reden om aan te houden"), widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: een lopende procedure of een verzoek om inzage. Geen namen of BSN."),
        error_messages={"required": _("Geef de reden om deze post aan te houden.")},
    )
    aanhouden_tot = forms.DateField(
        label=_("Aanhouden tot (niet verplicht)"), required=False, widget=DatumInput,
        help_text=_("Zonder datum komt de post op de volgende lijst terug, met deze reden erbij."),
        error_messages={"invalid": _("Vul een geldige datum in.")},
    )
