from django.apps import AppConfig


class EscalatieConfig(AppConfig):
    name = "escalatie"
