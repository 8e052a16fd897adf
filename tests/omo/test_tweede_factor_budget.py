"""Query budgets of the second-factor pages: the same number of queries whatever a user holds
(one passkey or twenty, a few role changes or many)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from omo.middleware import TWEEDE_STAP_KEY
from tests.omo.test_passkeys import geverifieerd, met_app, passkey

pytestmark = pytest.mark.django_db

BUDGET = 12


@pytest.fixture(autouse=True)
def hostnaam(settings):
    settings.OTP_WEBAUTHN_RP_ID = "testserver"
    settings.OTP_WEBAUTHN_ALLOWED_ORIGINS = ["https://testserver"]


def aantal_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, secure=True)
    assert response.status_code == 200, (url, response.status_code)
    return len(ctx.captured_queries)


def test_account_page_and_code_step_have_a_flat_budget(client, make_user):
    tom = make_user("omo", username="tom")
    app = met_app(tom)
    passkey(tom, "eerste")
    client.force_login(tom)
    geverifieerd(client, app)
    weinig = aantal_queries(client, reverse("tweede_factor"))
    for i in range(20):
        passkey(tom, f"sleutel-{i}")
    veel = aantal_queries(client, reverse("tweede_factor"))
    assert veel == weinig and veel <= BUDGET

    sanne = make_user("budgethouder", username="sanne")
    met_app(sanne)
    client.force_login(sanne)
    sessie = client.session
    sessie[TWEEDE_STAP_KEY] = True
    sessie.save()
    assert aantal_queries(client, reverse("tweede_factor_code")) <= BUDGET
    for i in range(20):
        passkey(sanne, f"sleutel-{i}")
    assert aantal_queries(client, reverse("tweede_factor_code")) <= BUDGET


def test_user_roles_page_with_its_factor_status_has_a_flat_budget(client, make_user):
    beheerder = make_user("beheerder", username="bert")
    tom = make_user("omo", username="tom")
    met_app(tom)
    client.force_login(beheerder)
    url = reverse("gebruiker_rollen", kwargs={"pk": tom.pk})
    weinig = aantal_queries(client, url)
    for i in range(20):
        passkey(tom, f"sleutel-{i}")
    assert aantal_queries(client, url) == weinig <= BUDGET
