"""The provider as `make idp` runs it (tests/oidc_idp/handmatig.py): the key and OMO's client
(setup_idp), the client's redirect URIs exactly as given, and the demo users put back as listed
in `handmatig.DEMO_GEBRUIKERS` (password, names, verified e-mail, groups). Idempotent: a user's
groups changed by hand are the demo groups again after this."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from oidc_provider.models import Client

from tests.oidc_idp import handmatig


class Command(BaseCommand):
    help = "Key, OMO's client and the demo users of the provider that `make idp` starts."

    def add_arguments(self, parser):
        parser.add_argument("--redirect-uri", action="append", default=[], help="OMO's callback; repeatable")
        parser.add_argument("--post-logout-uri", action="append", default=[], help="after logout; repeatable")

    @transaction.atomic
    def handle(self, *args, **options):
        call_command("setup_idp", stdout=self.stdout)
        client = Client.objects.get(client_id=settings.CLIENT_ID)
        client.redirect_uris = list(dict.fromkeys(options["redirect_uri"]))
        client.post_logout_redirect_uris = list(dict.fromkeys(options["post_logout_uri"]))
        client.save()
        User = get_user_model()
        for username, voornaam, achternaam, groepen in handmatig.DEMO_GEBRUIKERS:
            user, _ = User.objects.get_or_create(username=username)
            user.first_name, user.last_name = voornaam, achternaam
            user.email = handmatig.email(username)
            user.is_active = True
            user.set_password(handmatig.WACHTWOORD)
            user.save()
            user.groups.set([Group.objects.get_or_create(name=naam)[0] for naam in groepen])
        self.stdout.write(f"{len(handmatig.DEMO_GEBRUIKERS)} demo-gebruikers, redirect-URI's: {', '.join(client.redirect_uris)}")
