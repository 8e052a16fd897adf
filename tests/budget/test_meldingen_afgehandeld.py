"""A notification that asks for a decision on a request finishes when the request is decided,
withdrawn or decided by someone else: for every recipient it stops counting as unread and
stops asking. Its link is asked of the rules again when it is shown; opening it reads it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from budget.services import aanvraag as aanvraag_services
from omo import queries
from omo.models import Notificatie


@pytest.fixture
def twee_houders(make_user, make_fonds):
    bram = make_user("budgethouder", first_name="Bram", last_name="Budget")
    bea = make_user("budgethouder", first_name="Bea", last_name="Beslist")
    return bram, bea, make_fonds(houders=[bram, bea])


def _vraag(aanvraag, user):
    return Notificatie.objects.get(gebruiker=user, onderwerp=f"budget.aanvraag:{aanvraag.pk}")


def _lijst(client, user):
    client.force_login(user)
    return client.get(reverse("notificaties")).content.decode()


@pytest.mark.django_db
def test_decided_by_another_budget_holder_finishes_the_question_for_both(client, twee_houders, make_aanvraag):
    bram, bea, fonds = twee_houders
    aanvraag = make_aanvraag("400.00", fonds=fonds)
    for houder in (bram, bea):
        assert queries.unread_count(houder) == 1
        assert "wacht op je besluit" in _lijst(client, houder)

    aanvraag_services.keur_goed(aanvraag.pk, bea, "Past binnen het fonds")

    for houder in (bram, bea):
        melding = _vraag(aanvraag, houder)
        assert melding.afgehandeld_op is not None
        assert queries.unread_count(houder) == 0
        html = _lijst(client, houder)
        assert "wacht op je besluit" not in html
        assert "Afgehandeld" in html
        assert 'id="ongelezen-aantal"' not in html


@pytest.mark.django_db
def test_rejection_finishes_the_question(twee_houders, make_aanvraag):
    bram, bea, fonds = twee_houders
    aanvraag = make_aanvraag("400.00", fonds=fonds)
    aanvraag_services.wijs_af(aanvraag.pk, bram, "Er is een reguliere route")
    assert all(_vraag(aanvraag, h).afgehandeld_op for h in (bram, bea))


@pytest.mark.django_db
def test_withdrawal_finishes_the_question_for_every_budget_holder(twee_houders, make_aanvraag, consulent):
    bram, bea, fonds = twee_houders
    aanvraag = make_aanvraag("400.00", fonds=fonds)
    aanvraag_services.trek_in(aanvraag.pk, consulent, "Toch niet nodig")
    assert all(_vraag(aanvraag, h).afgehandeld_op for h in (bram, bea))
    assert queries.unread_count(bram) == queries.unread_count(bea) == 0


@pytest.mark.django_db
def test_sent_back_by_the_college_and_submitted_again_asks_anew(client, twee_houders, make_aanvraag, make_user, consulent):
    from decimal import Decimal

    bram, _, fonds = twee_houders
    fonds.mandaat = Decimal("100.00")
    fonds.save()
    aanvraag = make_aanvraag("400.00", fonds=fonds)
    aanvraag_services.leg_voor_aan_college(aanvraag.pk, bram, "Boven mijn mandaat")
    aanvraag_services.beslis_als_college(aanvraag.pk, make_user("college"), "teruggelegd", "Vraag minder")
    Notificatie.objects.filter(gebruiker=bram).update(gelezen_op=timezone.now())  # read the College's answer
    aanvraag_services.wijzig(aanvraag.pk, consulent, {"bedrag": "90.00"})
    aanvraag_services.dien_in(aanvraag.pk, consulent)
    vragen = Notificatie.objects.filter(gebruiker=bram, onderwerp=f"budget.aanvraag:{aanvraag.pk}")
    assert vragen.count() == 2
    assert vragen.filter(afgehandeld_op__isnull=True).count() == 1
    assert queries.unread_count(bram) == 1
    assert "wacht op je besluit" in _lijst(client, bram)


@pytest.mark.django_db
def test_the_answer_to_the_requester_is_not_finished_by_its_own_decision(twee_houders, make_aanvraag, consulent):
    """Telling the consulent the outcome asks nothing: it stays unread until they read it."""
    bram, _, fonds = twee_houders
    aanvraag = make_aanvraag("400.00", fonds=fonds)
    aanvraag_services.keur_goed(aanvraag.pk, bram, "Akkoord")
    besluit = Notificatie.objects.get(gebruiker=consulent, sleutel__startswith=f"aanvraag-{aanvraag.pk}-besluit")
    assert besluit.afgehandeld_op is None
    assert queries.unread_count(consulent) == 1


@pytest.mark.django_db
def test_a_link_the_rules_no_longer_allow_is_not_shown(client, twee_houders, make_aanvraag):
    bram, bea, fonds = twee_houders
    aanvraag = make_aanvraag("400.00", fonds=fonds)
    link = reverse("aanvraag_detail", kwargs={"pk": aanvraag.pk})
    assert f'href="{link}"' in _lijst(client, bram)
    fonds.budgethouders.remove(bram)  # no longer holds the fund: may not open the request
    html = _lijst(client, bram)
    assert "Aanvraag " in html  # the text still tells what it was
    assert f'href="{link}"' not in html
    assert f'href="{link}"' in _lijst(client, bea)


@pytest.mark.django_db
def test_opening_the_request_marks_its_notification_read(client, twee_houders, make_aanvraag):
    bram, bea, fonds = twee_houders
    aanvraag = make_aanvraag("400.00", fonds=fonds)
    client.force_login(bram)
    response = client.get(reverse("aanvraag_detail", kwargs={"pk": aanvraag.pk}))
    assert response.status_code == 200
    assert 'id="ongelezen-aantal"' not in response.content.decode()
    assert _vraag(aanvraag, bram).gelezen_op is not None
    assert _vraag(aanvraag, bea).gelezen_op is None  # only who opened it


@pytest.mark.django_db
def test_the_migration_finishes_old_questions_about_requests_already_decided(twee_houders, make_aanvraag):
    """Notifications sent before they named their subject: read from their key, and finished
    when the request was decided or withdrawn already; an open one stays open and asks."""
    import importlib

    from django.apps import apps

    bram, _, fonds = twee_houders
    besloten, open_ = make_aanvraag("400.00", fonds=fonds), make_aanvraag("300.00", fonds=fonds)
    Notificatie.objects.all().delete()
    for aanvraag in (besloten, open_):
        Notificatie.objects.create(
            gebruiker=bram, tekst=f"Aanvraag {aanvraag.pk}: € 400 uit OMO-fonds wacht op je besluit",
            sleutel=f"aanvraag-{aanvraag.pk}-ingediend")
    aanvraag_services.wijs_af(besloten.pk, bram, "Reguliere route")  # before the keys were read: nothing finished
    assert not Notificatie.objects.filter(afgehandeld_op__isnull=False).exists()

    importlib.import_module("omo.migrations.0009_notificatie_afhandeling").onderwerp_uit_sleutel(apps, None)
    importlib.import_module("budget.migrations.0004_notificaties_afgehandeld").afgehandeld(apps, None)

    oud = Notificatie.objects.get(sleutel=f"aanvraag-{besloten.pk}-ingediend")
    assert oud.afgehandeld_op is not None and "wacht op je besluit" not in str(oud)
    nog_open = Notificatie.objects.get(sleutel=f"aanvraag-{open_.pk}-ingediend")
    assert nog_open.afgehandeld_op is None and str(nog_open).endswith("wacht op je besluit")
    aanvraag_services.keur_goed(open_.pk, bram, "Akkoord")
    nog_open.refresh_from_db()
    assert nog_open.afgehandeld_op is not None
