"""Casussen: the case, its canvas, scenarios (waardendriehoek), doorbraakplan and monitoring,
plus the reference data they use (DESIGN §3, §4, §10).

Privacy by design: a household is described only by a pseudonym, its composition and the
dossier number in the regular system. There is no field for a BSN, a name or an address.

State changes go through `casussen.services`; the status of a case is never edited directly.
"""

from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from omo.history import tracked

# --- Reference data --------------------------------------------------------------------------


@tracked()
class Leefgebied(models.Model):
    """A life domain (DESIGN §13), also the rows of the self-sufficiency scores."""

    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True
    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"code"}

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=80, unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("leefgebied")
        verbose_name_plural = _("leefgebieden")
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


@tracked()
class Geldstroom(models.Model):
    """The budget stream a cost falls in (Wmo, Jeugdwet, Participatiewet, …)."""

    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True
    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"code"}

    code = models.SlugField(_("code"), max_length=40, unique=True)
    naam = models.CharField(_("naam"), max_length=80, unique=True)
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("geldstroom")
        verbose_name_plural = _("geldstromen")
        ordering = ["volgorde", "naam"]

    def __str__(self):
        return self.naam


@tracked()
class Organisatie(models.Model):
    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True

    class Soort(models.TextChoices):
        GEMEENTELIJK = "gemeentelijk", _("Gemeentelijk")
        LOKAAL = "lokaal", _("Lokale partner")
        LANDELIJK = "landelijk", _("Landelijke uitvoeringsorganisatie")

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


@tracked()
class WettelijkeGrondslag(models.Model):
    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True

    class Soort(models.TextChoices):
        BEVOEGDHEID = "bevoegdheid", _("Bevoegdheid")
        HARDHEIDSCLAUSULE = "hardheidsclausule", _("Hardheidsclausule")
        AFWIJKINGSBEVOEGDHEID = "afwijkingsbevoegdheid", _("Afwijkingsbevoegdheid")
        BELEIDSREGEL = "beleidsregel", _("Beleidsregel")
        MAATWERKBEPALING = "maatwerkbepaling", _("Maatwerkbepaling")

    wet = models.CharField(_("wet of regeling"), max_length=160)
    artikel = models.CharField(_("artikel"), max_length=60)
    soort = models.CharField(_("soort"), max_length=30, choices=Soort.choices)
    toelichting = models.TextField(_("wanneer helpt het"))
    bron = models.CharField(_("bron"), max_length=300, blank=True)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("wettelijke grondslag")
        verbose_name_plural = _("wettelijke grondslagen")
        ordering = ["wet", "artikel"]
        constraints = [
            models.UniqueConstraint(fields=["wet", "artikel"], name="grondslag_wet_artikel_uniek")
        ]

    def __str__(self):
        return f"{self.wet} art. {self.artikel}"


class Eenheid(models.TextChoices):
    """The units of the price list and of a cost line (see casussen.rendement for how each counts).

    Eenmalig, per uur and per stuk are a quantity (aantal × prijs, once); per dag, per week, per
    maand and per jaar are a rate that runs for the months of the line inside the horizon.
    """

    EENMALIG = "eenmalig", _("Eenmalig")
    PER_DAG = "per_dag", _("Per dag")
    PER_WEEK = "per_week", _("Per week")
    PER_MAAND = "per_maand", _("Per maand")
    PER_JAAR = "per_jaar", _("Per jaar")
    PER_UUR = "per_uur", _("Per uur")
    PER_STUK = "per_stuk", _("Per stuk")


class Betaler(models.TextChoices):
    """Who pays a cost (and so who gains when it is avoided)."""

    GEMEENTE = "gemeente", _("Gemeente")
    WONINGCORPORATIE = "woningcorporatie", _("Woningcorporatie")
    ZORGVERZEKERAAR = "zorgverzekeraar", _("Zorgverzekeraar")
    RIJK = "rijk", _("Rijk / uitvoeringsorganisatie")
    OVERIG = "overig", _("Overig")


@tracked()
class Prijs(models.Model):
    """One version of an item of the maatschappelijke prijslijst.

    A new price is a new row with a later `geldig_vanaf`; rows are never changed once used, and a
    cost line keeps a copy of the price it was calculated with.
    """

    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True

    item = models.CharField(_("item"), max_length=160)
    rekeneenheid = models.CharField(
        _("rekeneenheid"), max_length=12, choices=Eenheid.choices,
        help_text=_("Hoe een kostenregel met dit item telt: eenmalig, per dag, week, maand of jaar, of per uur of stuk."),
    )
    eenheid = models.CharField(
        _("eenheid (toelichting)"), max_length=60, blank=True,
        help_text=_("Wat de eenheid precies is, als dat meer zegt dan de rekeneenheid (bijv. ‘per leerling per jaar’)."),
    )
    prijs = models.DecimalField(
        _("prijs"), max_digits=12, decimal_places=2, validators=[MinValueValidator(Decimal("0"))]
    )
    geldstroom = models.ForeignKey(
        Geldstroom, verbose_name=_("geldstroom"), on_delete=models.PROTECT, related_name="+"
    )
    betaler = models.CharField(_("standaard betaler"), max_length=20, choices=Betaler.choices)
    bron = models.CharField(_("bron"), max_length=300)
    prijsjaar = models.PositiveSmallIntegerField(_("prijsjaar"))
    geldig_vanaf = models.DateField(_("geldig vanaf"))

    class Meta:
        verbose_name = _("prijs")
        verbose_name_plural = _("maatschappelijke prijslijst")
        ordering = ["item", "-geldig_vanaf"]
        constraints = [
            models.UniqueConstraint(fields=["item", "geldig_vanaf"], name="prijs_item_versie_uniek"),
            models.CheckConstraint(condition=Q(prijs__gte=0), name="prijs_niet_negatief"),
            models.CheckConstraint(condition=Q(rekeneenheid__in=Eenheid.values), name="prijs_rekeneenheid_bekend"),
        ]

    def __str__(self):
        return f"{self.item} ({self.eenheid_tekst}, {self.prijsjaar})"

    @property
    def eenheid_tekst(self) -> str:
        """The unit as the price list says it: the text where it says more, else the unit."""
        return self.eenheid or str(self.get_rekeneenheid_display()).lower()


# --- The case --------------------------------------------------------------------------------


class Status(models.TextChoices):
    """The maatwerkreis (DESIGN §3). Transitions live in `casussen.workflow`."""

    AANGEMELD = "aangemeld", _("Aangemeld")
    IN_VOORBEREIDING = "in_voorbereiding", _("In voorbereiding")
    GEAGENDEERD = "geagendeerd", _("Geagendeerd")
    BESPROKEN = "besproken", _("Besproken")
    GEESCALEERD = "geescaleerd", _("Geëscaleerd")
    BESLOTEN = "besloten", _("Besloten")
    IN_UITVOERING = "in_uitvoering", _("In uitvoering")
    MONITORING = "monitoring", _("Monitoring")
    AFGESLOTEN = "afgesloten", _("Afgesloten")
    # Registered by mistake (a duplicate, not an OMO case): keeps its timeline, counts nowhere.
    VERVALLEN = "vervallen", _("Vervallen")


# Statuses after which nothing changes on a case any more.
EINDSTATUSSEN = (Status.AFGESLOTEN, Status.VERVALLEN)


@tracked(exclude=["zoekvector"])
class Casus(models.Model):
    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"code"}
    # How the access log names a case: its code, never the title (`omo.audit.label`).
    LOGBOEK_LABEL_VELD = "code"

    class Bron(models.TextChoices):
        KCC = "kcc", _("KCC / klantcontactcentrum")
        WIJKTEAM = "wijkteam", _("Wijkteam")
        PARTNER = "partner", _("Partner")
        MAATWERKREGISTER = "maatwerkregister", _("Landelijk Maatwerkregister")
        INWONER = "inwoner", _("Inwoner zelf")
        OVERIG = "overig", _("Overig")

    class Urgentie(models.TextChoices):
        NORMAAL = "normaal", _("Normaal")
        HOOG = "hoog", _("Hoog")
        ACUUT = "acuut", _("Acuut")

    class Route(models.TextChoices):
        EIGEN_TEAM = "eigen_team", _("Eigen team")
        MAATWERKCOACH = "maatwerkcoach", _("Maatwerkcoach")
        ESCALATIEROUTE = "escalatieroute", _("Eigen escalatieroute")

    class Toestemming(models.TextChoices):
        JA = "ja", _("Ja")
        NEE = "nee", _("Nee")
        ANONIEM = "anoniem", _("Anoniem inbrengen")

    code = models.CharField(_("code"), max_length=20, unique=True, editable=False)
    jaar = models.PositiveSmallIntegerField(editable=False)
    volgnummer = models.PositiveIntegerField(editable=False)
    titel = models.CharField(
        _("korte titel"),
        max_length=120,
        help_text=_("Waar gaat het over, zonder namen (bijv. 'Dreigende huisuitzetting na psychose')."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.AANGEMELD, editable=False
    )
    status_sinds = models.DateTimeField(_("status sinds"), editable=False)

    casushouder = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("casushouder"),
        on_delete=models.PROTECT,
        related_name="casussen",
    )
    medebehandelaars = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("medebehandelaars"),
        related_name="gedeelde_casussen",
        blank=True,
    )
    team = models.ForeignKey(
        "omo.Team", verbose_name=_("team"), on_delete=models.PROTECT, related_name="casussen"
    )
    bron = models.CharField(_("bron van het signaal"), max_length=20, choices=Bron.choices)
    datum_signaal = models.DateField(_("datum van het signaal"))
    leefgebieden = models.ManyToManyField(
        Leefgebied, verbose_name=_("leefgebieden"), related_name="casussen"
    )
    organisaties = models.ManyToManyField(
        Organisatie, verbose_name=_("betrokken organisaties"), related_name="casussen", blank=True
    )
    urgentie = models.CharField(
        _("urgentie"), max_length=10, choices=Urgentie.choices, default=Urgentie.NORMAAL
    )
    urgentie_toelichting = models.TextField(_("waarom deze urgentie"), blank=True)
    reguliere_routes = ArrayField(
        models.CharField(max_length=20, choices=Route.choices),
        verbose_name=_("geprobeerde reguliere routes"),
        default=list,
    )
    reguliere_routes_toelichting = models.TextField(
        _("wat is er via de reguliere route geprobeerd"), blank=True
    )
    toestemming = models.CharField(
        _("toestemming om informatie te delen"), max_length=10, choices=Toestemming.choices
    )
    pseudoniem = models.CharField(
        _("pseudoniem van het huishouden"),
        max_length=60,
        help_text=_("Een verzonnen naam, bijv. 'Familie Linde'. Nooit de echte naam."),
    )
    volwassenen = models.PositiveSmallIntegerField(
        _("aantal volwassenen"), validators=[MaxValueValidator(20)]
    )
    leeftijden_kinderen = ArrayField(
        models.PositiveSmallIntegerField(validators=[MaxValueValidator(30)]),
        verbose_name=_("leeftijden van de kinderen"),
        default=list,
        blank=True,
    )
    dossiernummer = models.CharField(
        _("dossiernummer in het regulier systeem"), max_length=40, blank=True
    )

    # Written when the case is closed: the only text the inspiratie search shows.
    uitkomst = models.TextField(_("uitkomst"), blank=True)
    samenvatting_oplossing = models.TextField(
        _("geanonimiseerde samenvatting van de oplossing"), blank=True
    )
    afgesloten_op = models.DateTimeField(_("afgesloten op"), null=True, blank=True, editable=False)

    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    zoekvector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-jaar", "-volgnummer"]
        constraints = [
            models.UniqueConstraint(fields=["jaar", "volgnummer"], name="casus_jaar_volgnummer_uniek"),
            models.CheckConstraint(condition=Q(volgnummer__gte=1), name="casus_volgnummer_positief"),
        ]
        indexes = [
            GinIndex(fields=["zoekvector"], name="casus_zoekvector_gin"),
            # The inspiratie search reads only the anonymised summary of closed cases.
            GinIndex(
                SearchVector("samenvatting_oplossing", config="dutch"),
                condition=Q(status="afgesloten"),
                name="casus_inspiratie_gin",
            ),
            models.Index(fields=["status", "-aangemaakt_op"], name="casus_status_idx"),
            models.Index(fields=["casushouder", "status"], name="casus_casushouder_idx"),
            models.Index(fields=["team", "status"], name="casus_team_idx"),
            models.Index(fields=["datum_signaal"], name="casus_datum_idx"),
            models.Index(fields=["urgentie"], name="casus_urgentie_idx"),
            models.Index(fields=["-aangemaakt_op"], name="casus_aangemaakt_idx"),
            # Reports: cases closed in a period, and open at its end.
            models.Index(fields=["afgesloten_op"], condition=Q(afgesloten_op__isnull=False), name="casus_afgesloten_idx"),
            models.Index(fields=["datum_signaal"], condition=Q(afgesloten_op__isnull=True), name="casus_open_datum_idx"),
            # The open cases that count in the figures (not vervallen), counted from the index
            # alone: `open_aan_einde` over ten years without reading a case row.
            models.Index(fields=["datum_signaal"], condition=Q(afgesloten_op__isnull=True) & ~Q(status="vervallen"),
                         name="casus_open_telt_idx"),
        ]

    def __str__(self):
        return f"{self.code} {self.titel}"

    @property
    def aantal_kinderen(self) -> int:
        return len(self.leeftijden_kinderen or [])

    @property
    def is_open(self) -> bool:
        return self.status not in EINDSTATUSSEN

    @property
    def is_vervallen(self) -> bool:
        return self.status == Status.VERVALLEN

    def get_reguliere_routes_display(self) -> list[str]:
        labels = dict(self.Route.choices)
        return [str(labels.get(r, r)) for r in self.reguliere_routes or []]

    def is_betrokkene(self, user) -> bool:
        """Casushouder or medebehandelaar (uses prefetched medebehandelaars when present)."""
        if not getattr(user, "is_authenticated", False):
            return False
        if self.casushouder_id == user.pk:
            return True
        cache = getattr(self, "_prefetched_objects_cache", {})
        if "medebehandelaars" in cache:
            return any(u.pk == user.pk for u in cache["medebehandelaars"])
        return self.medebehandelaars.filter(pk=user.pk).exists()


@tracked()
class Canvas(models.Model):
    """The maatwerk canvas of a case (DESIGN §4): one row per case, saved section by section."""

    class Betrokken(models.TextChoices):
        JA = "ja", _("Ja, het huishouden is betrokken")
        DEELS = "deels", _("Deels")
        NEE = "nee", _("Nee, nog niet")

    casus = models.OneToOneField(Casus, on_delete=models.CASCADE, related_name="canvas")
    # Situatie
    aan_de_hand = models.TextField(_("Wat is er aan de hand?"), blank=True)
    wil_inwoner = models.TextField(_("Wat wil de inwoner zelf bereiken (in eigen woorden)?"), blank=True)
    eerst_oplossen = models.TextField(
        _("Wat moet volgens het huishouden als eerste worden opgelost?"), blank=True
    )
    helpt_nu = models.TextField(_("Wat helpt in de huidige ondersteuning?"), blank=True)
    # Knelpunt
    knelpunt = models.TextField(
        _("Welke regel, welk systeem of welke partij blokkeert, en waarom kun je het zelf niet oplossen?"),
        blank=True,
    )
    # Niets doen
    niets_doen_kort = models.TextField(_("Wat gebeurt er als we niets doen, op korte termijn?"), blank=True)
    niets_doen_lang = models.TextField(_("En op lange termijn?"), blank=True)
    # De vier vragen
    vraag_bereiken = models.TextField(
        _("Wat wil de inwoner samen met de gemeente bereiken?"), blank=True
    )
    vraag_grondwaarde = models.TextField(
        _("Kunnen we ondersteunen vanuit de bedoeling (grondwaarde) van de wet?"), blank=True
    )
    vraag_ethisch = models.TextField(_("Is de oplossing ethisch verantwoord?"), blank=True)
    vraag_juridisch = models.TextField(_("Wat zijn de juridische randvoorwaarden?"), blank=True)
    # Betrokkenheid (praten mét, niet over)
    huishouden_betrokken = models.CharField(
        _("Is het huishouden betrokken?"), max_length=10, choices=Betrokken.choices, blank=True
    )
    niet_betrokken_waarom = models.TextField(_("Zo niet: waarom niet?"), blank=True)
    later_betrekken = models.TextField(_("En hoe wordt het huishouden later betrokken?"), blank=True)

    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("maatwerkcanvas")
        verbose_name_plural = _("maatwerkcanvassen")

    def __str__(self):
        return f"Canvas {self.casus_id}"


class CanvasConcept(models.Model):
    """Text typed in a canvas section but not yet saved: kept on the server, never in the browser.

    One row per case, section and user; autosave overwrites it (it is a draft, not a record), a
    real save writes the canvas and deletes the concept.
    """

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"sectie"}

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="canvasconcepten")
    sectie = models.CharField(max_length=30)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    data = models.JSONField(default=dict)
    opgeslagen_op = models.DateTimeField()

    class Meta:
        verbose_name = _("canvasconcept")
        verbose_name_plural = _("canvasconcepten")
        constraints = [
            models.UniqueConstraint(
                fields=["casus", "sectie", "gebruiker"], name="canvasconcept_uniek"
            )
        ]

    def __str__(self):
        return f"Concept {self.sectie} ({self.casus_id})"


# --- Scenarios and cost lines ----------------------------------------------------------------


@tracked()
class Scenario(models.Model):
    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="scenarios")
    titel = models.CharField(_("titel"), max_length=120)
    beschrijving = models.TextField(_("beschrijving van de oplossing"))
    # Betrokkenheid
    perspectief_inwoner = models.TextField(_("perspectief en inzet van de inwoner"), blank=True)
    eigen_bijdrage = models.TextField(_("eigen bijdrage"), blank=True)
    netwerk = models.TextField(_("netwerk"), blank=True)
    past_in_kaders = models.BooleanField(
        _("past binnen bestaande kaders"),
        default=False,
        help_text=_("Aanvinken als de oplossing binnen de bestaande regels en budgetten past."),
    )
    partners = models.ManyToManyField(
        Organisatie, verbose_name=_("benodigde partners"), related_name="scenarios", blank=True
    )
    grondslagen = models.ManyToManyField(
        WettelijkeGrondslag, through="ScenarioGrondslag", related_name="scenarios", blank=True
    )
    gekozen = models.BooleanField(_("gekozen"), default=False, editable=False)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenario's")
        ordering = ["aangemaakt_op", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus"], condition=Q(gekozen=True), name="scenario_een_gekozen_per_casus"
            )
        ]

    def __str__(self):
        return self.titel


@tracked()
class ScenarioGrondslag(models.Model):
    """Legitimiteit: a legal basis a scenario rests on, with why it applies here."""

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="legitimiteit")
    grondslag = models.ForeignKey(
        WettelijkeGrondslag, verbose_name=_("grondslag"), on_delete=models.PROTECT, related_name="+"
    )
    motivatie = models.TextField(_("motivatie"))

    class Meta:
        verbose_name = _("grondslag van een scenario")
        verbose_name_plural = _("grondslagen van scenario's")
        constraints = [
            models.UniqueConstraint(fields=["scenario", "grondslag"], name="scenariogrondslag_uniek"),
            models.CheckConstraint(condition=~Q(motivatie=""), name="scenariogrondslag_motivatie"),
        ]

    def __str__(self):
        return f"{self.grondslag}: {self.motivatie[:60]}"


class Situatie(models.TextChoices):
    HUIDIG = "huidig", _("Huidige situatie")
    DREIGEND = "dreigend", _("Dreigend scenario")
    DOORBRAAK = "doorbraak", _("Met doorbraak")


@tracked()
class Kostenregel(models.Model):
    """One line of the rendement: price × quantity (× the time it runs), in one situation.

    `prijs` is a copy taken when the line was made, so a later price change does not change a
    scenario; `frequentie` is the unit of that price (`Eenheid`; a line from a price-list item
    takes the item's unit). Month 1 is the first month of the horizon. For *dreigend* lines
    `kans` is the probability (0–100 %) that the cost happens. How a line counts:
    casussen.rendement.
    """

    scenario = models.ForeignKey(Scenario, on_delete=models.CASCADE, related_name="kostenregels")
    situatie = models.CharField(_("situatie"), max_length=10, choices=Situatie.choices)
    prijslijstitem = models.ForeignKey(
        Prijs,
        verbose_name=_("item uit de prijslijst"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="kostenregels",
    )
    omschrijving = models.CharField(_("omschrijving"), max_length=200)
    prijs = models.DecimalField(_("prijs per eenheid"), max_digits=12, decimal_places=2)
    aantal = models.DecimalField(_("aantal"), max_digits=10, decimal_places=2, default=Decimal("1"))
    frequentie = models.CharField(_("eenheid"), max_length=12, choices=Eenheid.choices)
    startmaand = models.PositiveSmallIntegerField(
        _("startmaand"), default=1, validators=[MinValueValidator(1), MaxValueValidator(120)]
    )
    duur_maanden = models.PositiveSmallIntegerField(
        _("duur in maanden"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("Leeg bij kosten per dag, week, maand of jaar: lopen door tot het einde van de horizon."),
    )
    geldstroom = models.ForeignKey(
        Geldstroom, verbose_name=_("geldstroom"), on_delete=models.PROTECT, related_name="+"
    )
    betaler = models.CharField(_("betaler"), max_length=20, choices=Betaler.choices)
    kans = models.DecimalField(
        _("kans (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("100"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("kostenregel")
        verbose_name_plural = _("kostenregels")
        ordering = ["situatie", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(prijs__gte=0), name="kostenregel_prijs_niet_negatief"),
            models.CheckConstraint(condition=Q(aantal__gte=0), name="kostenregel_aantal_niet_negatief"),
            models.CheckConstraint(
                condition=Q(kans__gte=0) & Q(kans__lte=100), name="kostenregel_kans_0_100"
            ),
            models.CheckConstraint(condition=Q(startmaand__gte=1), name="kostenregel_startmaand"),
            models.CheckConstraint(condition=Q(frequentie__in=Eenheid.values), name="kostenregel_eenheid_bekend"),
        ]

    def __str__(self):
        return f"{self.get_situatie_display()}: {self.omschrijving}"


# --- Decision, plan and monitoring -----------------------------------------------------------


@tracked()
class Besluit(models.Model):
    """A decision about a case (akkoord or afgewezen), always with motivation, who and level."""

    class Uitkomst(models.TextChoices):
        AKKOORD = "akkoord", _("Akkoord")
        AFGEWEZEN = "afgewezen", _("Afgewezen")

    class Niveau(models.IntegerChoices):
        OMO = 1, _("OMO-overleg / OMO-functionaris")
        PORTEFEUILLEHOUDER = 2, _("Portefeuillehouder")
        COLLEGE = 3, _("College van B&W")
        LANDELIJK = 4, _("Landelijk Escalatie Team")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="besluiten")
    uitkomst = models.CharField(_("besluit"), max_length=10, choices=Uitkomst.choices)
    scenario = models.ForeignKey(
        Scenario,
        verbose_name=_("gekozen scenario"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="besluiten",
    )
    motivatie = models.TextField(_("motivatie"))
    niveau = models.PositiveSmallIntegerField(_("niveau"), choices=Niveau.choices, default=Niveau.OMO)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    besloten_op = models.DateTimeField(_("besloten op"), auto_now_add=True)

    class Meta:
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")
        ordering = ["-besloten_op"]
        constraints = [
            models.CheckConstraint(condition=~Q(motivatie=""), name="besluit_motivatie_verplicht"),
            models.CheckConstraint(
                condition=~Q(uitkomst="akkoord") | Q(scenario__isnull=False),
                name="besluit_akkoord_met_scenario",
            ),
        ]
        # Reports: the first akkoord of a case, and the akkoorden of a period.
        indexes = [
            models.Index(fields=["casus", "besloten_op"], condition=Q(uitkomst="akkoord"), name="besluit_akkoord_casus_idx"),
            models.Index(fields=["besloten_op"], condition=Q(uitkomst="akkoord"), name="besluit_akkoord_op_idx"),
        ]

    def __str__(self):
        return f"{self.get_uitkomst_display()} ({self.get_niveau_display()})"


@tracked()
class Doorbraakplan(models.Model):
    """1Gezin1Plan1Regisseur: the chosen scenario made concrete (DESIGN §3 step 7)."""

    casus = models.OneToOneField(Casus, on_delete=models.CASCADE, related_name="plan")
    scenario = models.ForeignKey(Scenario, on_delete=models.PROTECT, related_name="+")
    doel = models.TextField(_("concreet doel"))
    regisseur = models.CharField(
        _("regisseur"), max_length=120, help_text=_("Wie houdt de regie (naam en organisatie)?")
    )
    besproken_met_inwoner = models.BooleanField(_("plan besproken met de inwoner"), default=False)
    niet_besproken_waarom = models.TextField(_("zo niet: waarom niet"), blank=True)
    betrekken_hoe = models.TextField(_("en hoe wordt de inwoner betrokken"), blank=True)
    startdatum = models.DateField(_("startdatum"))
    monitoring_maanden = models.PositiveSmallIntegerField(
        _("monitoringperiode (maanden)"),
        default=12,
        validators=[MinValueValidator(6), MaxValueValidator(12)],
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("doorbraakplan")
        verbose_name_plural = _("doorbraakplannen")
        constraints = [
            models.CheckConstraint(
                condition=Q(monitoring_maanden__gte=6) & Q(monitoring_maanden__lte=12),
                name="plan_monitoring_6_12",
            ),
            models.CheckConstraint(
                condition=Q(besproken_met_inwoner=True) | ~Q(niet_besproken_waarom=""),
                name="plan_niet_besproken_waarom",
            ),
        ]

    def __str__(self):
        return f"Doorbraakplan {self.casus_id}"


@tracked()
class Actie(models.Model):
    plan = models.ForeignKey(Doorbraakplan, on_delete=models.CASCADE, related_name="acties")
    omschrijving = models.CharField(_("actie"), max_length=300)
    eigenaar = models.CharField(_("eigenaar"), max_length=120)
    deadline = models.DateField(_("uiterlijk op"))
    gereed = models.BooleanField(_("gereed"), default=False)
    gereed_op = models.DateTimeField(_("gereed op"), null=True, blank=True)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["deadline", "pk"]

    def __str__(self):
        return self.omschrijving


@tracked()
class Evaluatie(models.Model):
    """An evaluation moment of the plan (default at 3, 6 and 12 months), and its outcome."""

    class Uitkomst(models.TextChoices):
        DOORGAAN = "doorgaan", _("Doorgaan")
        AANPASSEN = "aanpassen", _("Aanpassen")
        AFRONDEN = "afronden", _("Afronden")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="evaluaties")
    plan = models.ForeignKey(Doorbraakplan, on_delete=models.CASCADE, related_name="evaluaties")
    maand = models.PositiveSmallIntegerField(_("na maanden"))
    gepland_op = models.DateField(_("gepland op"))
    uitkomst = models.CharField(_("uitkomst"), max_length=10, choices=Uitkomst.choices, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    uitgevoerd_op = models.DateTimeField(_("vastgelegd op"), null=True, blank=True)
    uitgevoerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("evaluatie")
        verbose_name_plural = _("evaluaties")
        ordering = ["gepland_op", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "maand"], name="evaluatie_plan_maand_uniek"),
            models.CheckConstraint(
                condition=Q(uitkomst="") | Q(uitgevoerd_op__isnull=False),
                name="evaluatie_uitkomst_met_datum",
            ),
        ]
        indexes = [
            models.Index(
                fields=["gepland_op"],
                condition=Q(uitkomst=""),
                name="evaluatie_open_idx",
            ),
            # Reports: the evaluations recorded in a period.
            models.Index(fields=["uitgevoerd_op"], condition=~Q(uitkomst=""), name="evaluatie_uitgevoerd_idx"),
        ]

    def __str__(self):
        return ngettext("Evaluatie na %(n)s maand", "Evaluatie na %(n)s maanden", self.maand) % {"n": self.maand}


@tracked()
class Zelfredzaamheid(models.Model):
    """A 1–5 self-sufficiency score for one leefgebied, at intake (no evaluation) or at an
    evaluation, in the style of the Zelfredzaamheid-Matrix:
    1 acute problematiek, 2 niet zelfredzaam, 3 beperkt zelfredzaam, 4 voldoende, 5 volledig."""

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="scores")
    evaluatie = models.ForeignKey(
        Evaluatie, on_delete=models.CASCADE, null=True, blank=True, related_name="scores"
    )
    leefgebied = models.ForeignKey(Leefgebied, on_delete=models.PROTECT, related_name="+")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    vastgelegd_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("zelfredzaamheidsscore")
        verbose_name_plural = _("zelfredzaamheidsscores")
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=1) & Q(score__lte=5), name="zelfredzaamheid_1_5"
            ),
            models.UniqueConstraint(
                fields=["casus", "leefgebied"],
                condition=Q(evaluatie__isnull=True),
                name="zelfredzaamheid_intake_uniek",
            ),
            models.UniqueConstraint(
                fields=["evaluatie", "leefgebied"],
                condition=Q(evaluatie__isnull=False),
                name="zelfredzaamheid_evaluatie_uniek",
            ),
        ]

    def __str__(self):
        return f"{self.leefgebied}: {self.score}"


@tracked()
class Knelpunt(models.Model):
    """What blocked this case: the raw material for patterns (DESIGN §9)."""

    class Soort(models.TextChoices):
        WET_REGEL = "wet_regel", _("Wet of regel")
        PROCES = "proces", _("Proces of systeem")
        AANBOD = "aanbod", _("Aanbod ontbreekt")
        SAMENWERKING = "samenwerking", _("Samenwerking of visie")

    casus = models.ForeignKey(Casus, on_delete=models.CASCADE, related_name="knelpunten")
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    organisatie = models.ForeignKey(
        Organisatie,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knelpunten",
    )
    grondslag = models.ForeignKey(
        WettelijkeGrondslag,
        verbose_name=_("wettelijke grondslag"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="knelpunten",
    )
    regel = models.CharField(
        _("regel of systeem"), max_length=200, blank=True, help_text=_("Als er geen grondslag in de lijst staat.")
    )
    beschrijving = models.TextField(_("beschrijving"))
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("knelpunt")
        verbose_name_plural = _("knelpunten")
        ordering = ["aangemaakt_op", "pk"]
        indexes = [
            models.Index(fields=["soort", "organisatie", "grondslag"], name="knelpunt_groep_idx")
        ]

    def __str__(self):
        return f"{self.get_soort_display()}: {self.beschrijving[:60]}"


class TijdlijnEvent(models.Model):
    """One step of the maatwerkreis. Append-only: the database refuses update and delete."""

    class Soort(models.TextChoices):
        STATUS = "status", _("Status")
        CANVAS = "canvas", _("Canvas")
        SCENARIO = "scenario", _("Scenario")
        BESLUIT = "besluit", _("Besluit")
        PLAN = "plan", _("Doorbraakplan")
        EVALUATIE = "evaluatie", _("Evaluatie")
        KNELPUNT = "knelpunt", _("Knelpunt")
        GELD = "geld", _("Geld uit een fonds")
        OVERIG = "overig", _("Overig")

    casus = models.ForeignKey(Casus, on_delete=models.PROTECT, related_name="tijdlijn")
    soort = models.CharField(max_length=12, choices=Soort.choices)
    tijdstip = models.DateTimeField(db_index=False)
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    van_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    naar_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    omschrijving = models.CharField(max_length=300)
    toelichting = models.TextField(blank=True)

    class Meta:
        verbose_name = _("tijdlijngebeurtenis")
        verbose_name_plural = _("tijdlijn")
        ordering = ["tijdstip", "pk"]
        indexes = [models.Index(fields=["casus", "tijdstip"], name="tijdlijn_casus_idx")]
        triggers = [
            pgtrigger.Protect(
                name="tijdlijn_alleen_toevoegen", operation=pgtrigger.Update | pgtrigger.Delete
            )
        ]

    def __str__(self):
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.omschrijving}"
