"""The shared core: users and teams, closing days, notifications and the access log.

Every domain row here is tracked by django-pghistory: database triggers write an append-only
event (with the request context: user, url, ip) on insert, update and delete, also for changes
made with raw SQL.
"""

import pghistory
import pgtrigger
from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

from omo.history import tracked


@tracked(exclude=["password", "last_login"])
class User(AbstractUser):
    """A person who works with OMO. Roles are Django groups (see `omo.roles`)."""

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

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self):
        return self.get_full_name() or self.username

    @property
    def rollen(self) -> list[str]:
        from omo.roles import roles_of

        return roles_of(self)


class UserGroups(User.groups.through):
    """Role memberships (the through table of User.groups), as a proxy so they can be tracked."""

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
)(UserGroups)


@tracked()
class Team(models.Model):
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
                condition=models.Q(gelezen_op__isnull=True),
                name="notificatie_ongelezen_idx",
            ),
        ]

    def __str__(self):
        return self.tekst


class Toegangslog(models.Model):
    """Who looked at which sensitive page, when and from where. Append-only."""

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

    class Meta:
        verbose_name = _("toegangslog")
        verbose_name_plural = _("toegangslog")
        ordering = ["-tijdstip", "-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="toegangslog_object_idx"),
            models.Index(fields=["gebruiker", "-tijdstip"], name="toegangslog_gebruiker_idx"),
        ]
        permissions = [("bekijk_audit", _("Kan het auditlog inzien"))]
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
