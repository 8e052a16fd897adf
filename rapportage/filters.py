"""Filters (django-filter) of the signal and pattern lists."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from casussen.models import Knelpunt, Organisatie
from omo.widgets import SnelleSelect
from rapportage.models import Knelpuntgroep, Patroon
from rapportage.queries import patronen as patroon_queries
from rapportage.queries import signalen as signaal_queries


class SignaalFilter(django_filters.FilterSet):
    """Structurele signalen; the OMO-functionaris may also show every group (`alle`)."""

    q = django_filters.CharFilter(label=_("Zoeken (regel, organisatie of wet)"), method="filter_q")
    soort = django_filters.ChoiceFilter(label=_("Soort"), choices=Knelpunt.Soort.choices, empty_label=_("Alle soorten"))
    organisatie = django_filters.ModelChoiceFilter(
        label=_("Organisatie"),
        queryset=Organisatie.objects.order_by("naam"),
        empty_label=_("Alle organisaties"),
        widget=SnelleSelect,
    )
    alle = django_filters.BooleanFilter(
        label=_("Ook groepen die (nog) geen signaal zijn"), method="filter_alle", widget=forms.CheckboxInput
    )

    class Meta:
        model = Knelpuntgroep
        fields = []

    def __init__(self, *args, alle_toegestaan=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not alle_toegestaan:
            self.filters.pop("alle")
            self.form.fields.pop("alle", None)

    def filter_q(self, queryset, name, value):
        return signaal_queries.zoek(queryset, value)

    def filter_alle(self, queryset, name, value):
        return queryset  # applied in filter_queryset

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("alle"):
            queryset = queryset.filter(signaal_sinds__isnull=False)
        return super().filter_queryset(queryset)


class PatroonFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken in de titel"), field_name="titel", lookup_expr="icontains")
    fase = django_filters.ChoiceFilter(label=_("Fase"), choices=Patroon.Fase.choices, empty_label=_("Alle fasen"))
    eigenaar = django_filters.ModelChoiceFilter(
        label=_("Eigenaar"), queryset=patroon_queries.eigenaren(), empty_label=_("Alle eigenaren"), widget=SnelleSelect
    )

    class Meta:
        model = Patroon
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["eigenaar"].label_from_instance = lambda u: u.get_full_name() or u.username
