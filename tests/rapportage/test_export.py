"""The CSV exports: every table of the dashboard, in the format Dutch Excel opens directly
(UTF-8 with BOM, `;`), with the same numbers as the page — for the seeded demo data and in the
public version."""

import csv
import datetime
import io
import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from rapportage import exports
from rapportage.exports import SLUGS
from tests.rapportage.test_dashboard import PERIODE, URL, houder  # noqa: F401  (fixtures)
from tests.rapportage.voorbeeld_cijfers import voorbeeld

pytestmark = pytest.mark.django_db


class Tabellen(HTMLParser):
    """The rows (body and foot) of every `<table data-tabel="...">` of a page, as cell texts."""

    def __init__(self):
        super().__init__()
        self.tabellen, self.tabel, self.rij, self.cel, self.in_kop = {}, None, None, None, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-tabel" in attrs:
            self.tabel = self.tabellen.setdefault(attrs["data-tabel"], [])
        elif self.tabel is not None and tag == "thead":
            self.in_kop = True
        elif self.tabel is not None and tag == "tr" and not self.in_kop:
            self.rij = []
        elif self.rij is not None and tag in ("td", "th"):
            self.cel = ""

    def handle_endtag(self, tag):
        if tag == "table":
            self.tabel = None
        elif tag == "thead":
            self.in_kop = False
        elif tag == "tr" and self.rij is not None:
            self.tabel.append(self.rij)
            self.rij = None
        elif tag in ("td", "th") and self.cel is not None:
            self.rij.append(self.cel.strip())
            self.cel = None

    def handle_data(self, data):
        if self.cel is not None:
            self.cel += data


def pagina_tabellen(html):
    parser = Tabellen()
    parser.feed(html)
    return parser.tabellen


def normaal(cel: str) -> str:
    """A page cell as the CSV writes it: no euro sign or thousands dots, ISO dates, '–' empty."""
    cel = cel.replace("€", "").replace("\u00a0", "").replace("%", "").strip()
    if cel == "–":
        return ""
    try:
        return datetime.datetime.strptime(cel, "%d-%m-%Y").date().isoformat()
    except ValueError:
        pass
    if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", cel):  # 1.234 or 12.345,50
        cel = cel.replace(".", "")
    return cel


def verschil(cel: str) -> str:
    """A change as the page writes it ('+3 (+12,5)', '−1,5 procentpunt') as the CSV does."""
    cel = re.sub(r" \(.*\)$", "", cel).replace(" procentpunt", "").replace(" dagen", "")
    return normaal(cel.replace("\u2060", "").replace("−", "-").lstrip("+"))


def csv_rijen(response):
    tekst = response.content.decode("utf-8")
    assert tekst.startswith("\ufeff")
    return list(csv.reader(io.StringIO(tekst[1:]), delimiter=";"))


def _vergelijk(client, query):
    html = client.get(URL, query).content.decode()
    pagina = pagina_tabellen(html)
    gevuld = 0
    for slug in SLUGS:
        response = client.get(reverse("rapportage_export", args=[slug]), query)
        assert response.status_code == 200
        kop, *rijen = csv_rijen(response)
        verwacht = [[normaal(c) for c in r] for r in pagina.get(slug, [])]
        if slug == "vergelijking":  # the page writes a change with its sign, unit and percentage
            verwacht = [[verschil(c) if k >= 3 and k % 2 else c for k, c in enumerate(r)] for r in verwacht]
        assert verwacht == rijen, slug
        gevuld += bool(rijen)
    return pagina, gevuld


def test_every_csv_has_the_numbers_of_the_page(client, omo_user, demo, houder, make_casus, leefgebied, leefgebied2):  # noqa: F811
    make_casus(houder, leefgebieden=[leefgebied, leefgebied2], datum_signaal=datetime.date(2026, 8, 3))
    client.force_login(omo_user)
    pagina, gevuld = _vergelijk(client, PERIODE)
    assert set(pagina) == set(SLUGS)  # every table of the page has an export
    assert gevuld >= 12  # the demo data fills (nearly) every table


def test_the_public_csv_masks_like_the_public_page(client, beleid_user, houder, make_casus, leefgebied):  # noqa: F811
    make_casus(houder, datum_signaal=datetime.date(2026, 8, 3))
    client.force_login(beleid_user)
    query = {**PERIODE, "publiek": "1"}
    _vergelijk(client, query)
    rijen = csv_rijen(client.get(reverse("rapportage_export", args=["leefgebieden"]), query))
    assert rijen == [["Leefgebied", "Aantal casussen"], ["Wonen", "< 3"]]
    rijen = csv_rijen(client.get(reverse("rapportage_export", args=["leefgebieden"]), PERIODE))
    assert rijen == [["Leefgebied", "Aantal casussen"], ["Wonen", "1"]]


def test_csv_is_made_for_dutch_excel(client, college_user, monkeypatch):
    monkeypatch.setattr("rapportage.views.dashboard.cijfers", lambda van, tot: voorbeeld())
    client.force_login(college_user)
    response = client.get(reverse("rapportage_export", args=["fondsen"]), {"van": "2026-07-01", "tot": "2026-09-30"})
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="omo-fondsen-2026-07-01-2026-09-30.csv"'
    assert response.content.startswith(b"\xef\xbb\xbf")
    assert csv_rijen(response) == [
        ["Fonds", "Aanvragen", "Goedgekeurd (euro)", "Waarvan betaald (euro)", "Uitstaande leningen (euro)"],
        ["Voorkom-erger-potje", "14", "12345,50", "10000,00", "1500,00"],
        ["Stelpost <doorbraak>", "2", "2500,00", "0,00", "0,00"],
        ["Totaal", "16", "14845,50", "10000,00", "1500,00"],
    ]
    escalaties = csv_rijen(client.get(reverse("rapportage_export", args=["escalaties"]), {"publiek": "1"}))
    assert escalaties[0] == ["Niveau", "Open", "Akkoord", "Afgewezen", "Advies", "Teruggelegd", "Totaal"]
    # "Afgewezen" 2 reads "< 3"; "Akkoord" 6 reads "×", else 11 − 3 would give it away.
    assert escalaties[1] == ["Portefeuillehouder", "3", "×", "< 3", "0", "0", "11"]


def test_unknown_table_and_bad_period(client, beleid_user):
    client.force_login(beleid_user)
    assert client.get("/dashboard/export/bestaat-niet.csv").status_code == 404
    response = client.get(reverse("rapportage_export", args=["status"]), {"van": "2026-07-01", "tot": "juli"})
    assert response.status_code == 400
    assert "Vul een geldige datum in" in response.content.decode()


def test_a_text_excel_would_run_as_formula_stays_text():
    tabel = exports.Tabel("x", "x", ["Organisatie", "Bedrag"], [["=HYPERLINK(\"http://x\")", exports.Getal("-12,50")], ["@som", exports.Getal("3")], ["-1+1", "+31"]])
    rijen = list(csv.reader(io.StringIO(exports.als_csv(tabel)[1:]), delimiter=";"))
    assert rijen[1] == ["'=HYPERLINK(\"http://x\")", "-12,50"]
    assert rijen[2] == ["'@som", "3"]
    assert rijen[3] == ["'-1+1", "'+31"]  # text that only looks like a number stays text
