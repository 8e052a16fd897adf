"""Forms of the telefoonlijst and the verzoeken."""

from datetime import datetime, time

import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from casussen.models import Leefgebied, Organisatie
from escalatie import rules
from escalatie.models import Contactpersoon, Verzoek
from omo.forms import OmoForm, OmoModelForm
from omo.models import User
from omo.toegang import mag
from omo.werkdagen import AMSTERDAM
from omo.widgets import SnelleSelect


class ContactpersoonForm(OmoModelForm):
    class Meta:
        model = Contactpersoon
        fields = ["organisatie", "naam", "rol", "mandaat", "telefoon", "email", "leefgebieden", "escalatiecontact", "gebruiker", "actief"]
        widgets = {"mandaat": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"email": {"invalid": _("Vul een geldig e-mailadres in, bijvoorbeeld naam@organisatie.nl.")}}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # The account a contact can be linked to: someone with a working role, never the one who
        # edits the contact (the rules `escalatie.koppel_contact_aan` and `escalatie.bekijk_verzoek`).
        kandidaten = Q(rules.werkrollen())
        if user is not None and not mag(user, "escalatie.koppel_contact_aan", user):
            kandidaten &= ~Q(pk=user.pk)  # never oneself
        if self.instance.gebruiker_id:
            kandidaten |= Q(pk=self.instance.gebruiker_id)
        self.fields["gebruiker"].queryset = User.objects.filter(kandidaten).distinct().order_by(
            "first_name", "last_name", "username")
        self.fields["gebruiker"].help_text = _(
            "Het OMO-account van deze contactpersoon, als die er een heeft: dan ziet die de verzoeken aan "
            "hem of haar in OMO. Niet je eigen account.")
        qs = Contactpersoon.objects.filter(actief=True).select_related("organisatie")
        if self.instance.pk:
            qs = qs.exclude(pk=self.instance.pk)
        self.fields["escalatiecontact"].queryset = qs
        self.fields["escalatiecontact"].label_from_instance = lambda c: f"{c.naam} — {c.rol}, {c.organisatie.naam}"
        self.fields["escalatiecontact"].widget.attrs.update(
            {"data-zoekbaar": _("Zoek in de telefoonlijst"), "data-zoekbaar-aantal": _("contactpersonen gevonden")})
        self.fields["escalatiecontact"].help_text = _("Kies iemand uit de telefoonlijst; niet de contactpersoon zelf.")
        self.fields["escalatiecontact"].error_messages["invalid_choice"] = _(
            "Kies een actieve contactpersoon uit de telefoonlijst, niet de contactpersoon zelf.")
        self.fields["organisatie"].queryset = Organisatie.objects.filter(actief=True)
        self.fields["leefgebieden"].queryset = Leefgebied.objects.filter(actief=True)
        self.fields["leefgebieden"].widget.attrs["size"] = 6


class VerzoekForm(OmoForm):
    contactpersoon = forms.ModelChoiceField(
        label=_("Aan"), queryset=Contactpersoon.objects.none(), widget=SnelleSelect,
        error_messages={"required": _("Kies een contactpersoon uit de telefoonlijst.")},
    )
    onderwerp = forms.CharField(label=_("Onderwerp"), max_length=200,
                                error_messages={"required": _("Geef het verzoek een onderwerp.")})
    vraag = forms.CharField(
        label=_("Vraag"), widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Alleen de vraag: de contactpersoon ziet geen gegevens van het huishouden. Noem geen namen of adressen."),
        error_messages={"required": _("Schrijf de vraag.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        veld = self.fields["contactpersoon"]
        veld.queryset = Contactpersoon.objects.filter(actief=True).select_related("organisatie")
        veld.label_from_instance = lambda c: f"{c.naam} — {c.rol}, {c.organisatie.naam}"
        veld.widget.attrs.update({"data-zoekbaar": _("Zoek in de telefoonlijst (naam, rol of organisatie)"),
                                  "data-zoekbaar-aantal": _("contactpersonen gevonden")})


class LandelijkForm(VerzoekForm):
    kenmerk = forms.CharField(label=_("Kenmerk"), max_length=60, required=False)
    afzender = forms.CharField(label=_("Van"), max_length=200, initial="Landelijk Maatwerkregister")

    field_order = ["kenmerk", "afzender", "onderwerp", "vraag", "contactpersoon"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contactpersoon"].required = False
        self.fields["contactpersoon"].label = _("Doorzetten naar (optioneel)")


class OppakkenForm(OmoForm):
    door = forms.CharField(label=_("Je naam"), max_length=200, error_messages={"required": _("Vul je naam in.")})


class AntwoordForm(OmoForm):
    door = forms.CharField(label=_("Je naam"), max_length=200, error_messages={"required": _("Vul je naam in.")})
    antwoord = forms.CharField(label=_("Antwoord"), widget=forms.Textarea(attrs={"rows": 4}),
                               error_messages={"required": _("Schrijf het antwoord.")})


class TelefoonlijstFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Zoeken"), method="filter_q")
    organisatie = django_filters.ModelChoiceFilter(label=_("Organisatie"), queryset=Organisatie.objects.filter(actief=True))
    leefgebied = django_filters.ModelChoiceFilter(label=_("Leefgebied"), field_name="leefgebieden",
                                                  queryset=Leefgebied.objects.filter(actief=True))

    class Meta:
        model = Contactpersoon
        fields = ["q", "organisatie", "leefgebied"]

    def filter_q(self, qs, name, value):
        return qs.filter(Q(naam__icontains=value) | Q(rol__icontains=value) | Q(mandaat__icontains=value)
                         | Q(organisatie__naam__icontains=value))


class VerzoekFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=Verzoek.Status.choices)
    soort = django_filters.ChoiceFilter(label=_("Soort"), choices=Verzoek.Soort.choices)
    van = django_filters.DateFilter(label=_("Ontvangen vanaf"), method="filter_van",
                                    widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))
    tot = django_filters.DateFilter(label=_("Ontvangen tot en met"), method="filter_tot",
                                    widget=forms.DateInput(attrs={"type": "date", "class": "form-control"}))

    termijn = django_filters.ChoiceFilter(
        label=_("Termijn"), method="filter_termijn",
        choices=[("vandaag", _("Vandaag of eerder op te pakken, nog niet opgepakt"))])

    class Meta:
        model = Verzoek
        fields = ["status", "soort", "van", "tot", "termijn"]

    def filter_termijn(self, qs, name, value):
        from escalatie.queries.verzoek import uiterlijk_vandaag

        return uiterlijk_vandaag(qs)

    # Dates are Amsterdam days: from the start of `van` up to the end of `tot`.
    def filter_van(self, qs, name, value):
        return qs.filter(ontvangen_op__gte=datetime.combine(value, time.min, tzinfo=AMSTERDAM))

    def filter_tot(self, qs, name, value):
        return qs.filter(ontvangen_op__lte=datetime.combine(value, time.max, tzinfo=AMSTERDAM))
