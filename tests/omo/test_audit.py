"""Audit: every change recorded by the database with its request context; rows append-only."""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.db.utils import DatabaseError
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone
from pghistory.models import Events

from omo.audit import log_access
from omo.models import Sluitingsdag, Team

pytestmark = pytest.mark.django_db


def events_for(obj):
    return Events.objects.filter(
        pgh_obj_model=obj._meta.label, pgh_obj_id=str(obj.pk)
    ).order_by("pgh_created_at", "pgh_id")


def test_change_through_a_request_records_who_what_and_request(client_as):
    client = client_as("beheerder", is_staff=True)
    response = client.post(
        "/admin/omo/sluitingsdag/add/",
        {"datum": "2027-02-08", "omschrijving": "Carnavalsmaandag"},
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 302, response.content.decode()[:500]
    dag = Sluitingsdag.objects.get(datum=date(2027, 2, 8))
    (event,) = events_for(dag)
    assert event.pgh_label == "insert"
    assert event.pgh_data["omschrijving"] == "Carnavalsmaandag"
    assert event.pgh_context["user"] == client.user.pk
    assert event.pgh_context["url"] == "/admin/omo/sluitingsdag/add/"
    assert event.pgh_context["ip"] == "192.0.2.10"
    assert event.pgh_context["methode"] == "POST"


def test_update_records_before_and_after_and_delete_is_recorded():
    team = Team.objects.create(naam="Wijkteam Oost", soort=Team.Soort.WIJKTEAM)
    team.naam = "Wijkteam Oost-Centrum"
    team.save()
    pk = team.pk
    team.delete()
    labels = [e.pgh_label for e in Events.objects.filter(pgh_obj_model="omo.Team", pgh_obj_id=str(pk)).order_by("pgh_id")]
    assert labels == ["insert", "update", "delete"]
    update = Events.objects.get(pgh_obj_model="omo.Team", pgh_obj_id=str(pk), pgh_label="update")
    assert update.pgh_diff["naam"] == ["Wijkteam Oost", "Wijkteam Oost-Centrum"]


def test_change_with_raw_sql_is_recorded_too():
    team = Team.objects.create(naam="Wijkteam West", soort=Team.Soort.WIJKTEAM)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE omo_team SET naam = 'Wijkteam West-2' WHERE id = %s", [team.pk])
    update = events_for(team).get(pgh_label="update")
    assert update.pgh_diff["naam"] == ["Wijkteam West", "Wijkteam West-2"]


def test_role_assignment_is_recorded(make_user):
    user = make_user()
    user.groups.add(Group.objects.get(name="budgethouder"))
    user.groups.remove(Group.objects.get(name="budgethouder"))
    from omo.models import UserGroupsEvent

    labels = list(UserGroupsEvent.objects.filter(user=user).order_by("pgh_id").values_list("pgh_label", flat=True))
    assert labels == ["rol.toegekend", "rol.ingetrokken"]


@pytest.mark.parametrize(
    "statement, table",
    [
        ("UPDATE omo_teamevent SET naam = 'vervalst'", "omo_teamevent"),
        ("DELETE FROM omo_teamevent", "omo_teamevent"),
        ("UPDATE omo_toegangslog SET pad = '/vervalst/'", "omo_toegangslog"),
        ("DELETE FROM omo_toegangslog", "omo_toegangslog"),
        ("DELETE FROM pghistory_context", "pghistory_context"),
        ("UPDATE pghistory_context SET metadata = '{}'::jsonb", "pghistory_context"),
        ("UPDATE pghistory_context SET metadata = metadata || '{\"user\": 999}'::jsonb", "pghistory_context"),
    ],
)
def test_raw_sql_cannot_change_or_delete_audit_rows(statement, table, make_user):
    import pghistory

    user = make_user("beheerder")
    with pghistory.context(user=user.pk, url="/admin/omo/team/add/"):
        Team.objects.create(naam="Wijkteam Noord", soort=Team.Soort.WIJKTEAM)
    request = RequestFactory().get("/casussen/1/")
    request.user = user
    log_access(request, user)

    def snapshot():
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT * FROM {table} ORDER BY 1")
            return cursor.fetchall()

    before = snapshot()
    assert before
    with pytest.raises(DatabaseError, match="(?i)cannot update or delete|alleen-toevoegen|protect"):
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(statement)
    assert snapshot() == before


def test_context_may_gain_keys_but_not_lose_them():
    import pghistory

    with pghistory.context(user=None, url="/a/"):
        Team.objects.create(naam="Team context", soort=Team.Soort.AFDELING)
        with pghistory.context(taak="extra"):
            Team.objects.create(naam="Team context 2", soort=Team.Soort.AFDELING)
    from pghistory.models import Context

    ctx = Context.objects.latest("created_at")
    assert ctx.metadata["url"] == "/a/" and ctx.metadata["taak"] == "extra"


def test_log_access_records_who_what_where(make_user):
    user = make_user("omo")
    request = RequestFactory().get("/casussen/12/", REMOTE_ADDR="192.0.2.7", HTTP_USER_AGENT="Firefox")
    request.user = user
    team = Team.objects.create(naam="Wijkteam Zuid", soort=Team.Soort.WIJKTEAM)
    row = log_access(request, team)
    row.refresh_from_db()
    assert row.gebruiker == user
    assert row.object_id == str(team.pk)
    assert row.object_omschrijving == "Wijkteam Zuid"
    assert row.pad == "/casussen/12/"
    assert row.ip_adres == "192.0.2.7"


def test_audit_view_is_only_for_beheerder(client_as):
    for role in ("consulent", "omo", "budgethouder", "college", "beleid"):
        client = client_as(role)
        assert client.get(reverse("audit")).status_code == 403, role
        client.logout()
    client = client_as("beheerder")
    assert client.get(reverse("audit")).status_code == 200


def test_audit_view_filters_by_user_object_and_period(client_as, make_user):
    import pghistory

    sanne, ruud = make_user("consulent", username="sanne"), make_user("consulent", username="ruud")
    with pghistory.context(user=sanne.pk, url="/x/"):
        a = Team.objects.create(naam="Team van Sanne", soort=Team.Soort.AFDELING)
    with pghistory.context(user=ruud.pk, url="/y/"):
        b = Team.objects.create(naam="Team van Ruud", soort=Team.Soort.AFDELING)
    client = client_as("beheerder")
    url = reverse("audit")

    html = client.get(url, {"gebruiker": sanne.pk}).content.decode()
    assert "Team van Sanne" in html and "Team van Ruud" not in html
    assert "<td>sanne</td>" in html  # who made the change
    assert "<td>aangemaakt</td>" in html

    html = client.get(url, {"soort": "omo.Team", "object_id": b.pk}).content.decode()
    assert "Team van Ruud" in html and "Team van Sanne" not in html

    today = timezone.localdate()
    html = client.get(url, {"van": today.isoformat(), "tot": today.isoformat(), "soort": "omo.Team"}).content.decode()
    assert "Team van Sanne" in html
    html = client.get(url, {"tot": (today - timedelta(days=1)).isoformat(), "soort": "omo.Team"}).content.decode()
    assert "Team van Sanne" not in html
    assert a.pk


def test_access_log_tab_filters_by_user(client_as, make_user):
    sanne = make_user("omo", username="sanne")
    team = Team.objects.create(naam="Wijkteam Zuid", soort=Team.Soort.WIJKTEAM)
    request = RequestFactory().get("/dossier/3/")
    request.user = sanne
    log_access(request, team)
    client = client_as("beheerder")
    html = client.get(reverse("audit"), {"tab": "inzage", "gebruiker": sanne.pk}).content.decode()
    assert "/dossier/3/" in html
    html = client.get(reverse("audit"), {"tab": "inzage", "gebruiker": client.user.pk}).content.decode()
    assert "/dossier/3/" not in html


def test_audit_view_query_budget(client_as, django_assert_max_num_queries):
    for i in range(60):
        Team.objects.create(naam=f"Team {i}", soort=Team.Soort.AFDELING)
    client = client_as("beheerder")
    with django_assert_max_num_queries(14):
        response = client.get(reverse("audit"))
    assert response.status_code == 200
    assert "Team 59" in response.content.decode()  # unfiltered: the newest changes first
    with django_assert_max_num_queries(14):
        assert client.get(reverse("audit"), {"tab": "inzage"}).status_code == 200


def test_bad_date_in_filter_gives_dutch_message_and_keeps_input(client_as):
    client = client_as("beheerder")
    html = client.get(reverse("audit"), {"van": "31-02-2026"}).content.decode()
    assert "Voer een geldige datum in" in html
    assert 'value="31-02-2026"' in html


def test_audit_names_objects_for_people_and_shows_moments_in_local_time(client_as, make_user):
    import datetime as dt

    user = make_user("consulent", username="sanne")
    User = type(user)
    User.objects.filter(pk=user.pk).update(date_joined=dt.datetime(2026, 10, 1, 8, 0, tzinfo=dt.UTC))
    Team.objects.create(naam="Wijkteam Noord", soort=Team.Soort.WIJKTEAM)
    client = client_as("beheerder")

    html = client.get(reverse("audit"), {"soort": "omo.User"}).content.decode()
    assert "01-10-2026 10:00:00" in html  # 08:00 UTC is 10:00 in Amsterdam (summer time)
    assert "+00:00" not in html and "2026-10-01T08:00" not in html
    html = client.get(reverse("audit"), {"soort": "omo.Team"}).content.decode()
    assert "<td>Team Wijkteam Noord</td>" in html and "omo.Team" not in html.split("<table", 1)[1]

    inzage = client.get(reverse("audit"), {"tab": "inzage"}).content.decode()
    assert " event<" not in inzage and "User event" not in inzage


def test_access_log_names_an_object_by_kind_and_label(client_as):
    from omo.models import Toegangslog
    from omo.queries import toegang_object_label

    team = Team.objects.create(naam="Wijkteam Zuid", soort=Team.Soort.WIJKTEAM)
    request = RequestFactory().get("/x/")
    request.user = client_as("omo").user
    regel = log_access(request, team)
    assert toegang_object_label(Toegangslog.objects.get(pk=regel.pk)) == "Team Wijkteam Zuid"
    regel.object_omschrijving = f"team {team.pk}"  # no label field: kind and id, once
    assert toegang_object_label(regel) == f"Team {team.pk}"
