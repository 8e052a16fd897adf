from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmoConfig(AppConfig):
    name = "omo"
    verbose_name = _("OMO kern")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in
        from django.db.models.signals import pre_save

        from omo import (
            rolbeheer,
            rules,  # noqa: F401  registers the rules of the shared core
        )
        from omo.middleware import start_session_clock
        from omo.sso import signalen as sso_signalen
        from omo.tekst import bewaak_opslag
        from omo.werkvoorraad_beheer import registreer_secties

        registreer_secties()
        user_logged_in.connect(start_session_clock, dispatch_uid="omo_session_clock")
        # An e-mail address a beheerder changed is the user's once they log in themselves.
        user_logged_in.connect(rolbeheer.ingelogd, dispatch_uid="omo_email_bevestigd")
        # A break-glass login with single sign-on on is reported to every beheerder.
        user_logged_in.connect(sso_signalen.lokaal_ingelogd, dispatch_uid="omo_noodlogin")
        # Every free text of every model of OMO's apps: no BSN, no text over its limit.
        pre_save.connect(bewaak_opslag, dispatch_uid="omo_vrije_tekst")
