"""Forms of the meeting mode."""

from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from escalatie.models import Agendapunt, Escalatie, Niveau
from omo.forms import DatumInput, OmoForm

ACTIEREGELS = 3


class UitkomstForm(OmoForm):
    uitkomst = forms.ChoiceField(
        label=_("Uitkomst"), choices=Agendapunt.Uitkomst.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Kies een uitkomst.")},
    )
    scenario = forms.ChoiceField(label=_("Scenario"), required=False, help_text=_("Verplicht bij akkoord; bij escaleren het scenario waarover het gaat."))
    advies = forms.CharField(label=_("Advies"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    motivatie = forms.CharField(
        label=_("Motivering"), required=False, widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij afgewezen, bezinningsperiode en niets doen: moet aan de inwoner uit te leggen zijn."),
    )
    alternatieven = forms.CharField(
        label=_("Te verkennen alternatieven"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Bij bezinningsperiode: de casus komt met deze alternatieven terug op het volgende overleg."),
    )
    naar_niveau = forms.TypedChoiceField(
        label=_("Escaleren naar"), required=False, coerce=int, empty_value=None,
        choices=[("", "—")] + [(n.value, n.label) for n in Niveau if n.value >= 2],
    )
    reden = forms.ChoiceField(label=_("Reden van escalatie"), required=False, choices=[("", "—"), *Escalatie.Reden.choices])
    vraag = forms.CharField(label=_("Vraag aan het hogere niveau"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, scenarios=(), voorstel=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scenario"].choices = [("", "—")] + [(str(s.pk), s.titel) for s in scenarios]
        for i in range(1, ACTIEREGELS + 1):
            self.fields[f"actie_{i}"] = forms.CharField(label=_("Actiepunt %(n)s") % {"n": i}, required=False, max_length=300)
            self.fields[f"eigenaar_{i}"] = forms.CharField(label=_("Eigenaar actiepunt %(n)s") % {"n": i}, required=False, max_length=120)
            self.fields[f"deadline_{i}"] = forms.DateField(label=_("Uiterlijk (actiepunt %(n)s)") % {"n": i}, required=False, widget=DatumInput)
        self.fields["actiepunten"] = forms.CharField(required=False, widget=forms.HiddenInput)
        if voorstel is not None and not self.is_bound:
            self.initial.setdefault("naar_niveau", max(voorstel.niveau, 2))

    def actiepunten(self):
        return [
            {"omschrijving": self.cleaned_data.get(f"actie_{i}"), "eigenaar": self.cleaned_data.get(f"eigenaar_{i}"),
             "deadline": self.cleaned_data.get(f"deadline_{i}")}
            for i in range(1, ACTIEREGELS + 1)
        ]

    def actievelden(self):
        return [(self[f"actie_{i}"], self[f"eigenaar_{i}"], self[f"deadline_{i}"]) for i in range(1, ACTIEREGELS + 1)]


class SluitenForm(OmoForm):
    aanwezigen = forms.MultipleChoiceField(label=_("Aanwezig"), required=False, widget=forms.CheckboxSelectMultiple)
    aanwezigen_extern = forms.CharField(
        label=_("Overige aanwezigen"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Naam en organisatie, één per regel."),
    )

    def __init__(self, *args, mensen=(), datum=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["aanwezigen"].choices = [(str(u.pk), f"{u}{' (' + u.functie + ')' if u.functie else ''}") for u in mensen]
        if datum is not None and datum > timezone.localdate():
            # Closing before the meeting's date is a deliberate choice: the form asks for it.
            self.fields["voor_de_datum"] = forms.BooleanField(
                label=_("Ja, sluit dit overleg nu al, vóór %(dag)s") % {"dag": date_format(datum, "l j F Y")},
                required=False,
            )


class AddendumForm(OmoForm):
    tekst = forms.CharField(
        label=_("Aanvulling of correctie"), widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Schrijf de aanvulling of correctie.")},
    )
