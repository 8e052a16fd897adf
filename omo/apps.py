from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmoConfig(AppConfig):
    name = "omo"
    verbose_name = _("OMO kern")

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from omo import roles  # noqa: F401  registers the authorisation rules
        from omo.middleware import start_session_clock

        user_logged_in.connect(start_session_clock, dispatch_uid="omo_session_clock")
