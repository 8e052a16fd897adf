"""The shared core: users and teams, closing days, notifications and the access log.

Every domain row here is tracked by django-pghistory: database triggers write an append-only
event (with the request context: user, url, ip) on insert, update and delete, also for changes
made with raw SQL.
"""

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.auth.models import (
    AbstractUser,
    UserManager,
    _auser_has_module_perms,
    _auser_has_perm,
    _user_has_module_perms,
    _user_has_perm,
)
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from omo.history import tijdindex, tracked

GEEN_SUPERUSER = _(
    "OMO kent geen superusers: toegang loopt alleen via rollen. Maak het eerste account met "
    "`manage.py maak_beheerder`; rollen daarna via Beheer › Rolwijzigingen (vier ogen)."
)


class OmoUserManager(UserManager):
    """Django's user manager without superusers (`createsuperuser` ends with the message)."""

    def create_superuser(self, *args, **kwargs):
        raise ValidationError(GEEN_SUPERUSER)


@tracked(exclude=["password", "last_login"])
class User(AbstractUser):
    """A person who works with OMO. Roles are Django groups (see `omo.roles`).

    There are no superusers (a CHECK constraint): `is_superuser` never grants anything, and
    every permission is answered by the rules. `is_staff` opens nothing either: the admin asks
    the rule `omo.beheer`.
    """

    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True
    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"password", "username", "email", "telefoon", "oidc_sub"}

    team = models.ForeignKey(
        "omo.Team",
        verbose_name=_("team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="leden",
    )
    functie = models.CharField(_("functie"), max_length=120, blank=True)
    telefoon = models.CharField(_("telefoonnummer"), max_length=40, blank=True)
    moet_wachtwoord_wijzigen = models.BooleanField(
        _("moet wachtwoord wijzigen"),
        default=False,
        help_text=_("Na het inloggen kan deze gebruiker pas verder als hij een nieuw wachtwoord heeft gekozen."),
    )

    email_onbevestigd = models.BooleanField(
        _("e-mailadres nog niet bevestigd"),
        default=False,
        help_text=_(
            "Gewijzigd door een beheerder: een herstellink gaat pas naar dit adres nadat de gebruiker zelf "
            "weer heeft ingelogd. Zo neemt niemand een account over door het adres te veranderen."
        ),
    )

    # Single sign-on (omo.oidc): the provider's stable identifier of this person (`sub`). Set at
    # the first login through the provider; a local account has none.
    oidc_sub = models.CharField(
        _("kenmerk bij de identiteitsprovider"), max_length=255, null=True, blank=True, unique=True
    )
    # With single sign-on on, only a break-glass account may still log in with a local password
    # (and always with a second factor). Set on the server only: `manage.py noodaccount`.
    noodaccount = models.BooleanField(
        _("noodaccount"),
        default=False,
        help_text=_(
            "Mag lokaal inloggen (met wachtwoord en tweede factor) als de identiteitsprovider niet "
            "beschikbaar is. Alleen te zetten op de server met manage.py noodaccount; elk gebruik "
            "wordt aan de beheerders gemeld."
        ),
    )

    objects = OmoUserManager()

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]
        constraints = [
            models.CheckConstraint(condition=models.Q(is_superuser=False), name="gebruiker_nooit_superuser"),
        ]

    def __str__(self):
        return self.get_full_name() or self.username

    # Permissions come from the rules only: unlike Django's, `is_superuser` short-circuits nothing.
    def has_perm(self, perm, obj=None):
        return _user_has_perm(self, perm, obj)

    def has_perms(self, perm_list, obj=None):
        if isinstance(perm_list, str):
            raise ValueError("perm_list must be an iterable of permissions.")
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label):
        return _user_has_module_perms(self, app_label)

    async def ahas_perm(self, perm, obj=None):
        return await _auser_has_perm(self, perm, obj)

    async def ahas_perms(self, perm_list, obj=None):
        if isinstance(perm_list, str):
            raise ValueError("perm_list must be an iterable of permissions.")
        for perm in perm_list:
            if not await self.ahas_perm(perm, obj):
                return False
        return True

    async def ahas_module_perms(self, app_label):
        return await _auser_has_module_perms(self, app_label)

    @property
    def rollen(self) -> list[str]:
        from omo.roles import roles_of

        return roles_of(self)


class UserGroups(User.groups.through):
    """Role memberships (the through table of User.groups), as a proxy so they can be tracked."""

    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True

    class Meta:
        proxy = True
        verbose_name = _("roltoekenning")
        verbose_name_plural = _("roltoekenningen")


# Role assignments are security events: record every add and remove of a group membership.
pghistory.track(
    pghistory.InsertEvent("rol.toegekend"),
    pghistory.DeleteEvent("rol.ingetrokken"),
    obj_field=None,
    model_name="UserGroupsEvent",
    meta=tijdindex(),
)(UserGroups)


@tracked()
class Team(models.Model):
    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True
    LOGBOEK_LABEL_VELD = "naam"

    class Soort(models.TextChoices):
        WIJKTEAM = "wijkteam", _("Wijkteam")
        AFDELING = "afdeling", _("Afdeling")

    naam = models.CharField(_("naam"), max_length=120, unique=True)
    soort = models.CharField(_("soort"), max_length=20, choices=Soort.choices)
    actief = models.BooleanField(_("actief"), default=True)

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["naam"]

    def __str__(self):
        return self.naam


@tracked()
class Sluitingsdag(models.Model):
    """A day the gemeente is closed (besides weekends and the Cao feestdagen): not a werkdag."""

    # Configuration, no case content: the audit log shows the values of its changes.
    AUDIT_WAARDEN_ZICHTBAAR = True

    datum = models.DateField(_("datum"), unique=True)
    omschrijving = models.CharField(_("omschrijving"), max_length=200)

    class Meta:
        verbose_name = _("sluitingsdag")
        verbose_name_plural = _("sluitingsdagen")
        ordering = ["datum"]

    def __str__(self):
        return f"{self.datum:%d-%m-%Y} {self.omschrijving}"


@tracked()
class Notificatie(models.Model):
    """A message to one user, in the app and by e-mail. `sleutel` makes sending idempotent."""

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = "__all__"

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        related_name="notificaties",
    )
    tekst = models.CharField(_("tekst"), max_length=500)
    link = models.CharField(_("link"), max_length=500, blank=True)
    sleutel = models.CharField(_("sleutel"), max_length=200)
    aangemaakt_op = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    gelezen_op = models.DateTimeField(_("gelezen op"), null=True, blank=True)
    gemaild_op = models.DateTimeField(_("gemaild op"), null=True, blank=True)
    # What the notification asks the user to do, shown only while it is open ("wacht op je
    # besluit"); `onderwerp` names the action ("budget.aanvraag:12"), so the service that
    # performs it or makes it moot finishes every notification about it (`omo.services.handel_af`).
    vraag = models.CharField(_("vraag"), max_length=200, blank=True)
    onderwerp = models.CharField(_("onderwerp"), max_length=120, blank=True)
    afgehandeld_op = models.DateTimeField(_("afgehandeld op"), null=True, blank=True)
    # The rule of the page the link opens and its object: asked again whenever the link is shown.
    regel = models.CharField(_("regel"), max_length=100, blank=True)
    object_id = models.PositiveBigIntegerField(_("object"), null=True, blank=True)

    class Meta:
        verbose_name = _("notificatie")
        verbose_name_plural = _("notificaties")
        ordering = ["-aangemaakt_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "sleutel"], name="notificatie_eenmaal_per_sleutel"
            )
        ]
        indexes = [
            models.Index(
                fields=["gebruiker", "-aangemaakt_op"], name="notificatie_gebruiker_idx"
            ),
            models.Index(
                fields=["gebruiker"],
                condition=models.Q(gelezen_op__isnull=True, afgehandeld_op__isnull=True),
                name="notificatie_ongelezen_idx",
            ),
            models.Index(
                fields=["onderwerp"],
                condition=models.Q(afgehandeld_op__isnull=True) & ~models.Q(onderwerp=""),
                name="notificatie_open_onderwerp_idx",
            ),
        ]

    def __str__(self):
        return self.volledige_tekst

    @property
    def volledige_tekst(self) -> str:
        """The text with what it asks while it is open; once done, only what it was about."""
        if self.vraag and self.afgehandeld_op is None:
            return f"{self.tekst} {self.vraag}"
        return self.tekst


class Toegangslog(models.Model):
    """Who looked at which sensitive object, when, from where and how (a page, a list or search
    result, an export, the external link, or a refused attempt). One row per object shown.
    Append-only."""

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = "__all__"

    class Soort(models.TextChoices):
        BEKEKEN = "bekeken", _("bekeken")
        LIJST = "lijst", _("in een lijst")
        ZOEKRESULTAAT = "zoeken", _("in zoekresultaten")
        EXPORT = "export", _("geëxporteerd")
        EXTERN = "extern", _("via de externe link")
        GEWEIGERD = "geweigerd", _("geweigerd")
        # Read by the privacy officer in the logs (the case, the user or the objects of a page).
        LOGBOEK = "logboek", _("in het logboek (privacy)")

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    tijdstip = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)
    object_type = models.ForeignKey(
        ContentType, verbose_name=_("soort object"), on_delete=models.PROTECT, related_name="+"
    )
    object_id = models.CharField(_("object-id"), max_length=64)
    object_omschrijving = models.CharField(_("object"), max_length=300)
    pad = models.CharField(_("pad"), max_length=500)
    methode = models.CharField(_("methode"), max_length=10)
    ip_adres = models.GenericIPAddressField(_("IP-adres"), null=True)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    soort = models.CharField(_("soort inzage"), max_length=12, choices=Soort.choices, default=Soort.BEKEKEN)

    class Meta:
        verbose_name = _("toegangslog")
        verbose_name_plural = _("toegangslog")
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="toegangslog_object_idx"),
            models.Index(fields=["gebruiker", "-tijdstip"], name="toegangslog_gebruiker_idx"),
        ]
        triggers = [
            pgtrigger.Protect(
                name="toegangslog_alleen_toevoegen",
                operation=pgtrigger.Update | pgtrigger.Delete,
            )
        ]

    def __str__(self):
        return f"{self.tijdstip:%d-%m-%Y %H:%M} {self.gebruiker} {self.object_omschrijving}"


class Bericht(models.Model):
    """An e-mail to send (the outbox). `sleutel` is unique: placing the same message twice (a
    retried task, two scans at once) stores it once. Placed in the same transaction as the
    change it reports; sent afterwards by `omo.berichten.verstuur`, which locks the row while
    it sends, so a killed worker leaves it unsent for the next run and never sends it twice."""

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = "__all__"

    sleutel = models.CharField(max_length=200, unique=True)
    aan = ArrayField(models.EmailField(), verbose_name=_("aan"))
    onderwerp = models.CharField(_("onderwerp"), max_length=300)
    tekst = models.TextField(_("tekst"))
    bijlage = models.CharField(_("bijlage (opslagnaam)"), max_length=300, blank=True)
    bijlage_naam = models.CharField(max_length=200, blank=True)
    aangemaakt_op = models.DateTimeField(auto_now_add=True)
    verzonden_op = models.DateTimeField(null=True, blank=True)
    pogingen = models.PositiveSmallIntegerField(default=0)
    laatste_fout = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("uitgaand bericht")
        verbose_name_plural = _("uitgaande berichten")
        ordering = ["-aangemaakt_op", "-id"]
        indexes = [
            models.Index(
                fields=["aangemaakt_op"], condition=models.Q(verzonden_op__isnull=True),
                name="bericht_te_verzenden_idx",
            )
        ]

    def __str__(self):
        return self.onderwerp


def _rol_keuzes():
    from omo.roles import ROLLEN

    return [(code, rol.naam) for code, rol in ROLLEN.items()]


@tracked()
class Rolwijziging(models.Model):
    """A role granted to or revoked from a user: proposed by one beheerder and, for a privileged
    role, approved by a second one (four eyes). Changed only by `omo.rolbeheer`; every step is
    in the audit log (the trigger events of this model and of the role memberships)."""

    class Actie(models.TextChoices):
        TOEKENNEN = "toekennen", _("toekennen")
        INTREKKEN = "intrekken", _("intrekken")
        # Not a role: remove the user's second-factor devices, so that they enrol again at the
        # next login. Same four-eyes route as a privileged grant (`omo.rolbeheer`).
        HERSTELLEN = "herstellen", _("tweede factor herstellen")

    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("voorgesteld")
        GOEDGEKEURD = "goedgekeurd", _("goedgekeurd")
        AFGEWEZEN = "afgewezen", _("afgewezen")
        INGETROKKEN = "ingetrokken", _("ingetrokken")

    gebruiker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("gebruiker"),
        on_delete=models.PROTECT,
        related_name="rolwijzigingen",
    )
    # Empty for a reset of the second factor (Actie.HERSTELLEN).
    rol = models.CharField(_("rol"), max_length=40, choices=_rol_keuzes, blank=True)
    actie = models.CharField(_("actie"), max_length=12, choices=Actie.choices)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.VOORGESTELD)
    # Empty only for the installation's first beheerder (`manage.py maak_beheerder`).
    voorgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voorgesteld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    voorgesteld_op = models.DateTimeField(_("voorgesteld op"))
    reden = models.TextField(_("reden"), blank=True)
    # Empty when the change needed no second beheerder or was approved by a management command.
    beoordeeld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("beoordeeld door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    beoordeeld_op = models.DateTimeField(_("beoordeeld op"), null=True, blank=True)
    toelichting = models.TextField(_("toelichting"), blank=True)
    via_commando = models.BooleanField(
        _("via een beheercommando"),
        default=False,
        help_text=_("Doorgevoerd met een beheercommando op de server, zonder tweede beheerder."),
    )
    via_provider = models.BooleanField(
        _("via de identiteitsprovider"),
        default=False,
        help_text=_(
            "Doorgevoerd bij het inloggen via de identiteitsprovider: de groepen van de gebruiker "
            "daar bepalen de rollen in OMO."
        ),
    )

    class Meta:
        verbose_name = _("rolwijziging")
        verbose_name_plural = _("rolwijzigingen")
        ordering = ["-voorgesteld_op", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["gebruiker", "rol"],
                condition=models.Q(status="voorgesteld"),
                name="rolwijziging_een_open_voorstel",
            ),
            # Four eyes in the database too: nobody changes their own roles or approves their
            # own proposal (NULL: no proposer or no reviewer, nothing to compare).
            models.CheckConstraint(
                condition=~models.Q(voorgesteld_door=models.F("gebruiker")),
                name="rolwijziging_niet_voor_zichzelf",
            ),
            models.CheckConstraint(
                condition=~models.Q(beoordeeld_door=models.F("gebruiker"))
                & ~models.Q(beoordeeld_door=models.F("voorgesteld_door")),
                name="rolwijziging_vier_ogen",
            ),
        ]
        indexes = [
            models.Index(
                fields=["voorgesteld_op"],
                condition=models.Q(status="voorgesteld"),
                name="rolwijziging_open_idx",
            ),
        ]

    def __str__(self):
        if self.actie == self.Actie.HERSTELLEN:
            return f"{self.get_actie_display()}: {self.gebruiker}"
        return f"{self.get_rol_display()} {self.get_actie_display()}: {self.gebruiker}"


class Eenmalig(models.Model):
    """A one-time token of a form that acts: inserted in the same transaction as the action, so a
    double click or a retried POST acts once (the second insert waits, then finds it). `url` is
    where the result of the first POST lives, so a repeat can be sent there. See omo.eenmalig."""

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = "__all__"

    token = models.CharField(max_length=64, primary_key=True)
    gebruiker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    gebruikt_op = models.DateTimeField()
    doel = models.CharField(max_length=300, blank=True)
    url = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("eenmalige sleutel")
        verbose_name_plural = _("eenmalige sleutels")
        indexes = [models.Index(fields=["gebruikt_op"], name="eenmalig_gebruikt_op_idx")]

    def __str__(self):
        return self.token
