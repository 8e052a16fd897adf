"""`manage.py demo_data` also loads the overleg, escalations, telefoonlijst and verzoeken:
enough to try every page of this part as each role."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from escalatie.models import Agendapunt, Contactpersoon, Escalatie, Overleg, Verslag, Verzoek
from omo.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def test_meetings_past_and_next_with_outcomes_verslagen_and_an_agenda(demo):
    vandaag = timezone.localdate()
    gesloten = Overleg.objects.filter(status=Overleg.Status.GESLOTEN)
    assert gesloten.count() >= 6 and all(o.datum < vandaag for o in gesloten)
    assert Verslag.objects.count() == gesloten.count()
    assert Agendapunt.objects.filter(status="besproken").exclude(uitkomst="").exists()
    volgende = Overleg.objects.filter(datum__gte=vandaag, status="gepland").order_by("datum").first()
    assert volgende.agendapunten.filter(status="ingediend").exists()


def test_escalations_at_every_level_and_state_and_verzoeken_in_every_state(demo):
    assert {2, 3, 4} <= set(Escalatie.objects.values_list("naar_niveau", flat=True))
    assert Escalatie.objects.filter(beslissing="").exists() and Escalatie.objects.exclude(beslissing="").exists()
    assert set(Verzoek.objects.values_list("status", flat=True)) == {"open", "opgepakt", "beantwoord", "verlopen"}
    assert Verzoek.objects.filter(status="open", deadline__lt=timezone.now()).exists()  # overdue
    assert Contactpersoon.objects.count() >= 8
    assert all(c.email.endswith("@example.org") for c in Contactpersoon.objects.all())


def test_demo_is_idempotent(demo):
    aantallen = (Overleg.objects.count(), Agendapunt.objects.count(), Escalatie.objects.count(), Verzoek.objects.count())
    call_command("demo_data", stdout=io.StringIO())
    assert aantallen == (Overleg.objects.count(), Agendapunt.objects.count(), Escalatie.objects.count(), Verzoek.objects.count())


def test_every_page_opens_for_the_demo_accounts(demo, client):
    omo = User.objects.get(username="omo")
    client.force_login(omo)
    volgende = Overleg.objects.filter(status="gepland").order_by("datum").first()
    gesloten = Overleg.objects.filter(status="gesloten").first()
    escalatie = Escalatie.objects.filter(naar_niveau=4).first()
    for url in (reverse("overleg_lijst"), reverse("overleg_detail", args=[volgende.pk]), reverse("bespreking", args=[volgende.pk]),
                reverse("overleg_detail", args=[gesloten.pk]), reverse("verslag_download", args=[gesloten.pk]),
                reverse("escalatie_inbox"), reverse("escalatie_detail", args=[escalatie.pk]),
                reverse("escalatie_let_pdf", args=[escalatie.pk]), reverse("telefoonlijst"), reverse("verzoek_lijst")):
        assert client.get(url).status_code == 200, url
    client.force_login(User.objects.get(username="wethouder"))
    body = client.get(reverse("escalatie_inbox")).content.decode()
    open_2 = Escalatie.objects.filter(naar_niveau=2, beslissing="").first()
    assert open_2.casus.code in body
