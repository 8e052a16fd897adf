"""Recompute every month of the report figures (`Maandcijfers`), e.g. after a restore."""

import time

from django.core.management.base import BaseCommand

from rapportage.services import maandcijfers


class Command(BaseCommand):
    help = "Bouwt de maandcijfers van de rapportage opnieuw op uit alle gegevens."

    def handle(self, *args, **opts):
        begin = time.perf_counter()
        aantal = maandcijfers.opbouwen()
        self.stdout.write(f"{aantal} maanden opgebouwd in {time.perf_counter() - begin:.1f} s.")
