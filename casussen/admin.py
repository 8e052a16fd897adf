"""Beheer (admin) of the reference data of the case pages, for the role `beheerder`.

Case content (Casus, canvas, scenarios, plans, …) is deliberately not registered here: the
beheerder maintains reference data and never sees case content.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from casussen.models import (
    Geldstroom,
    Kostenregel,
    Leefgebied,
    Organisatie,
    Prijs,
    WettelijkeGrondslag,
)
from omo.admin import OmoAdmin
from omo.geld import BedragVeldenAdmin


@admin.register(Leefgebied)
class LeefgebiedAdmin(OmoAdmin):
    list_display = ("naam", "code", "volgorde", "actief")
    list_editable = ("volgorde", "actief")
    list_filter = ("actief",)
    search_fields = ("naam", "code")
    prepopulated_fields = {"code": ("naam",)}


@admin.register(Geldstroom)
class GeldstroomAdmin(OmoAdmin):
    list_display = ("naam", "code", "volgorde", "actief")
    list_editable = ("volgorde", "actief")
    list_filter = ("actief",)
    search_fields = ("naam", "code")
    prepopulated_fields = {"code": ("naam",)}


@admin.register(Organisatie)
class OrganisatieAdmin(OmoAdmin):
    list_display = ("naam", "soort", "actief")
    list_filter = ("soort", "actief")
    search_fields = ("naam",)


@admin.register(WettelijkeGrondslag)
class WettelijkeGrondslagAdmin(OmoAdmin):
    list_display = ("wet", "artikel", "soort", "actief")
    list_filter = ("soort", "actief", "wet")
    search_fields = ("wet", "artikel", "toelichting")
    fields = ("wet", "artikel", "soort", "toelichting", "bron", "actief")

    def get_form(self, request, obj=None, **kwargs):
        kwargs["help_texts"] = {
            "bron": _(
                "De vindplaats van de wettekst op wetten.overheid.nl, met het BWBR-nummer van de "
                "wet (bijv. https://wetten.overheid.nl/BWBR0015703)."
            ),
            "actief": _(
                "Een grondslag die niet meer geldt, zet je op niet-actief in plaats van hem te "
                "verwijderen: scenario's en knelpunten die hem gebruiken, blijven hem tonen."
            ),
        }
        return super().get_form(request, obj, **kwargs)


PRIJS_VELDEN = (
    "item",
    "rekeneenheid",
    "eenheid",
    "prijs",
    "geldstroom",
    "betaler",
    "bron",
    "prijsjaar",
    "geldig_vanaf",
)


@admin.register(Prijs)
class PrijsAdmin(BedragVeldenAdmin, OmoAdmin):
    """A price is versioned: a new price is a new row with a later "geldig vanaf" ("Opslaan als
    nieuw"). Once a cost line uses a price, the row is read-only: a scenario keeps the price it
    was calculated with."""

    bedrag_velden = ("prijs",)
    list_display = (
        "item",
        "rekeneenheid",
        "eenheid",
        "prijs",
        "geldstroom",
        "betaler",
        "prijsjaar",
        "geldig_vanaf",
        "in_gebruik",
    )
    list_filter = ("rekeneenheid", "geldstroom", "betaler", "prijsjaar")
    search_fields = ("item", "eenheid", "bron")
    list_select_related = ("geldstroom",)
    ordering = ("item", "-geldig_vanaf")
    save_as = True
    fields = PRIJS_VELDEN

    def get_queryset(self, request):
        gebruikt = Kostenregel.objects.filter(prijslijstitem=OuterRef("pk"))
        return super().get_queryset(request).annotate(_in_gebruik=Exists(gebruikt))

    @admin.display(boolean=True, description=_("in gebruik"), ordering="_in_gebruik")
    def in_gebruik(self, obj):
        if hasattr(obj, "_in_gebruik"):
            return obj._in_gebruik
        return obj.kostenregels.exists()

    def has_change_permission(self, request, obj=None):
        # A used price is shown read-only, whatever the user's permissions.
        if obj is not None and self.in_gebruik(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self.in_gebruik(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and self.in_gebruik(obj):
            return (*PRIJS_VELDEN, "nieuwe_versie")
        return ()

    def get_fields(self, request, obj=None):
        if obj is not None and self.in_gebruik(obj):
            return (*PRIJS_VELDEN, "nieuwe_versie")
        return PRIJS_VELDEN

    @admin.display(description=_("Alleen-lezen"))
    def nieuwe_versie(self, obj):
        initial = {
            "item": obj.item,
            "rekeneenheid": obj.rekeneenheid,
            "eenheid": obj.eenheid,
            "prijs": obj.prijs,
            "geldstroom": obj.geldstroom_id,
            "betaler": obj.betaler,
            "bron": obj.bron,
            "prijsjaar": obj.prijsjaar,
        }
        url = reverse("admin:casussen_prijs_add") + "?" + urlencode(initial)
        return format_html(
            '{} <a href="{}">{}</a>',
            _(
                "Deze prijs is gebruikt in een of meer kostenregels en kan daarom niet meer "
                "worden gewijzigd of verwijderd: een scenario houdt de prijs waarmee het is "
                "berekend. Een nieuwe prijs is een nieuwe versie met een latere datum "
                "‘geldig vanaf’."
            ),
            url,
            _("Nieuwe versie van deze prijs maken"),
        )

    def get_form(self, request, obj=None, **kwargs):
        kwargs["help_texts"] = {
            "geldig_vanaf": _(
                "Vanaf deze datum geldt deze prijs voor het item. Een nieuwe prijs is een nieuwe "
                "regel met een latere datum (gebruik ‘Opslaan als nieuw’); een prijs die in een "
                "kostenregel is gebruikt, kan niet meer worden gewijzigd."
            ),
            "bron": _(
                "Korte bronvermelding: rapport of regeling, uitgever, jaar en waar mogelijk de URL."
            ),
            "prijsjaar": _("Het jaar waarop het bedrag betrekking heeft (prijspeil)."),
        }
        return super().get_form(request, obj, **kwargs)
