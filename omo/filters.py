"""Filters of the shared core's lists (django-filter)."""

import django_filters
from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from omo import queries
from omo.models import Toegangslog


class _PeriodMixin(django_filters.FilterSet):
    van = django_filters.DateFilter(
        label=_("Van"), method="filter_van", widget=forms.DateInput(attrs={"type": "date"})
    )
    tot = django_filters.DateFilter(
        label=_("Tot en met"), method="filter_tot", widget=forms.DateInput(attrs={"type": "date"})
    )
    time_field = ""

    def filter_van(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__date__gte": value})

    def filter_tot(self, queryset, name, value):
        return queryset.filter(**{f"{self.time_field}__date__lte": value})


def _users():
    return get_user_model().objects.order_by("username")


class WijzigingFilter(_PeriodMixin):
    """Change events (django-pghistory) by user, object and period."""

    time_field = "pgh_created_at"
    gebruiker = django_filters.ModelChoiceFilter(
        label=_("Gebruiker"), queryset=_users(), method="filter_gebruiker"
    )
    soort = django_filters.ChoiceFilter(
        label=_("Soort object"), field_name="pgh_obj_model", choices=queries.tracked_model_choices
    )
    object_id = django_filters.CharFilter(label=_("Object-id"), field_name="pgh_obj_id")

    def filter_gebruiker(self, queryset, name, value):
        return queryset.filter(pgh_context__user=value.pk)


class InzageFilter(_PeriodMixin):
    """Access-log rows by user, object and period."""

    time_field = "tijdstip"
    gebruiker = django_filters.ModelChoiceFilter(label=_("Gebruiker"), queryset=_users())
    soort = django_filters.ChoiceFilter(
        label=_("Soort object"), field_name="object_type", choices=queries.content_type_choices
    )
    object_id = django_filters.CharFilter(label=_("Object-id"), field_name="object_id")
    hoe = django_filters.ChoiceFilter(label=_("Hoe"), field_name="soort", choices=Toegangslog.Soort.choices)
