"""The seed migrations' reference data again, as the migrated database has it (a transactional
test flushes it): the price list of 0003, with the units 0008 read from its texts."""

import importlib

from django.apps import apps as django_apps

from casussen.models import Prijs


def herlaad_referentiedata():
    # 0003 knows no unit yet; the database refuses a price without one, so the rows get a
    # provisional unit that 0008 then reads from their texts, as it did when migrating.
    veld = Prijs._meta.get_field("rekeneenheid")
    eerder = veld.default
    veld.default = "per_stuk"
    try:
        importlib.import_module("casussen.migrations.0003_referentiedata").seed(django_apps, None)
    finally:
        veld.default = eerder
    importlib.import_module("casussen.migrations.0008_kostenregel_eenheden").vooruit(django_apps, None)
