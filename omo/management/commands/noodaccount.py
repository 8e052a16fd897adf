"""Mark or unmark a break-glass account (single sign-on, omo.sso).

    manage.py noodaccount              # the break-glass accounts
    manage.py noodaccount <username>   # mark: may log in locally while single sign-on is on
    manage.py noodaccount <username> --uit

Only on the server: the flag is in no form of OMO. With single sign-on on, a break-glass account
is the only account that logs in with a local password (and always with a second factor); every
such login is reported to every active beheerder. The change is in the audit log with the server
account that made it, and every active beheerder is told.
"""

import pghistory
from django.core.management.base import BaseCommand, CommandError

from omo import rolbeheer, services_sso
from omo.models import User
from omo.weigering import Weigering


class Command(BaseCommand):
    help = (
        "Maakt een account noodaccount (mag lokaal inloggen als single sign-on aan staat) of, met --uit, "
        "weer een gewoon account. Zonder gebruikersnaam: de noodaccounts."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="De gebruikersnaam.")
        parser.add_argument("--uit", action="store_true", help="Geen noodaccount meer.")

    def handle(self, *args, username=None, uit=False, **options):
        if not username:
            namen = list(User.objects.filter(noodaccount=True).order_by("username").values_list("username", flat=True))
            self.stdout.write(", ".join(namen) if namen else "Er zijn geen noodaccounts.")
            return
        wie = rolbeheer.os_gebruiker()
        try:
            with pghistory.context(commando="noodaccount", os_gebruiker=wie):
                gebruiker = services_sso.zet_noodaccount(username, aan=not uit, uitgevoerd_door=wie)
        except Weigering as fout:
            raise CommandError(fout.message) from None
        if uit:
            self.stdout.write(self.style.SUCCESS(f"{gebruiker.username} is geen noodaccount (meer)."))
        else:
            self.stdout.write(self.style.SUCCESS(
                f"{gebruiker.username} is een noodaccount: mag lokaal inloggen als single sign-on aan staat, "
                "altijd met een tweede factor. Elk gebruik wordt aan de beheerders gemeld."
            ))
