"""Retention and destruction (DESIGN §10, AVG art. 5 and 17, Archiefwet).

Every month `privacy.services.lijst.stel_lijst_op` draws up a `Vernietigingslijst`: one
`Vernietigingsitem` per record past its term (`settings.OMO_BEWAARTERMIJNEN`). The privacy
officer decides per item (destroy, or hold back with a reason) and then adopts the list; the
approved items are destroyed through one audited database function. The list, its decisions and
what was destroyed (counts per table, codes) are kept: rows are never deleted, and an executed
item never changes again (database triggers).
"""

import pgtrigger
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from omo.history import tracked


class Bewaarsoort(models.TextChoices):
    """The kinds of record with a retention term; the keys of `settings.OMO_BEWAARTERMIJNEN`."""

    CASUS = "casus", _("Afgesloten casus")
    VERVALLEN = "vervallen", _("Vervallen casus")
    VERZOEK = "verzoek", _("Verzoek")
    NOTIFICATIE = "notificatie", _("Meldingen")
    TOEGANGSLOG = "toegangslog", _("Inzagelog")


@tracked()
class Vernietigingslijst(models.Model):
    class Status(models.TextChoices):
        VOORGESTELD = "voorgesteld", _("Voorgesteld")
        VASTGESTELD = "vastgesteld", _("Vastgesteld")
        UITGEVOERD = "uitgevoerd", _("Uitgevoerd")

    # Not typed free text (codes, keys, generated text): see omo.tekst.
    GEEN_VRIJE_TEKST = {"status"}
    LOGBOEK_LABEL_VELD = "peildatum"

    # The list holds what was past its term on this day (the first of the month it is for).
    peildatum = models.DateField(_("peildatum"), unique=True)
    opgesteld_op = models.DateTimeField(_("opgesteld op"))
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.VOORGESTELD)
    vastgesteld_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("vastgesteld door"),
    )
    vastgesteld_op = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)
    uitgevoerd_op = models.DateTimeField(_("uitgevoerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("vernietigingslijst")
        verbose_name_plural = _("vernietigingslijsten")
        ordering = ["-peildatum"]
        triggers = [
            pgtrigger.Protect(name="vernietigingslijst_blijft", operation=pgtrigger.Delete),
        ]

    def __str__(self):
        return f"Vernietigingslijst {self.peildatum:%Y-%m}"


@tracked()
class Vernietigingsitem(models.Model):
    """One record past its term (a case, a verzoek) or one batch of rows (the notifications or
    access-log rows up to `einde_termijn`)."""

    class Besluit(models.TextChoices):
        VERNIETIGEN = "vernietigen", _("Vernietigen")
        AANHOUDEN = "aanhouden", _("Aanhouden")

    GEEN_VRIJE_TEKST = {"soort", "code", "besluit"}

    lijst = models.ForeignKey(Vernietigingslijst, on_delete=models.PROTECT, related_name="items")
    soort = models.CharField(_("soort"), max_length=12, choices=Bewaarsoort.choices)
    # The case or verzoek; empty for a batch of rows.
    object_id = models.BigIntegerField(_("object"), null=True, blank=True)
    # How the list names it without personal data: a case's code, "Verzoek 12", a period.
    code = models.CharField(_("code"), max_length=60)
    # The day the term ended (a case closed 24 months before it); for a batch: the rows created
    # up to and including this day (Europe/Amsterdam).
    einde_termijn = models.DateField(_("termijn verstreken op"))
    aantal = models.PositiveIntegerField(_("aantal regels"), default=1)
    # Proposed items are destroyed unless held back; the officer's choice is recorded.
    besluit = models.CharField(
        _("besluit"), max_length=12, choices=Besluit.choices, default=Besluit.VERNIETIGEN
    )
    reden_aanhouden = models.TextField(_("reden om aan te houden"), blank=True)
    aanhouden_tot = models.DateField(_("aanhouden tot"), null=True, blank=True)
    besloten_door = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("besloten door"),
    )
    besloten_op = models.DateTimeField(_("besloten op"), null=True, blank=True)
    uitgevoerd_op = models.DateTimeField(_("vernietigd op"), null=True, blank=True)
    # What was destroyed: {"table": rows, ...}, written by the database function.
    resultaat = models.JSONField(_("resultaat"), default=dict, blank=True)
    # The same record held back on an earlier list, whose reason the officer sees again.
    vorig_item = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("eerder aangehouden"),
    )

    class Meta:
        verbose_name = _("post op de vernietigingslijst")
        verbose_name_plural = _("posten op de vernietigingslijst")
        ordering = ["lijst", "soort", "einde_termijn", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["lijst", "soort", "object_id"], name="vernietigingsitem_eenmaal_per_lijst",
                nulls_distinct=False,
            ),
            models.CheckConstraint(
                condition=~models.Q(besluit="aanhouden") | ~models.Q(reden_aanhouden=""),
                name="vernietigingsitem_aanhouden_met_reden",
            ),
        ]
        indexes = [
            models.Index(fields=["soort", "object_id"], name="vernietigingsitem_object_idx"),
            # The list page filters one list's items by besluit (and soort).
            models.Index(fields=["lijst", "besluit", "soort"], name="vernietigingsitem_besluit_idx"),
        ]
        triggers = [
            pgtrigger.Protect(name="vernietigingsitem_blijft", operation=pgtrigger.Delete),
            # Once destroyed, the record of it never changes.
            pgtrigger.Protect(
                name="vernietigingsitem_uitgevoerd_onveranderlijk",
                operation=pgtrigger.Update,
                condition=pgtrigger.Q(old__uitgevoerd_op__isnull=False),
            ),
        ]

    def __str__(self):
        return f"{self.get_soort_display()} {self.code}"
