from django.apps import AppConfig


class CasussenConfig(AppConfig):
    name = "casussen"

    def ready(self):
        from casussen import werkvoorraad

        werkvoorraad.registreer_secties()
