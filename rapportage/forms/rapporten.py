"""Forms of the report pages: the list filter, a report over any period, finalising."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from omo.forms import DatumInput, OmoForm
from rapportage.models import Rapport

DATUM_FOUTEN = {"invalid": _("Vul een geldige datum in, bijvoorbeeld 2026-03-31.")}


class RapportForm(OmoForm):
    """A report over any period; the service checks the period (and puts a refusal on `tot`)."""

    titel = forms.CharField(
        label=_("Titel"), max_length=160, required=False,
        help_text=_("Bijvoorbeeld ‘Eindrapportage pilot OMO’. Leeg laten: de periode wordt de titel."),
    )
    van = forms.DateField(label=_("Van"), widget=DatumInput(),
                          error_messages={**DATUM_FOUTEN, "required": _("Vul de eerste dag van de periode in.")})
    tot = forms.DateField(label=_("Tot en met"), widget=DatumInput(),
                          error_messages={**DATUM_FOUTEN, "required": _("Vul de laatste dag van de periode in.")})


class RapportFilter(django_filters.FilterSet):
    soort = django_filters.ChoiceFilter(label=_("Soort"), choices=Rapport.Soort.choices, empty_label=_("Alle"))
    jaar = django_filters.ChoiceFilter(label=_("Jaar"), field_name="tot", lookup_expr="year", choices=(),
                                       empty_label=_("Alle"))

    class Meta:
        model = Rapport
        fields = ["soort"]

    def __init__(self, *args, jaren=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.filters["jaar"].extra["choices"] = [(str(j), str(j)) for j in jaren]
