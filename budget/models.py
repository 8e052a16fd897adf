"""Funds, the double-entry ledger and fund requests (DESIGN §8).

The ledger is append-only and the database enforces it (see migration 0002):
- `Boeking` and `Transactie` refuse UPDATE and DELETE (also raw SQL);
- every transaction balances: a deferred constraint trigger checks at commit that its postings
  sum to zero and that there are at least two;
- every posting amount is positive; the side (`kant`) says debit or credit;
- `Saldo` holds one balance row per account, maintained by a statement trigger on `Boeking`
  in the same transaction as the postings, with a CHECK that internal accounts (beschikbaar,
  gereserveerd, besteed, uitstaand) never go below zero. The balance rows refuse any change
  that does not come from that trigger. Services lock the balance rows (SELECT … FOR UPDATE)
  before they check whether an operation fits, so concurrent approvals queue and the check
  sees the committed balance.
- `Jaarsaldo` keeps the debit and credit totals per account and booking year (same trigger), so
  the year view never sums postings.

Balances are debit minus credit: internal accounts have a positive balance, external accounts
(allocations, partner contributions, lapsed money, carry-over) a negative one.
"""

from decimal import Decimal

import pgtrigger
from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omo.history import tracked

CENT = Decimal("0.01")


def bedrag_veld(label, **kwargs):
    return models.DecimalField(label, max_digits=14, decimal_places=2, **kwargs)


@tracked()
class Fonds(models.Model):
    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True
    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"kostenplaats", "grootboeknummer"}

    class Soort(models.TextChoices):
        OMO_FONDS = "omo_fonds", _("OMO-fonds")
        STELPOST = "stelpost", _("Stelpost")
        SAMENLOOP = "samenloop", _("Samenloopbudget")
        VOORKOM_ERGER = "voorkom_erger", _("Voorkom-erger-potje")
        DOORPAK = "doorpak", _("Doorpakbudget")
        OVERIG = "overig", _("Overig")

    class Jaareinde(models.TextChoices):
        VERVALT = "vervalt", _("Vervalt aan het einde van het jaar")
        OVERHEVELEN = "overhevelen", _("Wordt overgeheveld naar het volgende jaar")

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    omschrijving = models.TextField(_("omschrijving"), blank=True)
    budgethouders = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("budgethouders"), related_name="fondsen", blank=True
    )
    maximum_per_aanvraag = bedrag_veld(
        _("maximum per aanvraag"), null=True, blank=True, validators=[MinValueValidator(CENT)],
        help_text=_("Leeg: geen maximum."),
    )
    direct_grens = bedrag_veld(
        _("direct besteden onder"), null=True, blank=True, validators=[MinValueValidator(CENT)],
        help_text=_("Een uitgave onder dit bedrag wordt meteen geboekt en achteraf beoordeeld (Leeuwarden: € 100)."),
    )
    coach_grens = bedrag_veld(
        _("maatwerkcoach keurt goed tot en met"), null=True, blank=True, validators=[MinValueValidator(CENT)],
        help_text=_("Tot en met dit bedrag mag de maatwerkcoach van het team goedkeuren (Utrecht: € 500)."),
    )
    mandaat = bedrag_veld(
        _("mandaat budgethouder"), validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Boven dit bedrag beslist het College."),
    )
    leningen_toegestaan = models.BooleanField(_("leningen toegestaan"), default=False)
    voorfinanciering_toegestaan = models.BooleanField(_("voorfinanciering toegestaan"), default=False)
    jaareinde = models.CharField(_("aan het einde van het jaar"), max_length=12, choices=Jaareinde.choices)
    kostenplaats = models.CharField(_("kostenplaats"), max_length=30)
    grootboeknummer = models.CharField(_("grootboeknummer"), max_length=30)
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        verbose_name = _("fonds")
        verbose_name_plural = _("fondsen")
        ordering = ["naam"]
        constraints = [
            models.CheckConstraint(condition=Q(mandaat__gte=0), name="fonds_mandaat_niet_negatief"),
            models.CheckConstraint(
                condition=Q(maximum_per_aanvraag__isnull=True) | Q(maximum_per_aanvraag__gt=0),
                name="fonds_maximum_positief",
            ),
            models.CheckConstraint(
                condition=Q(direct_grens__isnull=True) | Q(direct_grens__gt=0), name="fonds_direct_positief"
            ),
            models.CheckConstraint(
                condition=Q(coach_grens__isnull=True) | Q(coach_grens__gt=0), name="fonds_coach_positief"
            ),
        ]

    def __str__(self):
        return self.naam

    @property
    def hoogste_aanvraag(self) -> Decimal:
        """The most one request may ask: the fund's maximum, else OMO_AANVRAAG_PLAFOND."""
        from omo.geld import aanvraag_plafond

        return self.maximum_per_aanvraag if self.maximum_per_aanvraag is not None else aanvraag_plafond()


class Rekening(models.Model):
    """An account. Internal accounts belong to a fund; external ones mirror where money comes
    from or goes to outside the fund (also per fund, so the export can book them)."""

    class Soort(models.TextChoices):
        BESCHIKBAAR = "beschikbaar", _("Beschikbaar")
        GERESERVEERD = "gereserveerd", _("Gereserveerd")
        BESTEED = "besteed", _("Besteed")
        UITSTAAND = "uitstaand", _("Uitstaand")
        TOEWIJZING = "toewijzing", _("Toewijzingen")
        PARTNER = "partner", _("Bijdragen van partners")
        VERVALLEN = "vervallen", _("Vervallen aan het jaareinde")
        OVERHEVELING = "overheveling", _("Overheveling naar volgend jaar")

    INTERN = (Soort.BESCHIKBAAR, Soort.GERESERVEERD, Soort.BESTEED, Soort.UITSTAAND)

    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="rekeningen")
    soort = models.CharField(_("soort"), max_length=14, choices=Soort.choices)

    class Meta:
        verbose_name = _("rekening")
        verbose_name_plural = _("rekeningen")
        ordering = ["fonds_id", "pk"]
        constraints = [models.UniqueConstraint(fields=["fonds", "soort"], name="rekening_uniek_per_fonds")]

    def __str__(self):
        return f"{self.fonds} · {self.get_soort_display()}"

    @property
    def intern(self) -> bool:
        return self.soort in self.INTERN


class Saldo(models.Model):
    """The balance of one account. Written only by the database trigger on `Boeking`."""

    rekening = models.OneToOneField(Rekening, on_delete=models.PROTECT, primary_key=True, related_name="saldo")
    intern = models.BooleanField()
    saldo = bedrag_veld(_("saldo"), default=Decimal("0"))

    class Meta:
        verbose_name = _("saldo")
        verbose_name_plural = _("saldi")
        constraints = [
            models.CheckConstraint(condition=Q(intern=False) | Q(saldo__gte=0), name="saldo_intern_niet_negatief")
        ]

    def __str__(self):
        return f"{self.rekening_id}: {self.saldo}"


class Jaarsaldo(models.Model):
    """Debit and credit totals of one account in one booking year. Written only by the trigger."""

    rekening = models.ForeignKey(Rekening, on_delete=models.PROTECT, related_name="jaarsaldi")
    jaar = models.PositiveSmallIntegerField()
    # Totals of a year only grow (a reversal adds to the other side): wider than one amount.
    debet = models.DecimalField(_("debet"), max_digits=20, decimal_places=2, default=Decimal("0"))
    credit = models.DecimalField(_("credit"), max_digits=20, decimal_places=2, default=Decimal("0"))

    class Meta:
        verbose_name = _("jaarsaldo")
        verbose_name_plural = _("jaarsaldi")
        constraints = [models.UniqueConstraint(fields=["rekening", "jaar"], name="jaarsaldo_uniek")]
        indexes = [models.Index(fields=["jaar", "rekening"], name="jaarsaldo_jaar_idx")]

    def __str__(self):
        return f"{self.rekening_id} {self.jaar}: {self.debet} / {self.credit}"


class Transactie(models.Model):
    class Soort(models.TextChoices):
        TOEWIJZING = "toewijzing", _("Toewijzing")
        PARTNERBIJDRAGE = "partnerbijdrage", _("Bijdrage van een partner")
        RESERVERING = "reservering", _("Reservering bij goedkeuring")
        VRIJGAVE = "vrijgave", _("Vrijgave van een reservering")
        BETALING = "betaling", _("Betaling")
        UITLENING = "uitlening", _("Uitbetaling lening of voorfinanciering")
        AFLOSSING = "aflossing", _("Aflossing")
        KWIJTSCHELDING = "kwijtschelding", _("Kwijtschelding")
        VERHAAL = "verhaal", _("Verhaald op de verantwoordelijke partij")
        VERVAL = "verval", _("Verval aan het jaareinde")
        OVERHEVELING = "overheveling", _("Overheveling naar volgend jaar")
        TEGENBOEKING = "tegenboeking", _("Tegenboeking")

    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="transacties")
    soort = models.CharField(_("soort"), max_length=16, choices=Soort.choices)
    aanvraag = models.ForeignKey(
        "Aanvraag", on_delete=models.PROTECT, null=True, blank=True, related_name="transacties"
    )
    boekdatum = models.DateField(_("boekdatum"))
    boekjaar = models.PositiveSmallIntegerField(_("boekjaar"))
    omschrijving = models.CharField(_("omschrijving"), max_length=300)
    tegenpartij = models.CharField(_("tegenpartij"), max_length=160, blank=True)
    tegenboeking_van = models.OneToOneField(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="tegenboeking"
    )
    geboekt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geboekt_op = models.DateTimeField(_("geboekt op"))

    class Meta:
        verbose_name = _("transactie")
        verbose_name_plural = _("transacties")
        ordering = ["-geboekt_op", "-id"]
        indexes = [
            models.Index(fields=["fonds", "-geboekt_op", "-id"], name="transactie_fonds_idx"),
            models.Index(fields=["fonds", "soort", "-geboekt_op"], name="transactie_fonds_soort_idx"),
            models.Index(fields=["fonds", "boekjaar"], name="transactie_fonds_jaar_idx"),
            models.Index(fields=["fonds", "boekdatum"], name="transactie_fonds_datum_idx"),
            models.Index(fields=["boekdatum"], name="transactie_datum_idx"),
            models.Index(fields=["soort", "-geboekt_op"], name="transactie_soort_idx"),
            models.Index(fields=["-geboekt_op", "-id"], name="transactie_geboekt_idx"),
            models.Index(fields=["aanvraag"], name="transactie_aanvraag_idx", condition=Q(aanvraag__isnull=False)),
        ]
        triggers = [
            pgtrigger.Protect(name="transactie_alleen_toevoegen", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self):
        return f"{self.boekdatum:%d-%m-%Y} {self.get_soort_display()} {self.omschrijving}"


class Boeking(models.Model):
    class Kant(models.TextChoices):
        DEBET = "D", _("Debet")
        CREDIT = "C", _("Credit")

    transactie = models.ForeignKey(Transactie, on_delete=models.PROTECT, related_name="boekingen")
    rekening = models.ForeignKey(Rekening, on_delete=models.PROTECT, related_name="boekingen")
    kant = models.CharField(_("kant"), max_length=1, choices=Kant.choices)
    bedrag = bedrag_veld(_("bedrag"))
    # The transaction's booking year, copied so a fund's postings of one year are read through an
    # index (the deferred check refuses a posting whose year differs from its transaction's).
    boekjaar = models.PositiveSmallIntegerField(_("boekjaar"))

    class Meta:
        verbose_name = _("boeking")
        verbose_name_plural = _("boekingen")
        ordering = ["transactie_id", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(bedrag__gt=0), name="boeking_bedrag_positief"),
            models.CheckConstraint(condition=Q(kant__in=["D", "C"]), name="boeking_kant"),
        ]
        indexes = [
            models.Index(fields=["rekening", "-transactie"], name="boeking_rekening_idx"),
            models.Index(fields=["rekening", "boekjaar", "-transactie"], name="boeking_rekening_jaar_idx"),
            models.Index(fields=["transactie"], name="boeking_transactie_idx"),
        ]
        triggers = [
            pgtrigger.Protect(name="boeking_alleen_toevoegen", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self):
        return f"{self.get_kant_display()} {self.rekening_id} {self.bedrag}"

    @property
    def mutatie(self) -> Decimal:
        return self.bedrag if self.kant == self.Kant.DEBET else -self.bedrag


@tracked()
class Aanvraag(models.Model):
    """A request for money from a fund, for a scenario of a case (DESIGN §8)."""

    class Soort(models.TextChoices):
        GIFT = "gift", _("Gift")
        LENING = "lening", _("Lening")
        VOORFINANCIERING = "voorfinanciering", _("Voorfinanciering")
        VOORSCHOT = "voorschot", _("Voorschot")

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        INGEDIEND = "ingediend", _("Ingediend")
        GOEDGEKEURD = "goedgekeurd", _("Goedgekeurd")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        COLLEGE = "college", _("Voorgelegd aan het College")
        BETAALD = "betaald", _("Betaald")
        AFGEROND = "afgerond", _("Afgerond")
        UITSTAAND = "uitstaand", _("Uitstaand")
        AFGELOST = "afgelost", _("Afgelost")
        KWIJTGESCHOLDEN = "kwijtgescholden", _("Kwijtgescholden")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")

    OPEN_VOOR_BESLUIT = (Status.INGEDIEND, Status.COLLEGE)
    TERUG_TE_BETALEN = (Soort.LENING, Soort.VOORFINANCIERING)

    casus = models.ForeignKey("casussen.Casus", on_delete=models.PROTECT, related_name="aanvragen")
    scenario = models.ForeignKey(
        "casussen.Scenario", verbose_name=_("scenario"), on_delete=models.PROTECT, related_name="aanvragen"
    )
    fonds = models.ForeignKey(Fonds, verbose_name=_("fonds"), on_delete=models.PROTECT, related_name="aanvragen")
    soort = models.CharField(_("soort"), max_length=16, choices=Soort.choices, default=Soort.GIFT)
    bedrag = bedrag_veld(_("bedrag"))
    doel = models.TextField(_("waarvoor is het geld"))
    # Assessment questions (Weert).
    noodzaak = models.TextField(_("Waarom is het extra geld noodzakelijk?"))
    gevolgen = models.TextField(
        _("Wat gebeurt er als het geld niet wordt uitgegeven (onaanvaardbare schade, hogere kosten later)?")
    )
    regulier_onmogelijk = models.TextField(_("Waarom kan regulier geld niet worden ingezet (welke regel)?"))
    reguliere_routes = models.TextField(_("Welke reguliere routes zijn geprobeerd?"))
    # Loans.
    termijnbedrag = bedrag_veld(_("aflossing per maand"), null=True, blank=True)
    eerste_termijn = models.DateField(_("eerste aflossing op"), null=True, blank=True)
    kwijtschelding_voorwaarde = models.TextField(
        _("voorwaarde voor kwijtschelding"), blank=True,
        help_text=_("Bijvoorbeeld: de helft wordt kwijtgescholden als het diploma is behaald."),
    )
    # Pre-financing.
    verhalen_op = models.CharField(_("verhalen op (verantwoordelijke partij)"), max_length=160, blank=True)

    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.CONCEPT)
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="aanvragen"
    )
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"))
    ingediend_op = models.DateTimeField(_("ingediend op"), null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    motivatie = models.TextField(_("motivering van het besluit"), blank=True)
    escalatie = models.OneToOneField(
        "escalatie.Escalatie", on_delete=models.PROTECT, null=True, blank=True, related_name="aanvraag"
    )
    # Small spends booked at once, reviewed afterwards.
    direct_geboekt = models.BooleanField(_("direct geboekt"), default=False)
    achteraf_beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    achteraf_beoordeeld_op = models.DateTimeField(null=True, blank=True)
    achteraf_oordeel = models.TextField(_("oordeel achteraf"), blank=True)
    # Running figures, kept with the postings in one transaction (ledger_check verifies them).
    gereserveerd = bedrag_veld(_("gereserveerd"), default=Decimal("0"))
    betaald = bedrag_veld(_("betaald"), default=Decimal("0"))
    uitstaand = bedrag_veld(_("uitstaand"), default=Decimal("0"))
    afgelost = bedrag_veld(_("terugbetaald"), default=Decimal("0"))
    kwijtgescholden = bedrag_veld(_("kwijtgescholden"), default=Decimal("0"))
    gewijzigd_op = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("aanvraag")
        verbose_name_plural = _("aanvragen")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(bedrag__gt=0), name="aanvraag_bedrag_positief",
                violation_error_message=_("Het bedrag moet groter zijn dan nul."),
            ),
            models.CheckConstraint(
                condition=Q(gereserveerd__gte=0) & Q(betaald__gte=0) & Q(uitstaand__gte=0)
                & Q(afgelost__gte=0) & Q(kwijtgescholden__gte=0),
                name="aanvraag_bedragen_niet_negatief",
            ),
            models.CheckConstraint(
                condition=Q(gereserveerd__lte=models.F("bedrag")), name="aanvraag_reservering_binnen_bedrag"
            ),
            models.CheckConstraint(
                condition=~Q(soort="voorfinanciering") | ~Q(verhalen_op=""), name="aanvraag_voorfinanciering_partij",
                violation_error_message=_("Vul in op welke partij de voorfinanciering wordt verhaald."),
            ),
        ]
        indexes = [
            models.Index(fields=["fonds", "status", "ingediend_op"], name="aanvraag_fonds_status_idx"),
            models.Index(fields=["casus", "-aangemaakt_op"], name="aanvraag_casus_idx"),
            models.Index(fields=["status", "ingediend_op"], name="aanvraag_status_idx"),
            models.Index(
                fields=["fonds", "-ingediend_op"], condition=Q(direct_geboekt=True, achteraf_beoordeeld_op__isnull=True),
                name="aanvraag_achteraf_idx",
            ),
            models.Index(
                fields=["fonds", "eerste_termijn"], condition=Q(status="uitstaand"), name="aanvraag_uitstaand_idx"
            ),
        ]

    def __str__(self):
        return f"{self.casus_id}: {self.doel[:40]} ({self.bedrag})"

    @property
    def terug_te_betalen(self) -> bool:
        return self.soort in self.TERUG_TE_BETALEN


class Jaarafsluiting(models.Model):
    """Once per fund and year: the lapse or carry-over of what was left."""

    fonds = models.ForeignKey(Fonds, on_delete=models.PROTECT, related_name="jaarafsluitingen")
    jaar = models.PositiveSmallIntegerField()
    wijze = models.CharField(max_length=12, choices=Fonds.Jaareinde.choices)
    bedrag = bedrag_veld(_("bedrag"))
    transactie = models.ForeignKey(Transactie, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    afgesloten_op = models.DateTimeField()

    class Meta:
        verbose_name = _("jaarafsluiting")
        verbose_name_plural = _("jaarafsluitingen")
        constraints = [models.UniqueConstraint(fields=["fonds", "jaar"], name="jaarafsluiting_eenmaal")]

    def __str__(self):
        return f"{self.fonds_id} {self.jaar}: {self.get_wijze_display()}"
