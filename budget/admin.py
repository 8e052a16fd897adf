"""Beheer (admin) of the funds and their rules, for the role `beheerder`.

Only the funds are here: money moves through the budget pages (allocations and partner
contributions on a fund's page), never by editing rows; the ledger itself refuses changes. A
fund is never deleted once it exists (its accounts and postings protect it): make it inactive.
"""

from django.contrib import admin

from budget.models import Fonds
from budget.services import grootboek
from omo.admin import OmoAdmin
from omo.geld import BedragVeldenAdmin


@admin.register(Fonds)
class FondsAdmin(BedragVeldenAdmin, OmoAdmin):
    bedrag_velden = ("mandaat", "maximum_per_aanvraag", "direct_grens", "coach_grens")
    list_display = ("naam", "soort", "mandaat", "maximum_per_aanvraag", "direct_grens", "coach_grens",
                    "leningen_toegestaan", "voorfinanciering_toegestaan", "jaareinde", "kostenplaats", "actief")
    list_filter = ("soort", "actief", "jaareinde")
    search_fields = ("naam", "kostenplaats", "grootboeknummer")
    filter_horizontal = ("budgethouders",)
    fieldsets = (
        (None, {"fields": ("naam", "soort", "omschrijving", "budgethouders", "actief")}),
        ("Regels", {"fields": ("mandaat", "maximum_per_aanvraag", "direct_grens", "coach_grens",
                               "leningen_toegestaan", "voorfinanciering_toegestaan", "jaareinde")}),
        ("Financiële administratie", {"fields": ("kostenplaats", "grootboeknummer")}),
    )

    def has_delete_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        grootboek.rekeningen(obj.pk)  # the accounts and balance rows of a new fund
