"""Filters of the privacy officer's logboek (django-filter): per user and per period. Each has
its index: the access log on (gebruiker, tijdstip) and on tijdstip; the change log on the time of
every event table and on the user of the request context (omo migration 0012)."""

import datetime

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from privacy.queries.logboek import Filter


def _begin(dag):
    return datetime.datetime.combine(dag, datetime.time.min, tzinfo=timezone.get_current_timezone())


def _users():
    return get_user_model().objects.order_by("username")


class LogboekFilter(django_filters.FilterSet):
    gebruiker = django_filters.ModelChoiceFilter(label=_("Gebruiker"), queryset=_users())
    van = django_filters.DateFilter(
        label=_("Van"), method="filter_van", widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = django_filters.DateFilter(
        label=_("Tot en met"), method="filter_tot", widget=forms.DateInput(attrs={"type": "date"})
    )

    # A range on the moment itself (not on its date), so the index on tijdstip is used.
    def filter_van(self, queryset, name, value):
        return queryset.filter(tijdstip__gte=_begin(value))

    def filter_tot(self, queryset, name, value):
        return queryset.filter(tijdstip__lt=_begin(value + datetime.timedelta(days=1)))

    def wijzigingen_filter(self) -> Filter:
        """The same choice for the change log (which is no queryset)."""
        data = self.form.cleaned_data
        gebruiker = data.get("gebruiker")
        return Filter(gebruiker=gebruiker.pk if gebruiker else None, van=data.get("van"), tot=data.get("tot"))
