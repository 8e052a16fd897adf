"""Login, lockout, sessions and logout (DESIGN §10)."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_login_page_is_dutch_and_public(client):
    response = client.get(reverse("login"))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="nl">' in html
    assert "Inloggen bij OMO" in html
    assert 'href="#inhoud"' in html  # skip link


def test_login_lands_on_home_with_role(client, make_user):
    make_user("consulent", username="sanne")
    response = client.post(
        reverse("login"), {"username": "sanne", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("home")
    html = response.content.decode()
    assert "Consulent" in html
    assert "Vastgelopen casussen aanmelden" in html


def test_wrong_password_gives_dutch_message_and_keeps_username(client, make_user):
    make_user("consulent", username="sanne")
    response = client.post(reverse("login"), {"username": "sanne", "password": "fout"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Voer een juiste gebruikersnaam en wachtwoord in" in html
    assert 'value="sanne"' in html


def test_sixth_failure_is_refused_without_checking_password(client, make_user):
    make_user("consulent", username="sanne")
    for _ in range(5):
        response = client.post(reverse("login"), {"username": "sanne", "password": "fout"})
    # Locked now: even the right password is refused, with a Dutch explanation.
    response = client.post(reverse("login"), {"username": "sanne", "password": PASSWORD})
    assert response.status_code == 429
    assert "5 minuten geblokkeerd" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_username_and_ip(client, make_user):
    make_user("consulent", username="sanne")
    make_user("consulent", username="ruud")
    for _ in range(5):
        client.post(reverse("login"), {"username": "sanne", "password": "fout"})
    # Another user from the same address can still log in.
    response = client.post(reverse("login"), {"username": "ruud", "password": PASSWORD})
    assert response.status_code == 302
    # The same user from another address can too.
    client.logout()
    response = client.post(
        reverse("login"), {"username": "sanne", "password": PASSWORD}, REMOTE_ADDR="10.0.0.9"
    )
    assert response.status_code == 302


def test_lock_ends_after_five_minutes(client, make_user):
    from axes.models import AccessAttempt

    make_user("consulent", username="sanne")
    for _ in range(5):
        client.post(reverse("login"), {"username": "sanne", "password": "fout"})
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=6))
    response = client.post(reverse("login"), {"username": "sanne", "password": PASSWORD})
    assert response.status_code == 302


def test_session_ends_after_30_minutes_idle(client, make_user):
    user = make_user("consulent")
    client.force_login(user)
    key = client.session.session_key
    before = Session.objects.get(session_key=key).expire_date
    # Each request pushes the end of the session 30 minutes ahead.
    assert client.get(reverse("home")).status_code == 200
    after = Session.objects.get(session_key=key).expire_date
    assert after >= before
    assert timedelta(minutes=29) < after - timezone.now() <= timedelta(minutes=30)
    # 30 minutes without a request: the session is over.
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_session_ends_after_12_hours_however_active(client, make_user):
    user = make_user("consulent")
    client.force_login(user)
    assert client.get(reverse("home")).status_code == 200
    session = client.session
    session["omo_sessie_start"] = (timezone.now() - timedelta(hours=12, minutes=1)).isoformat()
    session.save()
    response = client.get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert client.get(reverse("home")).status_code == 302


def test_logout_ends_session_on_server(client, make_user):
    user = make_user("consulent")
    client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    key = client.session.session_key
    assert Session.objects.filter(session_key=key).exists()
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert not Session.objects.filter(session_key=key).exists()
    # Replaying the old cookie does not bring the session back.
    client.cookies["sessionid"] = key
    assert client.get(reverse("home")).status_code == 302


def test_password_needs_twelve_characters(client, make_user):
    user = make_user("consulent")
    client.force_login(user)
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": "kort-pw1", "new_password2": "kort-pw1"},
    )
    assert response.status_code == 200
    assert "gebruik minimaal 12 tekens" in response.content.decode()
    response = client.post(
        reverse("password_change"),
        {
            "old_password": PASSWORD,
            "new_password1": "een heel lang wachtwoord 42",
            "new_password2": "een heel lang wachtwoord 42",
        },
    )
    assert response.status_code == 302


def test_404_and_403_are_dutch(client_as):
    client = client_as("consulent")
    response = client.get("/bestaat-niet/")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.content.decode()
    response = client.get(reverse("audit"))
    assert response.status_code == 403
    assert "Geen toegang" in response.content.decode()


def test_page_query_budgets(client, client_as, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        assert client.get(reverse("login")).status_code == 200
    client = client_as("beheerder", "omo", "consulent")
    # The werkvoorraad reads each section of each role in one query (count and first rows):
    # a user with three roles sees thirteen sections. One role stays within 12 (tested per
    # demo role in test_werkvoorraad); neither grows with the number of rows.
    with django_assert_max_num_queries(17):
        assert client.get(reverse("home")).status_code == 200
    with django_assert_max_num_queries(9):
        assert client.get(reverse("password_change")).status_code == 200
