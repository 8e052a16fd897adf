"""`manage.py demo_code [gebruiker]`: the code a demo account's authenticator app shows now.

Development only (DEBUG on): the demo accounts share one secret (`omo.demo_totp`), so this is
what an authenticator app with that secret shows. With a username, the code of that account's
own app, for the next time step it still accepts.
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import TOTP

from omo import demo_totp


class Command(BaseCommand):
    help = "Toont de huidige code van 6 cijfers van de demo-accounts (alleen met DEBUG aan)."

    def add_arguments(self, parser):
        parser.add_argument("gebruiker", nargs="?", help="gebruikersnaam van een demo-account")

    def handle(self, *args, gebruiker=None, **options):
        if not settings.DEBUG:
            raise CommandError("demo_code werkt alleen met DEBUG aan: er zijn geen demo-accounts in productie.")
        if gebruiker is None:
            self.stdout.write(demo_totp.code())
            return
        from omo import tweedefactor
        from omo.models import User

        user = User.objects.filter(username=gebruiker).first()
        device = tweedefactor.app(user) if user is not None else None
        if device is None:
            raise CommandError(f"{gebruiker} heeft geen authenticator-app.")
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        if totp.t() <= device.last_t:
            # The current step's code was used already: the app's next code is accepted too.
            totp.time = totp.time + (device.last_t + 1 - totp.t()) * device.step
        self.stdout.write(f"{totp.token():0{device.digits}d}")
