"""`manage.py demo_data` also loads the reports' demo: the demo knelpunten in groups (the
Toeslagen knelpunt of three cases is a structureel signaal), patronen in every phase, last
quarter's report definitief with both PDFs, and this quarter's concept. Idempotent."""

import io

import pytest
from django.core.management import call_command
from django.utils import timezone

from rapportage.models import Knelpuntgroep, Patroon, Rapport, RapportBestand
from rapportage.perioden import kwartaal, vorig_kwartaal

pytestmark = pytest.mark.django_db


def test_demo_has_a_definitive_report_a_concept_patterns_and_a_signal(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    vandaag = timezone.localdate()

    van, tot = vorig_kwartaal(vandaag)
    vorige = Rapport.objects.get(soort=Rapport.Soort.KWARTAAL, van=van, tot=tot)
    assert vorige.status == Rapport.Status.DEFINITIEF and vorige.aanbevelingen
    bestanden = RapportBestand.objects.filter(rapport=vorige)
    assert set(bestanden.values_list("variant", flat=True)) == set(RapportBestand.Variant.values)
    assert all(b.bestand.open("rb").read(5) == b"%PDF-" for b in bestanden)

    van, _tot = kwartaal(vandaag)
    huidig = Rapport.objects.get(soort=Rapport.Soort.KWARTAAL, van=van)
    assert huidig.status == Rapport.Status.CONCEPT and huidig.samenvatting and not huidig.aanbevelingen

    assert set(Patroon.objects.values_list("fase", flat=True)) == set(Patroon.Fase.values)
    assert Patroon.objects.filter(knelpunten__isnull=False).exists()
    assert Knelpuntgroep.objects.filter(signaal_sinds__isnull=False, aantal_casussen__gte=3).exists()

    voor = (Rapport.objects.count(), RapportBestand.objects.count(), Patroon.objects.count())
    uitvoer = io.StringIO()
    call_command("demo_data", stdout=uitvoer)
    assert "niets gewijzigd" in uitvoer.getvalue()
    assert (Rapport.objects.count(), RapportBestand.objects.count(), Patroon.objects.count()) == voor
