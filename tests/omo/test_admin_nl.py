"""The admin in Dutch, its JavaScript widgets too (Django's Dutch catalog lacks some texts)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_the_filter_widget_of_the_admin_speaks_dutch(client, make_user):
    """Fund admin's filter_horizontal said "Choose budgethouders by selecting them"."""
    client.force_login(make_user("beheerder"))
    js = client.get(reverse("admin:jsi18n")).content.decode()
    for dutch in ("Kies %s door ze te selecteren", "Verwijder %s door ze te selecteren", "Alle %s kiezen",
                  "Geselecteerde %s verwijderen", "(klik om te wissen)", "Kies een datum"):
        assert dutch in js, dutch


def test_the_admin_start_page_has_no_english_headers(client, make_user):
    client.force_login(make_user("beheerder"))
    html = client.get(reverse("admin:index")).content.decode()
    for english in ("Add link", "Change or view list link", "Model name"):
        assert english not in html, english
    assert "Link om toe te voegen" in html
