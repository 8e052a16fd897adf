from django.apps import AppConfig


class CasussenConfig(AppConfig):
    name = "casussen"
