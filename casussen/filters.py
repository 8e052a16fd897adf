"""Filters (django-filter) of the lists of the case pages."""

import django_filters
from django import forms
from django.db.models import Case, Exists, IntegerField, OuterRef, Value, When
from django.utils.translation import gettext_lazy as _

from casussen.models import (
    Betaler,
    Casus,
    Eenheid,
    Geldstroom,
    Status,
    WettelijkeGrondslag,
)
from casussen.queries import referentie as queries
from casussen.queries.casus import filterkeuzes, zoek
from omo.widgets import SnelleSelect, SnelleSelectMultiple

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
    rekeneenheid = django_filters.ChoiceFilter(
        label=_("Eenheid"), choices=Eenheid.choices, empty_label=_("Alle eenheden")
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


# --- The case list: every filter offered has an index behind it ------------------------------

SORTERINGEN = [
    ("-code", _("Nieuwste eerst")),
    ("code", _("Oudste eerst")),
    ("-datum_signaal", _("Datum signaal (nieuw–oud)")),
    ("datum_signaal", _("Datum signaal (oud–nieuw)")),
    ("status", _("Status")),
    ("-urgentie", _("Urgentie")),
    ("-gewijzigd_op", _("Laatst gewijzigd")),
    ("relevantie", _("Beste zoekresultaat eerst")),
]
_SORT_FIELDS = {
    "-code": ["-jaar", "-volgnummer"],
    "code": ["jaar", "volgnummer"],
    "-datum_signaal": ["-datum_signaal", "-pk"],
    "datum_signaal": ["datum_signaal", "pk"],
    "status": ["status", "-jaar", "-volgnummer"],
    "-urgentie": ["-urgentie_rang", "-jaar", "-volgnummer"],
    "-gewijzigd_op": ["-gewijzigd_op", "-pk"],
}


class CasusFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_q")
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"), choices=Status.choices, widget=SnelleSelectMultiple(attrs={"size": 4}),
        distinct=False,
    )
    # The choices of the selects are filled in __init__ from one query (queries.filterkeuzes).
    leefgebied = django_filters.ChoiceFilter(
        label=_("Leefgebied"), choices=[], method="filter_leefgebied", widget=SnelleSelect
    )
    casushouder = django_filters.ChoiceFilter(
        label=_("Casushouder"), field_name="casushouder_id", choices=[], widget=SnelleSelect
    )
    team = django_filters.ChoiceFilter(
        label=_("Team"), field_name="team_id", choices=[], widget=SnelleSelect
    )
    organisatie = django_filters.ChoiceFilter(
        label=_("Organisatie"), choices=[], method="filter_organisatie", widget=SnelleSelect
    )
    urgentie = django_filters.ChoiceFilter(
        label=_("Urgentie"), choices=Casus.Urgentie.choices, widget=SnelleSelect
    )
    van = django_filters.DateFilter(
        label=_("Signaal vanaf"), field_name="datum_signaal", lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    tot = django_filters.DateFilter(
        label=_("Signaal tot en met"), field_name="datum_signaal", lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    evaluatie_verlopen = django_filters.BooleanFilter(
        label=_("Evaluatie verlopen"),
        method="filter_evaluatie",
        widget=forms.CheckboxInput,
    )
    # A case declared vervallen (registered by mistake) is left out unless asked for: with this
    # box, or by choosing the status "Vervallen".
    vervallen = django_filters.BooleanFilter(
        label=_("Ook vervallen casussen"), method="filter_vervallen", widget=forms.CheckboxInput,
    )
    sorteer = django_filters.ChoiceFilter(
        label=_("Sorteren"), choices=SORTERINGEN, method="filter_sorteer", empty_label=None,
        widget=SnelleSelect,
    )

    class Meta:
        model = Casus
        fields = []

    def __init__(self, data=None, *args, user=None, **kwargs):
        super().__init__(data, *args, **kwargs)
        self.user = user
        # Choices as (id, name) pairs from one query: a gemeente has hundreds of casushouders,
        # and model instances for every option would cost more than the rest of the page.
        keuzes = filterkeuzes(user) if user is not None else {}
        for naam in ("leefgebied", "team", "organisatie", "casushouder"):
            self.filters[naam].extra["choices"] = keuzes.get(naam, [])
        # Bootstrap classes on the widgets: the list renders this form with plain markup
        # (templates/casussen/casus/_filterveld.html), which is several times faster than crispy.
        for field in self.form.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, forms.Select):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = css

    def filter_q(self, queryset, name, value):
        return zoek(queryset, value)

    # Many-to-many filters as EXISTS: no DISTINCT over whole rows, and PostgreSQL can probe the
    # (casus, leefgebied) index per candidate case.
    def filter_leefgebied(self, queryset, name, value):
        through = Casus.leefgebieden.through
        return queryset.filter(Exists(through.objects.filter(casus_id=OuterRef("pk"), leefgebied_id=value)))

    def filter_organisatie(self, queryset, name, value):
        through = Casus.organisaties.through
        return queryset.filter(Exists(through.objects.filter(casus_id=OuterRef("pk"), organisatie_id=value)))

    def filter_evaluatie(self, queryset, name, value):
        if value:
            return queryset.filter(evaluatie_verlopen=True)
        return queryset

    def filter_sorteer(self, queryset, name, value):
        return queryset

    def filter_vervallen(self, queryset, name, value):
        # Applied in filter_queryset: without the box the vervallen cases are left out.
        return queryset

    @staticmethod
    def zonder_vervallen(queryset):
        return queryset.exclude(status=Status.VERVALLEN)

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("vervallen") and Status.VERVALLEN not in (self.form.cleaned_data.get("status") or []):
            queryset = self.zonder_vervallen(queryset)
        value = self.form.cleaned_data.get("sorteer") or ""
        if value in _SORT_FIELDS:
            if value == "-urgentie":
                queryset = queryset.annotate(
                    urgentie_rang=Case(
                        When(urgentie="acuut", then=Value(3)),
                        When(urgentie="hoog", then=Value(2)),
                        default=Value(1),
                        output_field=IntegerField(),
                    )
                )
            queryset = queryset.order_by(*_SORT_FIELDS[value])
        elif value == "relevantie" and self.form.cleaned_data.get("q"):
            queryset = zoek(queryset, self.form.cleaned_data["q"], rangschikken=True)
        else:
            queryset = queryset.order_by("-jaar", "-volgnummer")
        return queryset
