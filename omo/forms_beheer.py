"""Forms of the beheerder: users in the admin (no privileged fields), role changes, password reset."""

from django import forms
from django.contrib.auth.forms import PasswordResetForm, _unicode_ci_compare
from django.utils.translation import gettext_lazy as _

from omo.forms import OmoForm, OmoModelForm
from omo.models import Rolwijziging, User
from omo.rolbeheer import GEPRIVILEGIEERD
from omo.roles import ROLLEN
from omo.toegang import mag

# What a beheerder edits of a user. Never is_superuser, is_staff, groups, user_permissions or the
# password: roles change through the role page (four eyes), passwords through a reset link.
GEBRUIKER_VELDEN = ("username", "first_name", "last_name", "email", "team", "functie", "telefoon")


class GebruikerToevoegenForm(OmoModelForm):
    """A new user without a password: they get a reset link by e-mail and choose one themselves."""

    class Meta:
        model = User
        fields = GEBRUIKER_VELDEN

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        email = self.fields["email"]
        email.required = True
        email.help_text = _("De nieuwe gebruiker krijgt op dit adres een link om zelf een wachtwoord te kiezen.")
        email.error_messages["required"] = _(
            "Vul een e-mailadres in: de nieuwe gebruiker kiest via een link in de e-mail zelf een wachtwoord."
        )

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("Deze gebruikersnaam is al in gebruik."))
        return username

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_unusable_password()
        if commit:
            user.save()
        return user


class GebruikerWijzigenForm(OmoModelForm):
    class Meta:
        model = User
        fields = (*GEBRUIKER_VELDEN, "is_active")

    def clean_username(self):
        username = self.cleaned_data["username"]
        if User.objects.filter(username__iexact=username).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("Deze gebruikersnaam is al in gebruik."))
        return username


class RolwijzigingForm(OmoForm):
    actie = forms.ChoiceField(
        label=_("Wat wil je doen?"),
        # A reset of the second factor has its own form (FactorherstelForm).
        choices=[(a.value, a.label) for a in (Rolwijziging.Actie.TOEKENNEN, Rolwijziging.Actie.INTREKKEN)],
        initial=Rolwijziging.Actie.TOEKENNEN,
        widget=forms.RadioSelect,
    )
    rol = forms.ChoiceField(label=_("Rol"))
    reden = forms.CharField(
        label=_("Reden"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Verplicht bij een voorstel: de tweede beheerder beoordeelt het aan de hand hiervan."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rol"].choices = [("", _("Kies een rol"))] + [
            (code, f"{rol.naam} ({_('vier ogen bij toekennen')})" if code in GEPRIVILEGIEERD else rol.naam)
            for code, rol in ROLLEN.items()
        ]


class FactorherstelForm(OmoForm):
    """Propose to reset another user's second factor (a second beheerder approves it)."""

    reden = forms.CharField(
        label=_("Reden"),
        required=False,  # the service says what is missing, in words about this user
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Bijvoorbeeld: telefoon kwijt, zelf teruggebeld op het bekende nummer. De tweede beheerder beoordeelt "
            "het aan de hand hiervan."
        ),
    )

    # On the role page next to the role form and its own "reden": the views give it this prefix.
    PREFIX = "herstel"


class BeoordelingForm(OmoForm):
    besluit = forms.ChoiceField(
        label=_("Besluit"), choices=[("goedkeuren", _("Goedkeuren")), ("afwijzen", _("Afwijzen"))]
    )
    toelichting = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Verplicht bij afwijzen."),
    )


class IntrekkenForm(OmoForm):
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=2000)


class WachtwoordHerstellenForm(PasswordResetForm):
    """Django's reset form; also for an account that has no password yet (a new user whose first
    e-mail expired): in OMO an unusable password means "not chosen yet", never "log in elsewhere"."""

    email = forms.EmailField(
        label=_("E-mailadres"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )

    def get_users(self, email):
        return (
            # Not to an address a beheerder changed and the user has not confirmed by logging in.
            u for u in User._default_manager.filter(email__iexact=email, is_active=True, email_onbevestigd=False)
            # With single sign-on on, only a break-glass account has a local password to choose.
            if _unicode_ci_compare(email, u.email or "") and mag(u, "omo.lokaal_inloggen")
        )
