from django.apps import AppConfig


class IdpConfig(AppConfig):
    name = "tests.oidc_idp"
    label = "oidc_idp"
    default_auto_field = "django.db.models.BigAutoField"
