"""The werkvoorraad: the page after login lists, per role, the work waiting for the user. Its
counts are those of the inboxes it summarises; it stays within 12 queries for every demo role,
also when there is much more work."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from omo import werkvoorraad
from omo.models import Bericht, User

# Sections whose link goes to a page that is not the same list: the meeting list shows every
# meeting, the sluitingsdagen are the admin's table (the section only says "none for next year").
GEEN_LIJST = {"escalatie.overleg", "omo.sluitingsdagen"}


@pytest.fixture
def demo(settings, db):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())


def _demo_users():
    return list(User.objects.filter(is_active=True).prefetch_related("groups").order_by("username"))


def _aantal_in_lijst(response, code) -> int:
    if code == "omo.rolwijzigingen":
        return len(response.context["open"])
    page = response.context["page"]
    return page.paginator.count


@pytest.mark.django_db
def test_every_count_equals_the_list_it_links_to_for_every_demo_user(client, demo):
    gezien = set()
    for user in _demo_users():
        client.force_login(user)
        for uitkomst in werkvoorraad.voor(user):
            code = uitkomst.sectie.code
            if not uitkomst.inbox or code in GEEN_LIJST:
                continue
            response = client.get(uitkomst.inbox)
            assert response.status_code == 200, (user.username, uitkomst.inbox)
            assert uitkomst.aantal == _aantal_in_lijst(response, code), (user.username, code)
            if uitkomst.aantal:
                gezien.add(code)
    # The demo has work in the main inboxes, so the comparison says something.
    assert {"budget.inbox", "escalatie.escalaties", "rapportage.signalen", "rapportage.rapporten"} <= gezien


@pytest.mark.django_db
def test_each_role_sees_its_own_work_first(client, demo):
    """The budget holder sees the requests waiting with how long they wait; the portefeuillehouder
    the escalations with their deadline in werkdagen; the beheerder the role changes and mails."""
    verwacht = {
        "budgethouder": "Aanvragen die op je besluit wachten",
        "portefeuillehouder": "Escalaties die op een besluit wachten",
        "consulent": "Mijn casussen in voorbereiding",
        "omo": "Volgend OMO-overleg",
        "beleid": "Structurele signalen",
        "beheerder": "Rolwijzigingen die op goedkeuring wachten",
    }
    for user in _demo_users():
        rollen = {g.name for g in user.groups.all()}
        client.force_login(user)
        html = client.get(reverse("home")).content.decode()
        for rol, kop in verwacht.items():
            if rol in rollen:
                assert kop in html, (user.username, rol)
        if "budget.inbox" in {u.sectie.code for u in werkvoorraad.voor(user) if u.aantal}:
            assert "wacht " in html or "sinds vandaag" in html


def _meer_werk():
    """Many more rows in every section's source: failed mails, submitted requests, open
    escalations, structural signals."""
    from budget.models import Aanvraag
    from escalatie.models import Escalatie
    from rapportage.models import Knelpuntgroep

    nu = timezone.now()
    Bericht.objects.bulk_create([
        Bericht(sleutel=f"test-{i}", aan=[f"x{i}@example.nl"], onderwerp="Test", tekst="Test",
                laatste_fout="SMTP weg", pogingen=3)
        for i in range(40)
    ])
    Bericht.objects.filter(sleutel__startswith="test-").update(aangemaakt_op=nu - timedelta(hours=2))
    aanvraag = Aanvraag.objects.filter(status=Aanvraag.Status.INGEDIEND).first()
    for _ in range(30):
        aanvraag.pk = None
        aanvraag.save()
    for groep in Knelpuntgroep.objects.filter(signaal_sinds__isnull=True)[:30]:
        groep.signaal_sinds = nu
        groep.save(update_fields=["signaal_sinds"])
    open_escalatie = Escalatie.objects.filter(beslissing="").first()
    for _ in range(30):
        open_escalatie.pk = None
        try:
            open_escalatie.save()
        except Exception:  # noqa: BLE001 - a database rule against a second open one: fewer then
            break


@pytest.mark.django_db
def test_at_most_12_queries_for_every_demo_role_also_with_much_more_work(client, demo, django_assert_max_num_queries):
    users = _demo_users()
    for ronde in ("demo", "veel"):
        if ronde == "veel":
            _meer_werk()
        for user in users:
            client.force_login(user)
            client.get(reverse("home"))  # a first request may read the notifications it opens
            with django_assert_max_num_queries(12, info=f"{user.username} ({ronde})"):
                response = client.get(reverse("home"))
            assert response.status_code == 200


@pytest.mark.django_db
def test_a_section_shows_ten_and_links_to_all(client, demo):
    _meer_werk()
    beheerder = next(u for u in _demo_users() if any(g.name == "beheerder" for g in u.groups.all()))
    client.force_login(beheerder)
    html = client.get(reverse("home")).content.decode()
    assert html.count("niet verstuurd: SMTP weg") == 10
    assert "Alle 40 bekijken" not in html  # failed mails have no list page to link to
    budgethouder = next(u for u in _demo_users() if any(g.name == "budgethouder" for g in u.groups.all()))
    client.force_login(budgethouder)
    uitkomst = next(u for u in werkvoorraad.voor(budgethouder) if u.sectie.code == "budget.inbox")
    assert len(uitkomst.items) == 10 and uitkomst.aantal > 30
    html = client.get(reverse("home")).content.decode()
    assert f"Alle {uitkomst.aantal} bekijken" in html


@pytest.mark.django_db
def test_an_empty_section_says_so(client_as):
    client = client_as("budgethouder")
    html = client.get(reverse("home")).content.decode()
    assert "Geen aanvragen die op je besluit wachten." in html


def test_werkdagen_between_two_dates():
    from datetime import date

    from omo.werkdagen import werkdagen_tussen

    vrijdag, maandag = date(2026, 12, 4), date(2026, 12, 7)
    assert werkdagen_tussen(vrijdag, maandag, set()) == 1
    assert werkdagen_tussen(maandag, vrijdag, set()) == -1
    assert werkdagen_tussen(maandag, maandag, set()) == 0
    # Christmas: Thursday 24 → Monday 28 December 2026 skips both Christmas days and the weekend.
    assert werkdagen_tussen(date(2026, 12, 24), date(2026, 12, 28), set()) == 1
    assert werkdagen_tussen(vrijdag, maandag, {maandag}) == 0


@pytest.mark.django_db
def test_loans_in_arrears_are_the_ones_the_leningen_page_marks_behind(client, demo):
    from decimal import Decimal

    from budget import queries
    from budget.models import Aanvraag

    lening = Aanvraag.objects.filter(soort__in=Aanvraag.TERUG_TE_BETALEN).first()
    vandaag = timezone.localdate()
    Aanvraag.objects.filter(pk=lening.pk).update(
        soort=Aanvraag.Soort.LENING, status=Aanvraag.Status.UITSTAAND, betaald=Decimal("1200"),
        kwijtgescholden=0, afgelost=Decimal("100"), termijnbedrag=Decimal("100"),
        eerste_termijn=vandaag - timedelta(days=70))
    budgethouder = next(u for u in _demo_users() if any(g.name == "budgethouder" for g in u.groups.all()))
    alle = queries.met_aflosstand(list(queries.leningen(budgethouder)), vandaag)
    achter = {a.pk for a in alle if a.achterstand > 0}
    assert lening.pk in achter
    assert {a.pk for a in queries.in_achterstand(budgethouder, vandaag)} == achter
    client.force_login(budgethouder)
    html = client.get(reverse("home")).content.decode()
    assert "Aflossingen in achterstand" in html and "achter, aflossing €\u00a0100,00 per maand" in html


@pytest.mark.django_db
def test_a_verzoek_due_today_is_on_the_worklist_of_omo_and_of_the_casushouder(client, demo):
    from escalatie.models import Verzoek

    verzoek = Verzoek.objects.filter(casus__isnull=False).select_related("casus__casushouder").first()
    Verzoek.objects.filter(pk=verzoek.pk).update(status=Verzoek.Status.OPEN, deadline=timezone.now())
    link = reverse("verzoek_detail", kwargs={"vid": verzoek.pk})
    omo = next(u for u in _demo_users() if any(g.name == "omo" for g in u.groups.all()))
    for user in (omo, verzoek.casus.casushouder):
        uitkomst = next(u for u in werkvoorraad.voor(user) if u.sectie.code == "escalatie.verzoeken")
        assert link in {i.link for i in uitkomst.items}, user.username
        client.force_login(user)
        assert uitkomst.aantal == client.get(uitkomst.inbox).context["page"].paginator.count


@pytest.mark.django_db
def test_the_next_overleg_shows_the_stukken_deadline_and_the_items_without_a_scenario(client, demo):
    from datetime import date

    from casussen.models import Scenario
    from escalatie.models import Agendapunt, Overleg
    from omo.werkdagen import stukken_deadline

    vandaag = timezone.localdate()
    # A meeting well ahead, so its stukken deadline has not passed: one item without a scenario.
    overleg = Overleg.objects.filter(status=Overleg.Status.GEPLAND).first()
    overleg.datum = vandaag + timedelta(days=21)
    overleg.save()
    Overleg.objects.filter(status=Overleg.Status.GEPLAND, datum__lt=overleg.datum).exclude(pk=overleg.pk).update(
        datum=date(vandaag.year + 1, 12, 1))
    punt = Agendapunt.objects.filter(status=Agendapunt.Status.INGEDIEND).select_related("casus__casushouder").first()
    Agendapunt.objects.filter(pk=punt.pk).update(overleg=overleg)
    Scenario.objects.filter(casus=punt.casus).delete()
    zonder = Agendapunt.objects.filter(overleg=overleg, status=Agendapunt.Status.INGEDIEND).exclude(
        casus__in=Scenario.objects.values("casus")).count()
    omo = next(u for u in _demo_users() if any(g.name == "omo" for g in u.groups.all()))
    item = next(u for u in werkvoorraad.voor(omo) if u.sectie.code == "escalatie.overleg").items[0]
    assert item.uiterlijk == item.stukken_uiterlijk == stukken_deadline(overleg.datum)
    assert f"{zonder} zonder scenario" in item.toelichting and zonder >= 1
    client.force_login(omo)
    assert "Stukken uiterlijk" in client.get(reverse("home")).content.decode()
    # The casushouder counts down to the same deadline for their case on that agenda.
    mijn = next(u for u in werkvoorraad.voor(punt.casus.casushouder) if u.sectie.code == "escalatie.agenda")
    assert any(i.uiterlijk == stukken_deadline(overleg.datum) for i in mijn.items)
