"""`createsuperuser` refuses: OMO has no superusers. The first account comes from
`manage.py maak_beheerder`; access is granted by roles only.

(Django's own command of the same name ends with the same message, from
`omo.models.OmoUserManager.create_superuser`, when django.contrib.auth's command is the one
found first.)"""

from django.core.management.base import BaseCommand, CommandError

from omo.models import GEEN_SUPERUSER


class Command(BaseCommand):
    help = "Geweigerd: OMO kent geen superusers. Gebruik manage.py maak_beheerder voor het eerste account."

    def add_arguments(self, parser):
        # The options of Django's command, so that a script calling it gets the message, not a usage error.
        parser.add_argument("--username")
        parser.add_argument("--email")
        parser.add_argument("--database")
        parser.add_argument("--noinput", "--no-input", action="store_false", dest="interactive")

    def handle(self, *args, **options):
        raise CommandError(str(GEEN_SUPERUSER))
