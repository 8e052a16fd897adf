"""The dashboard as its users meet it: the OMO-functionaris clicks through to cases, beleid and
the College see aggregates only (no case code, pseudonym or dossier number anywhere), a period
that ends before it starts is refused with the typed dates kept, and the page stays within the
query budget for 1 and for many cases. Data is made through the services (the demo loaders and
`make_casus`); the figures come from the real `cijfers()`."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse

from casussen.models import Casus
from omo.models import Team
from rapportage.exports import SLUGS
from tests.rapportage.voorbeeld_cijfers import voorbeeld

pytestmark = pytest.mark.django_db

VAN, TOT = datetime.date(2020, 1, 1), datetime.date(2027, 12, 31)
PERIODE = {"van": VAN.isoformat(), "tot": TOT.isoformat()}
URL = "/dashboard/"


@pytest.fixture
def houder(make_user):
    """A consulent in the demo's team (also without the demo data)."""
    team = Team.objects.get_or_create(naam="Wijkteam Noord", defaults={"soort": Team.Soort.WIJKTEAM})[0]
    return make_user("consulent", team=team)


@pytest.fixture
def herkenbaar(make_casus, houder, leefgebied, leefgebied2):
    """A case with a code, pseudonym and dossier number that no figure may ever show."""
    return make_casus(houder, leefgebieden=[leefgebied, leefgebied2], pseudoniem="Familie Zwaluwstaart",
                      dossiernummer="WIZ-7734-QX", datum_signaal=datetime.date(2026, 8, 3))


def persoonsgegevens():
    """Code, pseudonym and dossier number of every case in the database."""
    rijen = []
    for casus in Casus.objects.all():
        rijen += [casus.code, casus.pseudoniem, casus.dossiernummer]
    return [r for r in rijen if r]


def _als(client, user):
    client.force_login(user)
    return client


def test_url_names():
    assert reverse("rapportage_dashboard") == URL
    assert reverse("rapportage_export", args=["status"]) == "/dashboard/export/status.csv"


def test_omo_sees_every_figure_and_clicks_through_to_the_cases(client, omo_user, herkenbaar, leefgebied2):
    html = _als(client, omo_user).get(URL, PERIODE).content.decode()
    for kop in ("Casussen naar status", "Nieuwe casussen per maand", "Leefgebieden", "Giftige cocktails",
                "Escalaties per niveau en uitkomst", "Doorlooptijden", "binnen 2 werkdagen",
                "Geld per fonds en per plan", "Kosten in drie situaties", "Top 10 wettelijke grondslagen",
                "Monitoring na 6 en 12 maanden", "Structurele signalen"):
        assert kop in html, kop
    lijst = reverse("casus_lijst")
    assert f'href="{lijst}?status=aangemeld&amp;van=2020-01-01&amp;tot=2027-12-31"' in html
    assert f'href="{lijst}?van=2026-08-01&amp;tot=2026-08-31"' in html  # the month of the case
    # The leefgebied link shows the case on the case list.
    link = re.search(rf'href="({lijst}\?leefgebied={leefgebied2.pk}[^"]*)"', html).group(1).replace("&amp;", "&")
    assert herkenbaar.code in client.get(link).content.decode()
    # The dashboard itself shows no case.
    for waarde in persoonsgegevens():
        assert waarde not in html


@pytest.mark.parametrize("rol", ["beleid", "college"])
def test_beleid_and_college_see_aggregates_only(client, make_user, demo, herkenbaar, rol):
    response = _als(client, make_user(rol)).get(URL, PERIODE)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Casussen naar status" in html and "<svg" in html
    assert reverse("casus_lijst") not in html  # no click-through
    verboden = persoonsgegevens()
    assert "Familie Zwaluwstaart" in verboden and len(verboden) > 20
    for waarde in verboden:
        assert waarde not in html, waarde
    for slug in SLUGS:
        csv = client.get(reverse("rapportage_export", args=[slug]), PERIODE).content.decode("utf-8-sig")
        for waarde in verboden:
            assert waarde not in csv, (slug, waarde)


def test_the_page_shows_the_figures_of_the_sample(client, omo_user, monkeypatch):
    monkeypatch.setattr("rapportage.views.dashboard.cijfers", lambda van, tot: {**voorbeeld(), "van": str(van), "tot": str(tot)})
    html = _als(client, omo_user).get(URL, PERIODE).content.decode()
    assert "1.247" in html  # nieuwe casussen, Dutch
    assert "€\u00a012.345,50" in html  # goedgekeurd, through the euro filter
    assert "Zorg &amp; &lt;gezondheid&gt;" in html and "<gezondheid>" not in html
    assert "85,7%" in html and "23,5" in html
    assert ">&lt; 3</td>" not in html  # not the public version

    publiek = client.get(URL, {**PERIODE, "publiek": "1"}).content.decode()
    assert ">&lt; 3</td>" in publiek and "Publieksversie" in publiek
    assert "€\u00a02.500,00" in publiek  # money is never masked
    assert "publiek=1" in publiek  # the CSV links and quick choices keep the version


def test_a_period_without_data_says_so(client, beleid_user, herkenbaar):
    html = _als(client, beleid_user).get(URL, {"van": "2001-01-01", "tot": "2001-12-31"}).content.decode()
    assert "Geen gegevens in deze periode" in html
    assert "Geen gegevens in deze periode" not in client.get(URL, PERIODE).content.decode().split("figuur-status")[1].split("</section>")[0]


def test_a_period_that_ends_before_it_starts_is_refused(client, beleid_user, monkeypatch):
    def niet_rekenen(van, tot):
        raise AssertionError("no figures for an invalid period")

    monkeypatch.setattr("rapportage.views.dashboard.cijfers", niet_rekenen)
    response = _als(client, beleid_user).get(URL, {"van": "2026-09-30", "tot": "2026-07-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "De einddatum ligt vóór de begindatum." in html
    # The message is tied to the field, and what was typed is kept.
    assert re.search(r'<input[^>]*name="tot"[^>]*aria-describedby="id_tot-fout"', html)
    assert 'id="id_tot-fout"' in html
    assert 'value="2026-09-30"' in html and 'value="2026-07-01"' in html
    assert "<svg" not in html
    export = client.get(reverse("rapportage_export", args=["status"]), {"van": "2026-09-30", "tot": "2026-07-01"})
    assert export.status_code == 400 and "De einddatum ligt vóór de begindatum." in export.content.decode()


def test_a_date_that_is_not_a_date_is_refused_in_dutch(client, beleid_user):
    html = _als(client, beleid_user).get(URL, {"van": "1 juli", "tot": "2026-07-01"}).content.decode()
    assert "Vul een geldige datum in" in html and 'value="1 juli"' in html


@time_machine.travel(datetime.datetime(2026, 11, 15, 10, 0), tick=False)
def test_default_period_is_the_last_12_months_and_quick_choices_fill_the_dates(client, college_user):
    html = _als(client, college_user).get(URL).content.decode()
    assert 'value="2025-12-01"' in html and 'value="2026-11-15"' in html
    assert "1 december 2025 tot en met 15 november 2026" in html
    assert 'aria-current="true" href="?van=2025-12-01&amp;tot=2026-11-15"' in html  # laatste 12 maanden
    assert 'href="?van=2026-07-01&amp;tot=2026-09-30">Vorig kwartaal' in html
    assert 'href="?van=2026-10-01&amp;tot=2026-12-31">Dit kwartaal' in html
    assert 'href="?van=2025-01-01&amp;tot=2025-12-31">Vorig jaar' in html


def test_kwartaal_helper():
    from rapportage.perioden import kwartaal, vorig_kwartaal

    assert kwartaal(datetime.date(2026, 2, 28)) == (datetime.date(2026, 1, 1), datetime.date(2026, 3, 31))
    assert kwartaal(datetime.date(2026, 12, 31)) == (datetime.date(2026, 10, 1), datetime.date(2026, 12, 31))
    assert vorig_kwartaal(datetime.date(2026, 1, 2)) == (datetime.date(2025, 10, 1), datetime.date(2025, 12, 31))


@pytest.mark.parametrize("rol", ["omo", "beleid"])
def test_query_budget_with_one_case(client, make_user, herkenbaar, django_assert_max_num_queries, rol):
    _als(client, make_user(rol))
    # The figures (3 queries), the key figures of the two earlier periods (3 each), the page.
    with django_assert_max_num_queries(15):
        assert client.get(URL, PERIODE).status_code == 200
    with django_assert_max_num_queries(15):
        assert client.get(reverse("rapportage_export", args=["leefgebieden"]), PERIODE).status_code == 200


@pytest.mark.parametrize("rol", ["omo", "college"])
def test_query_budget_with_many_cases(client, make_user, demo, make_casus, houder, django_assert_max_num_queries, rol):
    for i in range(25):
        make_casus(houder, datum_signaal=datetime.date(2026, 1 + i % 12, 1 + i), pseudoniem=f"Familie Extra {i}")
    assert Casus.objects.count() > 30
    _als(client, make_user(rol))
    with django_assert_max_num_queries(15):
        html = client.get(URL, PERIODE).content.decode()
    assert "Casussen naar status" in html


def _vorm(waarde):
    """The keys of a figures dict at every level (the first row of each list)."""
    if isinstance(waarde, dict):
        return {k: _vorm(v) for k, v in waarde.items() if k not in ("uitkomsten", "uitkomst_labels")}
    if isinstance(waarde, list):
        return [_vorm(waarde[0])] if waarde and isinstance(waarde[0], dict) else "lijst"
    return "waarde"


def test_the_real_figures_have_the_shape_of_the_sample(demo):
    """The dashboard was built against tests/rapportage/voorbeeld_cijfers.py; the real
    `cijfers()` must keep the same contract."""
    from rapportage.queries.cijfers import cijfers

    assert _vorm(cijfers(VAN, TOT)) == _vorm(voorbeeld())
