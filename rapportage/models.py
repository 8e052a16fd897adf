"""Reports and learning (DESIGN §9): knelpunt groups and structurele signalen, patronen, and the
quarterly (or any-period) report with its frozen figures and its unchangeable PDFs."""

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from omo.history import tracked

# A group of knelpunten becomes a structureel signaal when it spans this many cases.
SIGNAAL_DREMPEL = 3


class Knelpuntgroep(models.Model):
    """Knelpunten of different cases that are the same blockage.

    Automatic groups share kind, organisation and legal basis or rule (`sleutel`); the
    OMO-functionaris can also move a knelpunt into another group (`KnelpuntIndeling.handmatig`).
    `aantal_casussen` is kept by `rapportage.services.signalen` under a row lock, so the
    dashboard reads signals without counting every knelpunt again.
    """

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"sleutel", "soort"}

    sleutel = models.CharField(max_length=400, unique=True, editable=False)
    soort = models.CharField(_("soort"), max_length=20)
    organisatie = models.ForeignKey(
        "casussen.Organisatie", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    grondslag = models.ForeignKey(
        "casussen.WettelijkeGrondslag", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    regel = models.CharField(_("regel of systeem"), max_length=200, blank=True)
    aantal_casussen = models.PositiveIntegerField(default=0, editable=False)
    signaal_sinds = models.DateTimeField(_("structureel signaal sinds"), null=True, blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("knelpuntgroep")
        verbose_name_plural = _("knelpuntgroepen")
        ordering = ["-aantal_casussen", "pk"]
        indexes = [
            models.Index(
                fields=["-aantal_casussen"],
                condition=Q(signaal_sinds__isnull=False),
                name="knelpuntgroep_signaal_idx",
            )
        ]

    def __str__(self):
        return self.sleutel

    @property
    def is_signaal(self) -> bool:
        return self.signaal_sinds is not None


class KnelpuntIndeling(models.Model):
    """Which group a knelpunt belongs to: by its key, or linked by the OMO-functionaris."""

    knelpunt = models.OneToOneField("casussen.Knelpunt", on_delete=models.CASCADE, related_name="indeling")
    groep = models.ForeignKey(Knelpuntgroep, on_delete=models.PROTECT, related_name="leden")
    handmatig = models.BooleanField(default=False)
    gekoppeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gekoppeld_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("indeling van een knelpunt")
        verbose_name_plural = _("indelingen van knelpunten")

    def __str__(self):
        return f"{self.knelpunt_id} → {self.groep_id}"


@tracked()
class Patroon(models.Model):
    """A structural problem taken up by beleid: the werktafel of the sources."""

    class Fase(models.TextChoices):
        VASTSTELLEN = "vaststellen", _("Vaststellen")
        DIAGNOSE = "diagnose", _("Diagnose")
        OPLOSSINGEN = "oplossingen", _("Oplossingen")
        BESLUIT = "besluit", _("Besluit")
        INGEVOERD = "ingevoerd", _("Ingevoerd")

    titel = models.CharField(_("titel"), max_length=160)
    beschrijving = models.TextField(_("beschrijving"))
    eigenaar = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("eigenaar"), on_delete=models.PROTECT, related_name="patronen"
    )
    fase = models.CharField(_("fase"), max_length=12, choices=Fase.choices, default=Fase.VASTSTELLEN)
    fase_sinds = models.DateTimeField(_("fase sinds"))
    knelpunten = models.ManyToManyField(
        "casussen.Knelpunt", verbose_name=_("knelpunten"), related_name="patronen", blank=True
    )
    besluit = models.TextField(_("besluit"), blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_op = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("patroon")
        verbose_name_plural = _("patronen")
        ordering = ["-gewijzigd_op", "-pk"]
        indexes = [
            models.Index(fields=["fase", "-gewijzigd_op"], name="patroon_fase_idx"),
            models.Index(fields=["eigenaar", "-gewijzigd_op"], name="patroon_eigenaar_idx"),
        ]

    def __str__(self):
        return self.titel


# The narrative sections of a report, in the order of the PDF. All are required to finalise.
SECTIES = (
    ("samenvatting", _("Samenvatting")),
    ("bevindingen", _("Bevindingen")),
    ("leerpunten", _("Leerpunten")),
    ("signalen", _("Signalen voor beleid")),
    ("aanbevelingen", _("Aanbevelingen")),
)


@tracked()
class Rapport(models.Model):
    """A report over a period: the quarterly report for the College, or any period (the pilot's
    end report). Its figures are frozen in `cijfers` when it is made; the OMO-functionaris writes
    the sections; once definitief the database refuses every change, and a correction is a new
    version (`vorige`) that keeps the old one."""

    class Soort(models.TextChoices):
        KWARTAAL = "kwartaal", _("Kwartaalrapportage")
        PERIODE = "periode", _("Rapportage over een periode")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        DEFINITIEF = "definitief", _("Definitief")

    soort = models.CharField(_("soort"), max_length=10, choices=Soort.choices)
    titel = models.CharField(_("titel"), max_length=160)
    van = models.DateField(_("van"))
    tot = models.DateField(_("tot en met"))
    versie = models.PositiveSmallIntegerField(_("versie"), default=1)
    vorige = models.OneToOneField(
        "self", verbose_name=_("vorige versie"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="correctie",
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.CONCEPT)

    cijfers = models.JSONField(_("cijfers"), default=dict, editable=False)
    cijfers_op = models.DateTimeField(_("cijfers vastgelegd op"))

    samenvatting = models.TextField(_("samenvatting"), blank=True)
    bevindingen = models.TextField(_("bevindingen"), blank=True)
    leerpunten = models.TextField(_("leerpunten"), blank=True)
    signalen = models.TextField(_("signalen voor beleid"), blank=True)
    aanbevelingen = models.TextField(_("aanbevelingen"), blank=True)

    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    gewijzigd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    gewijzigd_op = models.DateTimeField(auto_now=True)
    definitief_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    definitief_op = models.DateTimeField(_("definitief gemaakt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapportage")
        verbose_name_plural = _("rapportages")
        ordering = ["-tot", "-van", "-versie"]
        constraints = [
            models.UniqueConstraint(fields=["soort", "van", "tot", "versie"], name="rapport_periode_versie_uniek"),
            models.UniqueConstraint(
                fields=["soort", "van", "tot"],
                condition=Q(status="concept"),
                name="rapport_een_concept_per_periode",
            ),
            models.CheckConstraint(condition=Q(tot__gte=F("van")), name="rapport_periode_geldig"),
            models.CheckConstraint(condition=Q(versie__gte=1), name="rapport_versie_positief"),
            models.CheckConstraint(
                condition=Q(status="concept") | Q(definitief_op__isnull=False),
                name="rapport_definitief_met_datum",
            ),
        ]
        indexes = [models.Index(fields=["status", "-tot"], name="rapport_status_idx")]
        triggers = [
            pgtrigger.Protect(
                name="rapport_definitief_onveranderlijk",
                operation=pgtrigger.Update | pgtrigger.Delete,
                condition=pgtrigger.Q(old__status="definitief"),
            )
        ]

    def __str__(self):
        return f"{self.titel} (versie {self.versie})"

    @property
    def is_definitief(self) -> bool:
        return self.status == self.Status.DEFINITIEF


class RapportBestand(models.Model):
    """A rendered PDF of a definitive report. Written once, with its checksum."""

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"sha256"}

    class Variant(models.TextChoices):
        VOLLEDIG = "volledig", _("Voor het College")
        PUBLIEK = "publiek", _("Publieksversie")

    rapport = models.ForeignKey(Rapport, on_delete=models.PROTECT, related_name="bestanden")
    variant = models.CharField(_("variant"), max_length=10, choices=Variant.choices)
    bestand = models.FileField(_("bestand"), upload_to="rapportages/%Y/")
    sha256 = models.CharField(max_length=64)
    grootte = models.PositiveIntegerField(_("grootte in bytes"))
    paginas = models.PositiveSmallIntegerField(_("pagina's"))
    gemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("rapportbestand")
        verbose_name_plural = _("rapportbestanden")
        ordering = ["rapport", "variant"]
        constraints = [
            models.UniqueConstraint(fields=["rapport", "variant"], name="rapportbestand_variant_uniek"),
        ]
        triggers = [
            pgtrigger.Protect(name="rapportbestand_onveranderlijk", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self):
        return f"{self.rapport} ({self.get_variant_display()})"


class Maandcijfers(models.Model):
    """The mergeable partial figures of one calendar month (Amsterdam dates), so `cijfers()` over
    years adds up a few hundred small rows instead of grouping every case again.

    `deel` holds, per figure family, rows of key and counts or exact sums (see
    `rapportage.services.maandcijfers`); `cumulatief` their running total from the first
    month. A month is trusted only while no `VuileMaand` row names
    it; the database triggers of migration 0004 add such a row whenever a source row of that
    month changes, and `maandcijfers_bijwerken` recomputes it.
    """

    maand = models.DateField(primary_key=True)  # the first day of the month
    deel = models.JSONField()
    # The running total of `deel` over this month and every month before it (with, per key,
    # the number of months it came from), so any run of whole months is two rows apart.
    cumulatief = models.JSONField(null=True)
    berekend_op = models.DateTimeField()

    class Meta:
        verbose_name = _("maandcijfers")
        verbose_name_plural = _("maandcijfers")

    def __str__(self):
        return f"{self.maand:%Y-%m}"


class VuileMaand(models.Model):
    """A month whose `Maandcijfers` may be out of date. Append-only (written by database
    triggers, without a unique key so concurrent writers never wait for each other); a
    recomputation deletes exactly the rows its snapshot saw, so a change committed during the
    recomputation leaves its row behind."""

    id = models.BigAutoField(primary_key=True)
    maand = models.DateField(db_index=True)

    class Meta:
        verbose_name = _("maand om bij te werken")
        verbose_name_plural = _("maanden om bij te werken")

    def __str__(self):
        return f"{self.maand:%Y-%m}"
