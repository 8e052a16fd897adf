from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OmoConfig(AppConfig):
    name = "omo"
    verbose_name = _("OMO kern")

    def ready(self):
        from omo import roles  # noqa: F401  registers the authorisation rules
