from django.apps import AppConfig


class RapportageConfig(AppConfig):
    name = "rapportage"

    def ready(self):
        # Casussen does not know rapportage (apps depend one way): the knelpunt groups follow
        # every save and delete of a knelpunt through these receivers, in the same transaction.
        from django.db.models.signals import post_delete, post_save, pre_delete

        from casussen.models import Knelpunt
        from rapportage import werkvoorraad
        from rapportage.services import signalen

        werkvoorraad.registreer_secties()
        post_save.connect(signalen.na_opslaan, sender=Knelpunt, dispatch_uid="rapportage_knelpunt_opgeslagen")
        pre_delete.connect(signalen.voor_verwijderen, sender=Knelpunt, dispatch_uid="rapportage_knelpunt_verwijderen")
        post_delete.connect(signalen.na_verwijderen, sender=Knelpunt, dispatch_uid="rapportage_knelpunt_verwijderd")
        # A case declared vervallen leaves the signals: its groups are recounted.
        from casussen.uitbreidingen import registreer_bij_vervallen

        registreer_bij_vervallen(signalen.bij_vervallen)
