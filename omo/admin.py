"""Beheer (admin) of the shared core, for the role `beheerder`."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from omo.models import Notificatie, Sluitingsdag, Team, Toegangslog, User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    list_display = ("username", "first_name", "last_name", "team", "is_active", "last_login")
    list_filter = ("is_active", "groups", "team")
    list_select_related = ("team",)
    fieldsets = DjangoUserAdmin.fieldsets + (
        (_("OMO"), {"fields": ("team", "functie", "telefoon")}),
    )
    add_fieldsets = DjangoUserAdmin.add_fieldsets + (
        (_("OMO"), {"fields": ("first_name", "last_name", "email", "team", "groups")}),
    )

    def has_delete_permission(self, request, obj=None):
        # Users are deactivated, never deleted: the audit and access logs refer to them.
        return False


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ("naam", "soort", "actief")
    list_filter = ("soort", "actief")
    search_fields = ("naam",)


@admin.register(Sluitingsdag)
class SluitingsdagAdmin(admin.ModelAdmin):
    list_display = ("datum", "omschrijving")
    date_hierarchy = "datum"
    search_fields = ("omschrijving",)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Toegangslog)
class ToegangslogAdmin(ReadOnlyAdmin):
    list_display = ("tijdstip", "gebruiker", "object_type", "object_id", "pad", "ip_adres")
    list_filter = ("object_type",)
    list_select_related = ("gebruiker", "object_type")
    date_hierarchy = "tijdstip"

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("omo.bekijk_audit")


@admin.register(Notificatie)
class NotificatieAdmin(ReadOnlyAdmin):
    list_display = ("aangemaakt_op", "gebruiker", "tekst", "gelezen_op", "gemaild_op")
    list_select_related = ("gebruiker",)
    search_fields = ("tekst", "sleutel")

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser
