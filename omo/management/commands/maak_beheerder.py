"""The installation's first account: a user with the role beheerder (never a superuser).

    manage.py maak_beheerder                 # asks username, e-mail and password
    manage.py maak_beheerder --no-input      # reads OMO_BEHEERDER_USERNAME, _EMAIL, _PASSWORD

Refuses when an active beheerder exists: from then on a new beheerder is proposed in OMO and
approved by a second beheerder (four eyes, `omo.rolbeheer`).
"""

import getpass
import os

import pghistory
from django.core.management.base import BaseCommand, CommandError

from omo import rolbeheer
from omo.weigering import Weigering

ENV = {"username": "OMO_BEHEERDER_USERNAME", "email": "OMO_BEHEERDER_EMAIL", "password": "OMO_BEHEERDER_PASSWORD"}


class Command(BaseCommand):
    help = (
        "Maakt het eerste account van de installatie, met de rol beheerder. Weigert als er al een actieve "
        "beheerder is. Met --no-input uit OMO_BEHEERDER_USERNAME, OMO_BEHEERDER_EMAIL en OMO_BEHEERDER_PASSWORD."
    )

    def add_arguments(self, parser):
        parser.add_argument("--username", help="Gebruikersnaam (anders gevraagd of uit OMO_BEHEERDER_USERNAME).")
        parser.add_argument("--email", help="E-mailadres (anders gevraagd of uit OMO_BEHEERDER_EMAIL).")
        parser.add_argument(
            "--no-input", "--noinput", action="store_false", dest="interactive",
            help="Niets vragen: lees de gegevens uit de omgevingsvariabelen.",
        )

    def handle(self, *args, interactive=True, **options):
        self._weiger_als_er_een_beheerder_is()
        if interactive:
            username, email, password = self._vraag(options.get("username"), options.get("email"))
        else:
            username = options.get("username") or os.environ.get(ENV["username"], "")
            email = options.get("email") or os.environ.get(ENV["email"], "")
            password = os.environ.get(ENV["password"], "")
            ontbreekt = [ENV[k] for k, v in (("username", username), ("email", email), ("password", password)) if not v]
            if ontbreekt:
                raise CommandError("Met --no-input zijn nodig: " + ", ".join(ontbreekt) + ".")
        wie = rolbeheer.os_gebruiker()
        try:
            with pghistory.context(commando="maak_beheerder", os_gebruiker=wie):
                gebruiker = rolbeheer.maak_eerste_beheerder(username, email, password, uitgevoerd_door=wie)
        except Weigering as fout:
            raise CommandError(fout.message) from None
        self.stdout.write(self.style.SUCCESS(
            f"Beheerder ‘{gebruiker.username}’ is aangemaakt, met de rol beheerder (geen superuser). "
            "Log in op OMO; /admin/ is het beheer."
        ))
        self.stdout.write(
            "Rollen van anderen ken je toe in OMO (Beheer › Rolwijzigingen). Een rol OMO-functionaris, budgethouder, "
            "college of beheerder gaat pas in als een tweede beheerder het goedkeurt; zolang er maar één beheerder is, "
            "doet `manage.py rol_goedkeuren <nummer>` dat, en dat wordt vastgelegd."
        )

    def _weiger_als_er_een_beheerder_is(self):
        bestaande = rolbeheer.actieve_beheerders()
        if bestaande:
            raise CommandError(
                "Er is al een actieve beheerder ("
                + ", ".join(u.username for u in bestaande)
                + "). Een nieuwe beheerder stelt die voor in OMO en een tweede beheerder keurt het goed "
                "(vier ogen). Er is niets veranderd."
            )

    def _vraag(self, username, email):
        try:
            username = self._vraag_tot_goed("Gebruikersnaam: ", rolbeheer.controleer_gebruikersnaam, username)
            email = self._vraag_tot_goed("E-mailadres: ", rolbeheer.controleer_email, email)
            while True:
                password = getpass.getpass("Wachtwoord: ")
                if password != getpass.getpass("Wachtwoord (nogmaals): "):
                    self.stderr.write("De wachtwoorden zijn niet gelijk. Probeer het opnieuw.")
                    continue
                try:
                    rolbeheer.controleer_wachtwoord(password, username, email)
                except Weigering as fout:
                    self.stderr.write(fout.message)
                    continue
                return username, email, password
        except (EOFError, KeyboardInterrupt):
            raise CommandError(
                "Afgebroken; er is niets veranderd. Zonder terminal: gebruik --no-input met "
                "OMO_BEHEERDER_USERNAME, OMO_BEHEERDER_EMAIL en OMO_BEHEERDER_PASSWORD."
            ) from None

    def _vraag_tot_goed(self, vraag, controleer, waarde):
        while True:
            if waarde is None:
                waarde = input(vraag)
            try:
                return controleer(waarde)
            except Weigering as fout:
                self.stderr.write(fout.message)
                waarde = None
