"""Demo data: one account per role, teams and the sluitingsdagen of a Limburg gemeente, then
the demo data of every installed app that has a `demo` module with a `load(stdout=None)`
function (in INSTALLED_APPS order), so that `omo` does not depend on the apps built on it.

The demo accounts whose role needs a second factor (rule `omo.tweede_factor_verplicht`) get a
confirmed authenticator app with the one demo secret (`omo.demo_totp`, printed by `make run`;
`manage.py demo_code` shows the current code); the others log in with the password alone.

Idempotent: a second run changes nothing. Refuses to run with DEBUG off.
"""

import importlib
import importlib.util
from datetime import date

import pghistory
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.translation import ngettext

from omo import roles
from omo.models import Sluitingsdag, Team, User

DEMO_PASSWORD = "demo"

TEAMS = [
    ("Wijkteam Centrum", Team.Soort.WIJKTEAM),
    ("Wijkteam Noord", Team.Soort.WIJKTEAM),
    ("Wijkteam Zuid", Team.Soort.WIJKTEAM),
    ("Schuldhulpverlening", Team.Soort.AFDELING),
    ("Jeugd en Gezin", Team.Soort.AFDELING),
    ("Participatie en Inkomen", Team.Soort.AFDELING),
    ("Sociaal Domein Beleid", Team.Soort.AFDELING),
]

# username, first name, last name, role, team, functie
ACCOUNTS = [
    ("consulent", "Sanne", "Jacobs", roles.CONSULENT, "Wijkteam Centrum", "Consulent wijkteam"),
    ("coach", "Ruud", "Hermans", roles.MAATWERKCOACH, "Wijkteam Centrum", "Maatwerkcoach"),
    ("omo", "Ilse", "Vossen", roles.OMO, "Sociaal Domein Beleid", "OMO-functionaris"),
    ("budgethouder", "Marco", "Smeets", roles.BUDGETHOUDER, "Wijkteam Centrum", "Teamleider"),
    ("wethouder", "Anja", "Custers", roles.PORTEFEUILLEHOUDER, None, "Wethouder sociaal domein"),
    ("college", "Peter", "Dassen", roles.COLLEGE, None, "Secretaris College van B&W"),
    ("beleid", "Noor", "Bemelmans", roles.BELEID, "Sociaal Domein Beleid", "Beleidsmedewerker"),
    ("beheerder", "Tom", "Wetzels", roles.BEHEERDER, "Sociaal Domein Beleid", "Functioneel beheerder"),
    ("privacy", "Femke", "Lemmens", roles.PRIVACY, "Sociaal Domein Beleid", "Functionaris gegevensbescherming"),
    # A second beheerder: granting a privileged role needs one (four eyes).
    ("beheerder-2", "Lotte", "Hendriks", roles.BEHEERDER, "Sociaal Domein Beleid", "Functioneel beheerder"),
]

# Closing days of a Limburg gemeente: carnaval (Monday and Tuesday), the Friday after
# Hemelvaart, and the day between Christmas and New Year where the town hall closes.
SLUITINGSDAGEN = [
    (date(2026, 2, 16), "Carnavalsmaandag"),
    (date(2026, 2, 17), "Carnavalsdinsdag"),
    (date(2026, 5, 15), "Vrijdag na Hemelvaart"),
    (date(2026, 12, 31), "Oudejaarsdag"),
    (date(2027, 2, 8), "Carnavalsmaandag"),
    (date(2027, 2, 9), "Carnavalsdinsdag"),
    (date(2027, 5, 7), "Vrijdag na Hemelvaart"),
    (date(2027, 12, 31), "Oudejaarsdag"),
]


class Command(BaseCommand):
    help = (
        "Maakt demo-accounts (wachtwoord 'demo'), teams, sluitingsdagen en de demo-gegevens van de "
        "apps (zoals demo-casussen) aan. Alleen met DEBUG aan."
    )

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError(
                "demo_data weigert te draaien met DEBUG uit: demo-accounts met wachtwoord "
                "'demo' horen niet in productie."
            )
        with transaction.atomic(), pghistory.context(commando="demo_data"):
            created = self.load()
            for app_config in apps.get_app_configs():
                if importlib.util.find_spec(f"{app_config.name}.demo") is not None:
                    module = importlib.import_module(f"{app_config.name}.demo")
                    created += module.load(stdout=self.stdout) or 0
        if created:
            self.stdout.write(self.style.SUCCESS(
                ngettext("Demo-gegevens aangemaakt: %(n)s nieuwe rij.", "Demo-gegevens aangemaakt: %(n)s nieuwe rijen.",
                         created) % {"n": created}
            ))
        else:
            self.stdout.write("Demo-gegevens waren al aanwezig; niets gewijzigd.")

    def load(self) -> int:
        roles.sync_roles()
        created = 0
        teams = {}
        for naam, soort in TEAMS:
            teams[naam], new = Team.objects.get_or_create(naam=naam, defaults={"soort": soort})
            created += new
        from django.contrib.auth.models import Group

        for username, first, last, rol, team, functie in ACCOUNTS:
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(
                    username=username,
                    first_name=first,
                    last_name=last,
                    email=f"{username}@omo.example.nl",
                    team=teams.get(team),
                    functie=functie,
                    is_staff=rol == roles.BEHEERDER,
                )
                # The demo password is shorter than the validators allow: set it directly.
                user.set_password(DEMO_PASSWORD)
                user.save()
                user.groups.add(Group.objects.get(name=rol))
                created += 1
            created += self.tweede_factor(user)
        for datum, omschrijving in SLUITINGSDAGEN:
            _obj, new = Sluitingsdag.objects.get_or_create(
                datum=datum, defaults={"omschrijving": omschrijving}
            )
            created += new
        return created

    @staticmethod
    def tweede_factor(user) -> int:
        """The demo secret as `user`'s authenticator app, where the role needs a second factor
        and the account has none yet (1 when made)."""
        from django_otp.plugins.otp_totp.models import TOTPDevice

        from omo import demo_totp, tweedefactor

        if not tweedefactor.is_verplicht(user) or tweedefactor.heeft_tweede_factor(user):
            return 0
        TOTPDevice.objects.create(
            user=user, name=tweedefactor.APP_NAAM, confirmed=True, key=demo_totp.sleutel().hex()
        )
        return 1
