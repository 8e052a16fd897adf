"""Beheer (admin) of the shared core, for the role `beheerder`.

Who may use the admin is the rule `omo.beheer` (not `is_staff`); what they may do per model are
the rules of `beheer_rechten`. The user pages have no privileged fields: roles change on the
role page (`omo.views_beheer`, four eyes for privileged roles) and passwords are chosen by the
user through a reset link. Django's group admin is gone: groups are roles, without permissions.
"""

from django.contrib import admin, messages
from django.contrib.admin.exceptions import NotRegistered
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.models import Group
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from omo import rolbeheer
from omo.forms import OmoModelForm
from omo.forms_beheer import GEBRUIKER_VELDEN, GebruikerToevoegenForm, GebruikerWijzigenForm
from omo.models import Sluitingsdag, Team, Toegangslog, User
from omo.roles import ROLLEN
from omo.toegang import mag
from omo.weigering import Weigering

# --- The admin site: opened by the rule, not by is_staff ----------------------------------------


def _mag_beheer(request) -> bool:
    return request.user.is_active and mag(request.user, "omo.beheer")


@login_not_required
@never_cache
def _admin_login(request, extra_context=None):
    """The admin has no login form of its own: OMO's login page (with its lockout) or, for a
    logged-in user without the rule, 403."""
    if _mag_beheer(request):
        return redirect("admin:index")
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect_to_login(request.GET.get("next") or reverse("admin:index"))


admin.site.has_permission = _mag_beheer
admin.site.login = _admin_login

try:
    admin.site.unregister(Group)
except NotRegistered:
    pass

# No admin pages for second-factor devices (django-otp registers its own): a beheerder could
# delete someone's authenticator app there, or read its secret. A user's second factor is reset
# only through the four-eyes route (`omo.rolbeheer.stel_factorherstel_voor`); a user removes
# their own passkeys on their account page.
for _model in (TOTPDevice, StaticDevice):
    try:
        admin.site.unregister(_model)
    except NotRegistered:
        pass


# --- Users -------------------------------------------------------------------------------------


class RolFilter(admin.SimpleListFilter):
    title = _("rol")
    parameter_name = "rol"

    def lookups(self, request, model_admin):
        return [(code, rol.naam) for code, rol in ROLLEN.items()]

    def queryset(self, request, queryset):
        if self.value() in ROLLEN:
            return queryset.filter(groups__name=self.value())
        return queryset


class OmoAdmin(admin.ModelAdmin):
    """The base of every admin page of OMO: its forms guard free text like every other form
    (no BSN, a maximum length; `omo.forms.OmoModelForm`)."""

    form = OmoModelForm


@admin.register(User)
class UserAdmin(OmoAdmin):
    list_display = ("username", "first_name", "last_name", "email", "team", "rollen", "is_active",
                    "moet_wachtwoord_wijzigen", "last_login")
    list_filter = ("is_active", RolFilter, "team", "moet_wachtwoord_wijzigen")
    list_select_related = ("team",)
    search_fields = ("username", "first_name", "last_name", "email")
    ordering = ("username",)
    actions = ("herstellink_sturen", "wachtwoord_wijzigen_bij_volgende_inlog")
    form = GebruikerWijzigenForm
    add_form = GebruikerToevoegenForm
    fieldsets = (
        (None, {"fields": ("username",)}),
        (_("Persoonlijke gegevens"), {"fields": ("first_name", "last_name", "email")}),
        (_("OMO"), {"fields": ("team", "functie", "telefoon")}),
        (_("Toegang"), {"fields": ("is_active", "rollen_en_wijzigen", "moet_wachtwoord_wijzigen",
                                   "last_login", "date_joined")}),
    )
    add_fieldsets = (
        (None, {
            "fields": GEBRUIKER_VELDEN,
            "description": _("De nieuwe gebruiker krijgt geen wachtwoord van jou: OMO stuurt een e-mail met een "
                             "link waarmee hij zelf een wachtwoord kiest. Rollen ken je daarna toe op de rollenpagina."),
        }),
    )
    readonly_fields = ("rollen_en_wijzigen", "moet_wachtwoord_wijzigen", "last_login", "date_joined")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    def get_fieldsets(self, request, obj=None):
        return self.add_fieldsets if obj is None else super().get_fieldsets(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        if obj is None:
            kwargs["form"] = self.add_form
        return super().get_form(request, obj, **kwargs)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return ()
        if obj.pk == request.user.pk:
            # Nobody deactivates themselves (nor locks the last beheerder out by accident).
            return (*self.readonly_fields, "is_active")
        return self.readonly_fields

    def get_urls(self):
        return [
            # Django's page to set a user's password: not in OMO, for nobody.
            path("<path:object_id>/password/", self._geen_wachtwoordpagina),
            *super().get_urls(),
        ]

    @staticmethod
    @login_not_required
    def _geen_wachtwoordpagina(request, object_id):
        raise Http404

    def has_delete_permission(self, request, obj=None):
        # Users are deactivated, never deleted: the audit and access logs refer to them.
        return False

    @staticmethod
    def _rolnamen(obj) -> str:
        """The user's roles from the prefetched groups (no query per row)."""
        return ", ".join(str(ROLLEN[g.name].naam) for g in obj.groups.all() if g.name in ROLLEN) or gettext("geen")

    @admin.display(description=_("rollen"))
    def rollen(self, obj):
        return format_html('<a href="{}">{}</a>', reverse("gebruiker_rollen", kwargs={"pk": obj.pk}), self._rolnamen(obj))

    @admin.display(description=_("rollen"))
    def rollen_en_wijzigen(self, obj):
        if obj is None or obj.pk is None:
            return "—"
        return format_html('{} · <a href="{}">{}</a>', self._rolnamen(obj), reverse("gebruiker_rollen", kwargs={"pk": obj.pk}),
                           gettext("Rollen bekijken of een wijziging voorstellen"))

    def save_model(self, request, obj, form, change):
        if change and obj.pk == request.user.pk and not obj.is_active:
            raise PermissionDenied
        oud_email = form.initial.get("email", "") if change and "email" in form.changed_data else ""
        super().save_model(request, obj, form, change)
        if not change:
            self._stuur(request, obj, nieuw_account=True)
        elif oud_email:
            rolbeheer.meld_emailwijziging(obj, request.user, oud=oud_email)

    def _stuur(self, request, user, nieuw_account=False) -> bool:
        try:
            rolbeheer.stuur_herstellink(user.pk, request.user, nieuw_account=nieuw_account)
        except Weigering as fout:
            self.message_user(request, fout.message, messages.WARNING)
        except OSError:
            self.message_user(request, gettext(
                "De e-mail aan %(wie)s kon niet worden verstuurd. Probeer het later opnieuw met de actie "
                "‘Herstellink sturen’.") % {"wie": user}, messages.ERROR)
        else:
            if nieuw_account:
                self.message_user(request, gettext(
                    "%(wie)s krijgt een e-mail op %(email)s met een link om zelf een wachtwoord te kiezen.")
                    % {"wie": user, "email": user.email}, messages.SUCCESS)
            return True
        return False

    @admin.action(description=_("Herstellink sturen"), permissions=["change"])
    def herstellink_sturen(self, request, queryset):
        verstuurd = [user for user in queryset if self._stuur(request, user)]
        if verstuurd:
            self.message_user(request, gettext("Herstellink verstuurd aan: %(wie)s.")
                              % {"wie": ", ".join(str(u) for u in verstuurd)}, messages.SUCCESS)

    @admin.action(description=_("Wachtwoord wijzigen bij volgende inlog"), permissions=["change"])
    def wachtwoord_wijzigen_bij_volgende_inlog(self, request, queryset):
        try:
            aantal = rolbeheer.verplicht_wachtwoordwijziging(queryset.values_list("pk", flat=True), request.user)
        except Weigering as fout:
            self.message_user(request, fout.message, messages.ERROR)
        else:
            self.message_user(request, ngettext(
                "%(n)s gebruiker moet bij de volgende stap in OMO eerst een nieuw wachtwoord kiezen.",
                "%(n)s gebruikers moeten bij de volgende stap in OMO eerst een nieuw wachtwoord kiezen.", aantal)
                % {"n": aantal}, messages.SUCCESS)


# --- Reference data and logs --------------------------------------------------------------------


@admin.register(Team)
class TeamAdmin(OmoAdmin):
    list_display = ("naam", "soort", "actief")
    list_filter = ("soort", "actief")
    search_fields = ("naam",)


@admin.register(Sluitingsdag)
class SluitingsdagAdmin(OmoAdmin):
    list_display = ("datum", "omschrijving")
    date_hierarchy = "datum"
    search_fields = ("omschrijving",)


class ReadOnlyAdmin(OmoAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Toegangslog)
class ToegangslogAdmin(ReadOnlyAdmin):
    list_display = ("tijdstip", "gebruiker", "object_type", "object_id", "pad", "ip_adres")
    list_filter = (("object_type", admin.RelatedOnlyFieldListFilter),)
    list_select_related = ("gebruiker", "object_type")
    date_hierarchy = "tijdstip"

    def has_view_permission(self, request, obj=None):
        return mag(request.user, "omo.bekijk_audit")


# Notificaties have no admin: their texts are about cases, and nobody needs to browse them all.
