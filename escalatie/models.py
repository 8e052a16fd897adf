"""The weekly OMO-overleg, the escalation ladder, the telefoonlijst and priority requests
(DESIGN §5, §6, §7).

- `Overlegreeks` → `Overleg` (created ahead by a scheduled task, unique per series and planned
  date) → `Agendapunt` (a case with the question for the meeting, and the outcome recorded in
  meeting mode) → `Actiepunt`; a closed meeting has one `Verslag` (PDF) and may get `Addendum`s.
- `Escalatie`: one step up the ladder for a case, with its question, due date and decision.
- `Contactpersoon`: the telefoonlijst of people with mandate.
- `Verzoek`: a priority request with the 2-werkdagen term; its reminder and escalation are
  claimed with a conditional update (`herinnerd_op`, `geescaleerd_op`) so that each happens once.
"""

import secrets

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from omo.history import tracked


class Niveau(models.IntegerChoices):
    """The escalation ladder (DESIGN §6)."""

    TEAM = 0, _("Consulent / team")
    OMO = 1, _("OMO-functionaris")
    PORTEFEUILLEHOUDER = 2, _("Portefeuillehouder")
    COLLEGE = 3, _("College van B&W")
    LANDELIJK = 4, _("Landelijk Escalatie Team")


# --------------------------------------------------------------------------------------------
# Overleg
# --------------------------------------------------------------------------------------------


@tracked()
class Overlegreeks(models.Model):
    """The recurring slot of the weekly OMO-overleg (e.g. Tuesday 10:00)."""

    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True

    class Weekdag(models.IntegerChoices):
        MAANDAG = 0, _("maandag")
        DINSDAG = 1, _("dinsdag")
        WOENSDAG = 2, _("woensdag")
        DONDERDAG = 3, _("donderdag")
        VRIJDAG = 4, _("vrijdag")

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    weekdag = models.PositiveSmallIntegerField(_("weekdag"), choices=Weekdag.choices)
    begintijd = models.TimeField(_("begintijd"))
    duur_minuten = models.PositiveSmallIntegerField(_("duur (minuten)"), default=120)
    locatie = models.CharField(_("plaats of link"), max_length=300)
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voorzitter"), on_delete=models.PROTECT,
        related_name="voorgezeten_reeksen",
    )
    vaste_deelnemers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("vaste deelnemers"), related_name="overlegreeksen",
        blank=True,
    )
    actief = models.BooleanField(_("actief"), default=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("overlegreeks")
        verbose_name_plural = _("overlegreeksen")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


@tracked()
class Overleg(models.Model):
    """One meeting of a series. `gepland_op` is the date the series' rhythm gives (unique per
    series: the scheduled task may run any number of times); `datum` is the day it takes place,
    the next werkdag when the planned day is not one (`verplaatst_reden` says so)."""

    class Status(models.TextChoices):
        GEPLAND = "gepland", _("Gepland")
        BEZIG = "bezig", _("Bezig")
        GESLOTEN = "gesloten", _("Gesloten")
        GEANNULEERD = "geannuleerd", _("Geannuleerd")

    reeks = models.ForeignKey(Overlegreeks, on_delete=models.PROTECT, related_name="overleggen")
    gepland_op = models.DateField(_("geplande datum"))
    datum = models.DateField(_("datum"))
    begintijd = models.TimeField(_("begintijd"))
    duur_minuten = models.PositiveSmallIntegerField(_("duur (minuten)"))
    locatie = models.CharField(_("plaats of link"), max_length=300)
    voorzitter = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("voorzitter"), on_delete=models.PROTECT,
        related_name="voorgezeten_overleggen",
    )
    verplaatst_reden = models.CharField(_("verplaatst omdat"), max_length=200, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.GEPLAND)
    geannuleerd_reden = models.TextField(_("reden van annuleren"), blank=True)
    geannuleerd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    geopend_op = models.DateTimeField(_("gestart op"), null=True, blank=True)
    gesloten_op = models.DateTimeField(_("gesloten op"), null=True, blank=True)
    gesloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Who was there (recorded when the meeting is closed); the verslag goes to them.
    aanwezigen = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("aanwezigen"), related_name="bijgewoonde_overleggen",
        blank=True,
    )
    aanwezigen_extern = models.TextField(
        _("overige aanwezigen"), blank=True, help_text=_("Naam en organisatie, één per regel.")
    )
    # Items without an outcome when the meeting closed (code and title), moved to the next one.
    niet_besproken = models.TextField(blank=True, editable=False)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("OMO-overleg")
        verbose_name_plural = _("OMO-overleggen")
        ordering = ["datum", "begintijd", "id"]
        constraints = [
            models.UniqueConstraint(fields=["reeks", "gepland_op"], name="overleg_eenmaal_per_reeks_datum"),
        ]
        indexes = [
            models.Index(fields=["status", "datum"], name="overleg_status_datum_idx"),
            models.Index(fields=["datum"], name="overleg_datum_idx"),
        ]

    def __str__(self):
        return f"{self.reeks.naam} {self.datum:%d-%m-%Y}"

    @property
    def stukken_deadline(self):
        """End of the 2nd werkdag before the meeting, Europe/Amsterdam."""
        from omo.werkdagen import stukken_deadline

        return stukken_deadline(self.datum)


@tracked()
class Agendapunt(models.Model):
    """A case on a meeting's agenda with the question for the meeting, and its outcome."""

    class Status(models.TextChoices):
        INGEDIEND = "ingediend", _("Ingediend")
        BESPROKEN = "besproken", _("Besproken")
        VERPLAATST = "verplaatst", _("Verplaatst")
        INGETROKKEN = "ingetrokken", _("Ingetrokken")

    class Uitkomst(models.TextChoices):
        AKKOORD = "akkoord", _("Besluit akkoord")
        AFGEWEZEN = "afgewezen", _("Besluit afgewezen")
        BEZINNING = "bezinning", _("Bezinningsperiode")
        ESCALEREN = "escaleren", _("Escaleren")
        REGULIER = "regulier", _("Terug naar regulier")
        NIETS_DOEN = "niets_doen", _("Niets doen")

    # Outcomes whose motivation must be explainable to the inwoner.
    MOTIVATIE_VERPLICHT = {Uitkomst.AFGEWEZEN, Uitkomst.BEZINNING, Uitkomst.NIETS_DOEN}

    overleg = models.ForeignKey(Overleg, on_delete=models.PROTECT, related_name="agendapunten")
    casus = models.ForeignKey("casussen.Casus", on_delete=models.PROTECT, related_name="agendapunten")
    vraag = models.TextField(_("vraag aan het overleg"))
    volgorde = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.INGEDIEND)
    ingediend_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    ingediend_op = models.DateTimeField(_("ingediend op"))
    # Submitted for an earlier meeting after its stukken deadline: the item is on the next
    # meeting, and the OMO-functionaris may admit it to the one asked for.
    aangevraagd_voor = models.ForeignKey(
        Overleg, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Submitted after the stukken deadline of this meeting and admitted by the OMO-functionaris.
    toegelaten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # A follow-up after a bezinningsperiode: the earlier item and the alternatives to explore.
    vervolg_op = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="vervolgen"
    )
    alternatieven = models.TextField(_("te verkennen alternatieven"), blank=True)
    vragen_minuten = models.PositiveSmallIntegerField(_("minuten voor vragen"), default=15)
    oplossing_minuten = models.PositiveSmallIntegerField(_("minuten voor de oplossing"), default=15)
    # The outcome (meeting mode).
    uitkomst = models.CharField(_("uitkomst"), max_length=12, choices=Uitkomst.choices, blank=True)
    scenario = models.ForeignKey(
        "casussen.Scenario", verbose_name=_("gekozen scenario"), on_delete=models.PROTECT,
        null=True, blank=True, related_name="+",
    )
    advies = models.TextField(_("advies"), blank=True)
    motivatie = models.TextField(_("motivering"), blank=True)
    besproken_op = models.DateTimeField(_("besproken op"), null=True, blank=True)
    vastgelegd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("agendapunt")
        verbose_name_plural = _("agendapunten")
        ordering = ["overleg", "volgorde", "ingediend_op", "id"]
        constraints = [
            # A case is on at most one agenda at a time.
            models.UniqueConstraint(
                fields=["casus"], condition=Q(status="ingediend"), name="agendapunt_eenmaal_open_per_casus"
            ),
        ]
        indexes = [
            models.Index(fields=["overleg", "status"], name="agendapunt_overleg_idx"),
            models.Index(fields=["casus", "-ingediend_op"], name="agendapunt_casus_idx"),
        ]

    def __str__(self):
        return f"{self.casus} — {self.overleg}"


@tracked()
class Actiepunt(models.Model):
    agendapunt = models.ForeignKey(Agendapunt, on_delete=models.CASCADE, related_name="actiepunten")
    omschrijving = models.CharField(_("actie"), max_length=300)
    eigenaar = models.CharField(_("eigenaar"), max_length=120)
    deadline = models.DateField(_("uiterlijk op"))

    class Meta:
        verbose_name = _("actiepunt")
        verbose_name_plural = _("actiepunten")
        ordering = ["deadline", "id"]

    def __str__(self):
        return self.omschrijving


class Verslag(models.Model):
    """The PDF of a closed meeting. Written once; corrections are an `Addendum`."""

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"sha256"}

    overleg = models.OneToOneField(Overleg, on_delete=models.PROTECT, related_name="verslag")
    bestand = models.FileField(_("bestand"), upload_to="verslagen/%Y/")
    sha256 = models.CharField(max_length=64)
    gemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("verslag")
        verbose_name_plural = _("verslagen")
        triggers = [
            pgtrigger.Protect(name="verslag_onveranderlijk", operation=pgtrigger.Update | pgtrigger.Delete)
        ]

    def __str__(self):
        return f"Verslag {self.overleg}"


@tracked()
class Addendum(models.Model):
    overleg = models.ForeignKey(Overleg, on_delete=models.PROTECT, related_name="addenda")
    tekst = models.TextField(_("aanvulling of correctie"))
    auteur = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    aangemaakt_op = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("addendum")
        verbose_name_plural = _("addenda")
        ordering = ["aangemaakt_op", "id"]

    def __str__(self):
        return f"Addendum {self.overleg}"


# --------------------------------------------------------------------------------------------
# Escalatie
# --------------------------------------------------------------------------------------------


@tracked()
class Escalatie(models.Model):
    """One step up the ladder (DESIGN §6)."""

    class Reden(models.TextChoices):
        BUITEN_KADERS = "buiten_kaders", _("Oplossing buiten bestaande kaders")
        BUDGET = "budget", _("Boven beschikbaar budget of mandaat")
        PARTNERS = "partners", _("Bestuurlijke afstemming met partners nodig")
        LANDELIJK = "landelijk", _("Landelijke wet of uitvoeringsorganisatie blokkeert")

    class Beslissing(models.TextChoices):
        AKKOORD = "akkoord", _("Akkoord")
        AFGEWEZEN = "afgewezen", _("Afgewezen")
        ADVIES = "advies", _("Advies")
        TERUGGELEGD = "teruggelegd", _("Teruggelegd")

    class Onderwerp(models.TextChoices):
        CASUS = "casus", _("De casus")
        AANVRAAG = "aanvraag", _("Een aanvraag uit een fonds")

    casus = models.ForeignKey("casussen.Casus", on_delete=models.PROTECT, related_name="escalaties")
    # A fund request above a budget holder's mandate or above what the fund has left goes to the
    # College without moving the case itself: its decision goes back to the request (budget app).
    onderwerp = models.CharField(_("onderwerp"), max_length=10, choices=Onderwerp.choices, default=Onderwerp.CASUS)
    scenario = models.ForeignKey(
        "casussen.Scenario", verbose_name=_("scenario"), on_delete=models.PROTECT, null=True,
        blank=True, related_name="escalaties",
    )
    agendapunt = models.ForeignKey(
        Agendapunt, on_delete=models.PROTECT, null=True, blank=True, related_name="escalaties"
    )
    van_niveau = models.PositiveSmallIntegerField(_("van niveau"), choices=Niveau.choices)
    naar_niveau = models.PositiveSmallIntegerField(_("naar niveau"), choices=Niveau.choices)
    reden = models.CharField(_("reden"), max_length=20, choices=Reden.choices)
    vraag = models.TextField(_("vraag"))
    aangevraagd_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="aangevraagde_escalaties"
    )
    aangevraagd_op = models.DateTimeField(_("aangevraagd op"))
    uiterlijk_op = models.DateTimeField(_("uiterlijk besluiten op"))
    beslissing = models.CharField(_("beslissing"), max_length=12, choices=Beslissing.choices, blank=True)
    motivatie = models.TextField(_("motivering"), blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    # Claimed once by the reminder scan (conditional update).
    herinnerd_op = models.DateTimeField(null=True, blank=True, editable=False)
    verlopen_gemeld_op = models.DateTimeField(null=True, blank=True, editable=False)
    # For the LET dossier (level 4).
    geprobeerd = models.TextField(_("wat is lokaal en regionaal geprobeerd"), blank=True)
    blokkerende_regel = models.TextField(_("blokkerende regel of instantie"), blank=True)
    gevraagde_oplossing = models.TextField(_("gevraagde oplossing"), blank=True)
    grondslag_delen = models.TextField(_("grondslag voor het delen van gegevens"), blank=True)
    geanonimiseerde_samenvatting = models.TextField(
        _("geanonimiseerde samenvatting"), blank=True,
        help_text=_("Zonder namen, adressen, geboortedata of andere herleidbare gegevens."),
    )

    class Meta:
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        ordering = ["-aangevraagd_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["casus"], condition=Q(beslissing="", onderwerp="casus"),
                name="escalatie_eenmaal_open_per_casus",
            ),
            models.CheckConstraint(
                condition=Q(naar_niveau__gt=models.F("van_niveau")), name="escalatie_omhoog"
            ),
        ]
        indexes = [
            models.Index(
                fields=["naar_niveau", "uiterlijk_op"], condition=Q(beslissing=""),
                name="escalatie_open_idx",
            ),
            models.Index(fields=["casus", "-aangevraagd_op"], name="escalatie_casus_idx"),
            # Reports: the escalations asked in a period.
            models.Index(fields=["aangevraagd_op"], name="escalatie_aangevraagd_idx"),
        ]

    def __str__(self):
        return f"{self.casus} → {self.get_naar_niveau_display()}"

    @property
    def is_open(self) -> bool:
        return not self.beslissing


# --------------------------------------------------------------------------------------------
# Telefoonlijst and verzoeken
# --------------------------------------------------------------------------------------------


@tracked()
class Contactpersoon(models.Model):
    """Someone with mandate in a department or partner organisation (the telefoonlijst)."""

    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True
    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"telefoon", "email"}

    organisatie = models.ForeignKey(
        "casussen.Organisatie", verbose_name=_("organisatie"), on_delete=models.PROTECT,
        related_name="contactpersonen",
    )
    naam = models.CharField(_("naam"), max_length=120)
    rol = models.CharField(_("rol of functie"), max_length=120)
    mandaat = models.TextField(_("waarover kan deze persoon beslissen"))
    telefoon = models.CharField(_("telefoon"), max_length=40, blank=True)
    email = models.EmailField(_("e-mailadres"))
    leefgebieden = models.ManyToManyField(
        "casussen.Leefgebied", verbose_name=_("leefgebieden"), related_name="contactpersonen", blank=True
    )
    escalatiecontact = models.ForeignKey(
        "self", verbose_name=_("escalatiecontact"), on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )
    # When the contact works with OMO themselves, they handle verzoeken in the app.
    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("account in OMO"), on_delete=models.SET_NULL,
        null=True, blank=True, related_name="contactpersonen",
    )
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("contactpersoon")
        verbose_name_plural = _("contactpersonen")
        ordering = ["organisatie__naam", "naam"]
        indexes = [models.Index(fields=["organisatie", "naam"], name="contactpersoon_org_idx")]

    def __str__(self):
        return f"{self.naam} ({self.organisatie})"


def _nieuwe_sleutel() -> str:
    return secrets.token_urlsafe(16)


@tracked(exclude=["link_sleutel"])
class Verzoek(models.Model):
    """A priority request with the 2-werkdagen term (DESIGN §7)."""

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"link_sleutel"}

    class Soort(models.TextChoices):
        UITGAAND = "uitgaand", _("Voorrangsverzoek")
        LANDELIJK = "landelijk", _("Vraag van het Landelijk Maatwerkregister")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        OPGEPAKT = "opgepakt", _("Opgepakt")
        BEANTWOORD = "beantwoord", _("Beantwoord")
        VERLOPEN = "verlopen", _("Verlopen")

    soort = models.CharField(_("soort"), max_length=12, choices=Soort.choices)
    casus = models.ForeignKey(
        "casussen.Casus", verbose_name=_("casus"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="verzoeken",
    )
    contactpersoon = models.ForeignKey(
        Contactpersoon, verbose_name=_("aan"), on_delete=models.PROTECT, null=True, blank=True,
        related_name="verzoeken",
    )
    kenmerk = models.CharField(_("kenmerk"), max_length=60, blank=True)
    afzender = models.CharField(_("van"), max_length=200, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=200)
    vraag = models.TextField(
        _("vraag"), help_text=_("Alleen de vraag: geen namen, adressen of andere gegevens van het huishouden.")
    )
    ontvangen_op = models.DateTimeField(_("ontvangen op"))
    termijn_werkdagen = models.PositiveSmallIntegerField(_("termijn (werkdagen)"), default=2)
    deadline = models.DateTimeField(_("uiterlijk oppakken op"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.OPEN)
    opgepakt_op = models.DateTimeField(_("opgepakt op"), null=True, blank=True)
    opgepakt_door = models.CharField(_("opgepakt door"), max_length=200, blank=True)
    antwoord = models.TextField(_("antwoord"), blank=True)
    beantwoord_op = models.DateTimeField(_("beantwoord op"), null=True, blank=True)
    aangemaakt_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="verzoeken"
    )
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    # The random part of the signed link; a new one invalidates old links.
    link_sleutel = models.CharField(max_length=40, default=_nieuwe_sleutel, editable=False)
    # Claimed once each by the deadline scan (conditional update, same transaction as the mail).
    herinnerd_op = models.DateTimeField(null=True, blank=True, editable=False)
    geescaleerd_op = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("verzoek")
        verbose_name_plural = _("verzoeken")
        ordering = ["-ontvangen_op", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(soort="landelijk") | (Q(casus__isnull=False) & Q(contactpersoon__isnull=False)),
                name="verzoek_uitgaand_heeft_casus_en_contact",
            ),
        ]
        indexes = [
            # The deadline scan: only open rows, by deadline (work in proportion to the due rows).
            models.Index(fields=["deadline"], condition=Q(status="open"), name="verzoek_open_deadline_idx"),
            models.Index(
                fields=["deadline"], condition=Q(status="open", herinnerd_op__isnull=True),
                name="verzoek_te_herinneren_idx",
            ),
            models.Index(fields=["ontvangen_op"], name="verzoek_ontvangen_idx"),
            models.Index(fields=["status", "-ontvangen_op"], name="verzoek_status_idx"),
            models.Index(fields=["casus", "-ontvangen_op"], name="verzoek_casus_idx"),
            models.Index(fields=["contactpersoon", "status"], name="verzoek_contact_idx"),
        ]

    def __str__(self):
        return self.onderwerp

    @property
    def binnen_termijn(self) -> bool | None:
        if self.opgepakt_op is None:
            return None
        return self.opgepakt_op <= self.deadline
