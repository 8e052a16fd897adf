from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """The privacy officer's app (DESIGN §10): the logs with their values, retention and
    destruction, the right of access. It reads every other app, so it sits on top of them."""

    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self):
        from privacy import werkvoorraad

        werkvoorraad.registreer_secties()
