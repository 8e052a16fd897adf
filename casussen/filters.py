"""Filters (django-filter) of the lists of the case pages."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from casussen.models import Betaler, Geldstroom, WettelijkeGrondslag
from casussen.queries import referentie as queries

# --- Reference pages: prijslijst and grondslagen ----------------------------------------------


class PrijslijstFilter(django_filters.FilterSet):
    """The maatschappelijke prijslijst: by default only the price valid today per item."""

    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_q")
    geldstroom = django_filters.ModelChoiceFilter(
        label=_("Geldstroom"),
        queryset=Geldstroom.objects.order_by("volgorde", "naam"),
        empty_label=_("Alle geldstromen"),
    )
    betaler = django_filters.ChoiceFilter(
        label=_("Standaard betaler"), choices=Betaler.choices, empty_label=_("Alle betalers")
    )
    alle_versies = django_filters.BooleanFilter(
        label=_("Toon alle versies"),
        method="filter_alle_versies",
        widget=forms.CheckboxInput,
    )

    def filter_q(self, queryset, name, value):
        return queries.zoek(
            queryset, value, ["item", "eenheid", "bron"], exact_velden=["item", "eenheid", "bron"]
        )

    def filter_alle_versies(self, queryset, name, value):
        # Applied in filter_queryset: without the toggle only today's version of each item.
        return queryset

    def filter_queryset(self, queryset):
        if not self.form.cleaned_data.get("alle_versies"):
            queryset = queries.alleen_geldig(queryset)
        return super().filter_queryset(queryset)


class GrondslagFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_q")
    soort = django_filters.ChoiceFilter(
        label=_("Soort"), choices=WettelijkeGrondslag.Soort.choices, empty_label=_("Alle soorten")
    )

    def filter_q(self, queryset, name, value):
        return queries.zoek(
            queryset, value, ["wet", "artikel", "toelichting"], exact_velden=["wet", "artikel"]
        )
