"""Approve a proposed role change on an installation with a single beheerder.

    manage.py rol_goedkeuren          # the proposals waiting for approval, with their numbers
    manage.py rol_goedkeuren <nummer> # approve one

Only when no other active beheerder may approve it (not the proposer, not the user concerned):
otherwise the four-eyes rule holds and this refuses. The change records that it was approved
by this command (`via_commando`, with an explanation naming the server account), and so does
the audit log.
"""

import pghistory
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from omo import rolbeheer
from omo.models import Rolwijziging
from omo.weigering import Weigering


class Command(BaseCommand):
    help = (
        "Keurt een voorgestelde rolwijziging goed als er geen tweede beheerder is die dat kan "
        "(installatie met één beheerder). Zonder nummer: de openstaande voorstellen."
    )

    def add_arguments(self, parser):
        parser.add_argument("nummer", nargs="?", type=int, help="Het nummer van het voorstel.")

    def handle(self, *args, nummer=None, **options):
        if nummer is None:
            return self._toon_open()
        wie = rolbeheer.os_gebruiker()
        try:
            with pghistory.context(commando="rol_goedkeuren", os_gebruiker=wie):
                wijziging = rolbeheer.keur_goed_via_commando(nummer, uitgevoerd_door=wie)
        except Weigering as fout:
            raise CommandError(fout.message) from None
        self.stdout.write(self.style.WARNING(
            "LET OP: het vier-ogenprincipe is omzeild met een beheercommando. Er is geen tweede beheerder die dit "
            "voorstel kan goedkeuren; dit is vastgelegd bij de rolwijziging en in het auditlog."
        ))
        self.stdout.write(self.style.SUCCESS(f"Goedgekeurd (voorstel {wijziging.pk}): {rolbeheer.omschrijving(wijziging)}."))

    def _toon_open(self):
        open_ = Rolwijziging.objects.filter(status=Rolwijziging.Status.VOORGESTELD).select_related(
            "gebruiker", "voorgesteld_door").order_by("voorgesteld_op", "pk")
        if not open_:
            self.stdout.write("Er staan geen voorstellen open.")
            return
        for w in open_:
            wanneer = timezone.localtime(w.voorgesteld_op).strftime("%d-%m-%Y %H:%M")
            self.stdout.write(f"{w.pk}: {rolbeheer.omschrijving(w)} (voorgesteld door {w.voorgesteld_door}, {wanneer})")
