"""Notifications: idempotent per key, in-app list with unread count, e-mail through a real worker."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from omo import services
from omo.models import Notificatie


@pytest.mark.django_db
def test_notify_is_idempotent_on_key(make_user, django_capture_on_commit_callbacks):
    user = make_user("consulent")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first = services.notify(user, "Verzoek verloopt morgen", "/verzoeken/", "verzoek-1-herinnering",
                                doel=("escalatie.zie_verzoeken", None))
        again = services.notify(user, "Verzoek verloopt morgen", "/verzoeken/", "verzoek-1-herinnering",
                                doel=("escalatie.zie_verzoeken", None))
    assert first.pk == again.pk
    assert Notificatie.objects.filter(gebruiker=user).count() == 1
    assert len(callbacks) == 1  # one e-mail task queued, not two
    assert first.link == "/verzoeken/"


@pytest.mark.django_db
def test_notify_drops_a_link_the_user_may_not_open(make_user):
    """The text still tells them; the link would answer 403 or 404."""
    user = make_user("budgethouder")
    melding = services.notify(user, "Er is geëscaleerd", "/escalaties/", "esc-1",
                              doel=("escalatie.zie_escalaties", None))
    assert melding.link == ""
    assert melding.tekst == "Er is geëscaleerd"
    with pytest.raises(ValueError):
        services.notify(user, "Zonder doel", "/escalaties/", "esc-2")


@pytest.mark.django_db
def test_same_key_for_two_users_notifies_both(make_user):
    a, b = make_user("omo"), make_user("beleid")
    services.notify(a, "Nieuw structureel signaal", "", "signaal-7")
    services.notify(b, "Nieuw structureel signaal", "", "signaal-7")
    assert Notificatie.objects.filter(sleutel="signaal-7").count() == 2


@pytest.mark.django_db
def test_notify_needs_a_key(make_user):
    with pytest.raises(ValueError):
        services.notify(make_user("omo"), "tekst", "", "")


@pytest.mark.django_db
def test_unread_count_in_navigation_and_mark_read(client_as):
    client = client_as("consulent")
    services.notify(client.user, "Eerste melding", "", "m1")
    services.notify(client.user, "Tweede melding", "", "m2")
    html = client.get(reverse("home")).content.decode()
    assert 'id="ongelezen-aantal">2' in html
    html = client.get(reverse("notificaties")).content.decode()
    assert "Eerste melding" in html and "Tweede melding" in html
    response = client.post(reverse("notificaties_gelezen"), follow=True)
    assert "ongelezen-aantal" not in response.content.decode()
    assert not Notificatie.objects.filter(gebruiker=client.user, gelezen_op__isnull=True).exists()


@pytest.mark.django_db
def test_users_see_only_their_own_notifications(client_as, make_user):
    other = make_user("omo")
    services.notify(other, "Geheime melding voor een ander", "", "x")
    client = client_as("consulent")
    assert "Geheime melding" not in client.get(reverse("notificaties")).content.decode()


@pytest.mark.django_db
def test_notification_list_query_budget(client_as, django_assert_max_num_queries):
    client = client_as("consulent")
    for i in range(120):
        services.notify(client.user, f"Melding {i}", "", f"k{i}")
    # Session, user, roles, permissions, unread count, page count, page rows, session save.
    with django_assert_max_num_queries(11):
        response = client.get(reverse("notificaties"))
    assert response.status_code == 200


@pytest.mark.django_db
def test_mail_is_sent_once(make_user):
    user = make_user("consulent", email="sanne@example.nl")
    notificatie = Notificatie.objects.create(gebruiker=user, tekst="Plan besproken", link="/x/", sleutel="k")
    assert services.send_notificatie_mail(notificatie.pk) is True
    assert services.send_notificatie_mail(notificatie.pk) is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["sanne@example.nl"]
    assert "http://" in mail.outbox[0].body and "/x/" in mail.outbox[0].body


@pytest.mark.django_db(transaction=True)
def test_notify_mails_through_a_real_worker_and_redis(make_user, celery_worker):
    """The e-mail task travels through real Redis to a real Celery worker, after commit."""
    user = make_user("consulent", email="sanne@example.nl")
    notificatie = services.notify(user, "Je casus staat op de agenda", "/casussen/", "agenda-1",
                                  doel=("casussen.werk_met_casussen", None))
    # The worker runs in another thread: wait for its result through the result backend.
    from omo.tasks import verstuur_notificatiemail

    result = verstuur_notificatiemail.delay(notificatie.pk)  # a retried delivery
    assert result.get(timeout=20) is False  # already sent by the first task
    notificatie.refresh_from_db()
    assert notificatie.gemaild_op is not None
    assert [m.to for m in mail.outbox] == [["sanne@example.nl"]]
    # The audit log says which task made the change.
    from pghistory.models import Events

    update = Events.objects.get(
        pgh_obj_model="omo.Notificatie", pgh_obj_id=str(notificatie.pk), pgh_label="update"
    )
    assert update.pgh_context["taak"] == "omo.tasks.verstuur_notificatiemail"
    assert "gemaild_op" in update.pgh_diff


@pytest.mark.django_db
@pytest.mark.parametrize("link", ["javascript:alert(1)", "https://elders.example/", "//elders.example/"])
def test_notify_refuses_links_outside_omo(make_user, link):
    with pytest.raises(ValueError, match="binnen OMO"):
        services.notify(make_user("omo"), "tekst", link, "k")


@pytest.mark.django_db
def test_pending_mails_are_sent_later_once(make_user):
    from datetime import timedelta

    from django.utils import timezone

    user = make_user("consulent", email="sanne@example.nl")
    old = Notificatie.objects.create(gebruiker=user, tekst="Vergeten mail", sleutel="a")
    fresh = Notificatie.objects.create(gebruiker=user, tekst="Net aangemaakt", sleutel="b")
    stale = Notificatie.objects.create(gebruiker=user, tekst="Oud nieuws", sleutel="c")
    Notificatie.objects.filter(pk=old.pk).update(aangemaakt_op=timezone.now() - timedelta(minutes=30))
    Notificatie.objects.filter(pk=stale.pk).update(aangemaakt_op=timezone.now() - timedelta(days=3))
    assert services.send_pending_mails() == 1
    assert services.send_pending_mails() == 0
    assert [m.subject for m in mail.outbox] == ["OMO: Vergeten mail"]
    fresh.refresh_from_db()
    assert fresh.gemaild_op is None


@pytest.mark.django_db
def test_handel_af_finishes_every_recipient_and_only_that_subject(make_user):
    a, b = make_user("omo"), make_user("omo")
    for user in (a, b):
        services.notify(user, "Besluit gevraagd", "", "v-1", onderwerp="budget.aanvraag:1", vraag="wacht op je besluit")
        services.notify(user, "Ander besluit gevraagd", "", "v-2", onderwerp="budget.aanvraag:2")
    assert services.handel_af("budget.aanvraag:1") == 2
    assert services.handel_af("budget.aanvraag:1") == 0  # once
    melding = Notificatie.objects.get(gebruiker=a, sleutel="v-1")
    assert str(melding) == "Besluit gevraagd"  # no longer asks
    assert Notificatie.objects.get(gebruiker=a, sleutel="v-2").afgehandeld_op is None
    from omo import queries

    assert queries.unread_count(a) == queries.unread_count(b) == 1


@pytest.mark.django_db
def test_opening_the_linked_page_marks_it_read_and_other_pages_do_not(client_as):
    client = client_as("beheerder")
    services.notify(client.user, "Rolwijziging voorgesteld", reverse("rolwijzigingen"), "r-1",
                    doel=("omo.bekijk_rolwijzigingen", None))
    assert 'id="ongelezen-aantal">1' in client.get(reverse("audit")).content.decode()
    response = client.get(reverse("rolwijzigingen"))
    assert response.status_code == 200
    assert 'id="ongelezen-aantal"' not in response.content.decode()
    assert Notificatie.objects.get(sleutel="r-1").gelezen_op is not None


@pytest.mark.django_db
def test_a_link_without_object_is_asked_again_when_shown(client_as):
    """A beheerder told about a role change who is no longer beheerder sees the text, no link."""
    from django.contrib.auth.models import Group

    client = client_as("beheerder", "beleid")
    services.notify(client.user, "Rolwijziging voorgesteld", reverse("rolwijzigingen"), "r-1",
                    doel=("omo.bekijk_rolwijzigingen", None))
    link = f'href="{reverse("rolwijzigingen")}"'
    assert link in client.get(reverse("notificaties")).content.decode()
    client.user.groups.remove(Group.objects.get(name="beheerder"))
    html = client.get(reverse("notificaties")).content.decode()
    assert "Rolwijziging voorgesteld" in html and link not in html


@pytest.mark.django_db
def test_notification_list_with_links_and_finished_ones_query_budget(client_as, django_assert_max_num_queries):
    """Links of several rules on many objects, open and finished: the rules are asked once per
    rule on the page, not once per notification."""
    client = client_as("omo")
    regels = ["budget.bekijk_aanvraag", "escalatie.bekijk_escalatie", "escalatie.bekijk_verzoek", "casussen.bekijk_casus"]
    Notificatie.objects.bulk_create([
        Notificatie(gebruiker=client.user, tekst=f"Melding {i}", sleutel=f"k{i}", link=f"/x/{i}/",
                    regel=regels[i % 4], object_id=i, onderwerp=f"x:{i}",
                    afgehandeld_op=timezone.now() if i % 3 == 0 else None)
        for i in range(120)
    ])
    with django_assert_max_num_queries(15):
        response = client.get(reverse("notificaties"))
    assert response.status_code == 200
    assert response.content.decode().count("Afgehandeld") >= 15
