"""A user's groups at the provider that `make idp` starts: shown, or changed (`make idp-groepen`).
The next login to OMO carries them; the provider's session is no obstacle, as the groups claim is
made at every token."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from tests.oidc_idp import handmatig


def _namen(user):
    return sorted(user.groups.values_list("name", flat=True))


class Command(BaseCommand):
    help = "Shows or sets a user's groups at the provider of `make idp`."

    def add_arguments(self, parser):
        parser.add_argument("gebruiker", nargs="?", help="without: every user")
        parser.add_argument("--groepen", help="comma-separated; empty: no group")

    def regel(self, user):
        groepen = _namen(user)
        self.stdout.write(f"{user.username:<18} {', '.join(groepen) or '(geen groepen)':<40} → {handmatig.in_omo(groepen)}")

    @transaction.atomic
    def handle(self, *args, gebruiker=None, groepen=None, **options):
        if "auth_user" not in connection.introspection.table_names():
            raise CommandError("De testprovider is nog niet ingericht: start eerst `make idp`.")
        User = get_user_model()
        if not gebruiker:
            if groepen is not None:
                raise CommandError("Noem de gebruiker: make idp-groepen GEBRUIKER=sso-consulent GROEPEN=...")
            for user in User.objects.order_by("username"):
                self.regel(user)
            return
        user = User.objects.filter(username=gebruiker).first()
        if user is None:
            bekend = ", ".join(User.objects.order_by("username").values_list("username", flat=True))
            raise CommandError(f"Gebruiker '{gebruiker}' bestaat niet bij de testprovider; wel: {bekend}.")
        if groepen is None:
            self.regel(user)
            return
        oud = _namen(user)
        nieuw = sorted({naam.strip() for naam in groepen.split(",") if naam.strip()})
        user.groups.set([Group.objects.get_or_create(name=naam)[0] for naam in nieuw])
        self.stdout.write(f"{user.username}: {', '.join(oud) or '(geen groepen)'} → {', '.join(nieuw) or '(geen groepen)'}")
        onbekend = [naam for naam in nieuw if naam not in handmatig.ROLLEN and naam not in handmatig.TEAMS]
        if onbekend:
            self.stdout.write(f"Niet gekoppeld in OIDC_ROLLEN/OIDC_TEAMS: {', '.join(onbekend)}")
        self.stdout.write(f"Bij de volgende login in OMO: {handmatig.in_omo(nieuw)}")
