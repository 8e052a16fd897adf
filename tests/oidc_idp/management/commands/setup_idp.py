"""Creates the signing key (RS256) and OMO's confidential client, once per database."""

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.core.management.base import BaseCommand
from oidc_provider.models import Client, ResponseType, RSAKey


class Command(BaseCommand):
    help = "Signing key and the relying party's client for the test provider."

    def handle(self, *args, **options):
        if not RSAKey.objects.exists():
            key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
            pem = key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
            RSAKey.objects.create(key=pem.decode("ascii"))
        client, _ = Client.objects.update_or_create(
            client_id=settings.CLIENT_ID,
            defaults={
                "name": "OMO",
                "client_type": "confidential",
                "client_secret": settings.CLIENT_SECRET,
                "jwt_alg": "RS256",
                "require_consent": False,
                "reuse_consent": True,
            },
        )
        client.response_types.set([ResponseType.objects.get(value="code")])
        self.stdout.write(f"client {client.client_id}, {RSAKey.objects.count()} key(s)")
