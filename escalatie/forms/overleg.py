"""Forms of the overleg pages."""

import django_filters
from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from escalatie.models import Overleg, Overlegreeks
from omo.forms import DatumInput, OmoForm, OmoModelForm
from omo.models import User
from omo.roles import OMO


class ReeksForm(OmoModelForm):
    class Meta:
        model = Overlegreeks
        fields = ["naam", "weekdag", "begintijd", "duur_minuten", "locatie", "voorzitter", "vaste_deelnemers", "actief"]
        widgets = {"begintijd": forms.TimeInput(attrs={"type": "time"}, format="%H:%M")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["voorzitter"].queryset = User.objects.filter(groups__name=OMO, is_active=True)
        self.fields["vaste_deelnemers"].queryset = User.objects.filter(is_active=True).order_by("last_name", "first_name")
        self.fields["vaste_deelnemers"].widget.attrs["size"] = 8


class AgenderenForm(OmoForm):
    overleg = forms.ChoiceField(label=_("Overleg"))
    vraag = forms.CharField(
        label=_("Vraag aan het overleg"), widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Welke beslissing of welk advies vraag je? Bijvoorbeeld: ‘Akkoord met scenario A?’"),
        error_messages={"required": _("Schrijf op welke vraag het overleg moet beantwoorden.")},
    )

    def __init__(self, *args, overleggen=(), now=None, **kwargs):
        super().__init__(*args, **kwargs)
        now = now or timezone.now()
        keuzes = []
        for o in overleggen:
            deadline = o.stukken_deadline
            label = _("%(dag)s %(tijd)s — stukken uiterlijk %(deadline)s") % {
                "dag": date_format(o.datum, "l j F Y"), "tijd": o.begintijd.strftime("%H:%M"),
                "deadline": date_format(timezone.localtime(deadline), "l j F H:i"),
            }
            if now > deadline:
                label += " " + _("(deadline verstreken: de casus gaat naar het volgende overleg, tenzij de OMO-functionaris hem toelaat)")
            keuzes.append((str(o.pk), label))
        self.fields["overleg"].choices = keuzes


class RedenForm(OmoForm):
    reden = forms.CharField(
        label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef de reden.")},
    )


class IntrekkenForm(OmoForm):
    toelichting = forms.CharField(
        label=_("Waarom gaat de casus van de agenda?"), widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Geef aan waarom de casus van de agenda gaat.")},
    )


class OverlegFilter(django_filters.FilterSet):
    """The meeting list: upcoming (soonest first) or past (latest first), by status and period."""

    KOMEND, VOORBIJ, ALLE = "komend", "voorbij", "alle"

    periode = django_filters.ChoiceFilter(
        label=_("Periode"), method="filter_periode", empty_label=None,
        choices=[(KOMEND, _("Komende overleggen")), (VOORBIJ, _("Eerdere overleggen")), (ALLE, _("Alle overleggen"))],
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Overleg.Status.choices, empty_label=_("Alle"))
    van = django_filters.DateFilter(label=_("Vanaf"), field_name="datum", lookup_expr="gte", widget=DatumInput)
    tot = django_filters.DateFilter(label=_("Tot en met"), field_name="datum", lookup_expr="lte", widget=DatumInput)

    class Meta:
        model = Overleg
        fields = ["periode", "status", "van", "tot"]

    def __init__(self, data=None, *args, vandaag=None, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("periode"):
            data["periode"] = self.KOMEND
        self.vandaag = vandaag or timezone.localdate()
        super().__init__(data, *args, **kwargs)
        for field in self.form.fields.values():
            field.widget.attrs["class"] = "form-select" if isinstance(field.widget, forms.Select) else "form-control"

    def filter_periode(self, queryset, name, value):
        if value == self.VOORBIJ:
            return queryset.filter(datum__lt=self.vandaag).order_by("-datum", "-begintijd", "-pk")
        if value == self.KOMEND:
            return queryset.filter(datum__gte=self.vandaag).order_by("datum", "begintijd", "pk")
        return queryset.order_by("-datum", "-begintijd", "-pk")
