"""The seed migrations' reference data again, as the migrated database has it (a transactional
test flushes it): the price list of 0003, with the units 0008 read from its texts."""

import importlib

from django.apps import apps as django_apps
from django.db.models.signals import pre_save

from casussen.models import Prijs

_eenheden = importlib.import_module("casussen.migrations.0008_kostenregel_eenheden")


def _met_eenheid(sender, instance, **kwargs):
    # 0003 knows no unit yet and the database refuses a price without one: the unit 0008 reads
    # from the text, as when migrating.
    if not instance.rekeneenheid:
        instance.rekeneenheid = _eenheden.rekeneenheid(instance.eenheid)


def herlaad_referentiedata():
    pre_save.connect(_met_eenheid, sender=Prijs)
    try:
        importlib.import_module("casussen.migrations.0003_referentiedata").seed(django_apps, None)
    finally:
        pre_save.disconnect(_met_eenheid, sender=Prijs)
    _eenheden.vooruit(django_apps, None)
