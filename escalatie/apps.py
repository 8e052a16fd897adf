from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EscalatieConfig(AppConfig):
    name = "escalatie"
    verbose_name = _("Overleg en escalatie")

    def ready(self):
        from escalatie import acties

        acties.registreer()
