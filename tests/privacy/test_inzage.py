"""The right of access (AVG art. 15): the privacy officer's export of everything OMO holds about
one household, as PDF and JSON, logged, for the privacy officer only, in a bounded number of
queries."""

import datetime
import io
import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from budget.models import Transactie
from casussen.models import Casus, Evaluatie, Knelpunt, Kostenregel, Scenario, TijdlijnEvent
from escalatie.models import Actiepunt, Agendapunt, Overleg
from omo.models import Toegangslog, User
from omo.roles import ROLLEN
from privacy.queries import inzage as queries
from tests.pdfcontrole import controleer

pytestmark = pytest.mark.django_db


def _pdf_tekst(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return re.sub(r"\s+", "", "".join(page.extract_text() for page in reader.pages))


def _bevat(tekst: str, waarde: str) -> bool:
    """Whether the PDF text holds `waarde` (its first words; line breaks ignored)."""
    return re.sub(r"\s+", "", waarde[:40]) in tekst


@pytest.fixture
def standaardfonds():
    """No fund beforehand: the demo data makes its own funds only on an installation without one."""
    return None


@pytest.fixture
def demo(settings):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    settings.DEBUG = False


def _rijkste_demo_casus() -> Casus:
    """The demo case with records of the most kinds."""
    return max(
        Casus.objects.order_by("pk"),
        key=lambda casus: sum(1 for n in queries.aantallen(casus.pk).values() if n),
    )


def _vul_aan(casus):
    """Add what the demo lacks to `casus`: a bespreking in the OMO-overleg with an action point,
    and a view of the case page by its casushouder (the access log)."""
    overleg = Overleg.objects.order_by("-datum").first()
    punt = Agendapunt.objects.create(
        overleg=overleg, casus=casus, vraag="Mag de woningcorporatie de ontruiming opschorten?",
        status=Agendapunt.Status.BESPROKEN, ingediend_door=casus.casushouder, ingediend_op=timezone.now(),
        uitkomst=Agendapunt.Uitkomst.BEZINNING, motivatie="Eerst het gesprek met de verhuurder afwachten",
        besproken_op=timezone.now(), vastgelegd_door=overleg.voorzitter,
    )
    Actiepunt.objects.create(agendapunt=punt, omschrijving="Verhuurder bellen over de betalingsregeling",
                             eigenaar="Casushouder", deadline=datetime.date(2027, 1, 15))
    return punt


def test_the_export_of_a_demo_case_holds_every_kind_of_record_and_is_logged(demo, client, make_user):
    casus = _rijkste_demo_casus()
    punt = _vul_aan(casus)
    casushouder = casus.casushouder
    client.force_login(casushouder)
    assert client.get(reverse("casus_detail", args=[casus.pk])).status_code == 200

    officer = make_user("privacy")
    client.force_login(officer)

    # The page: the code typed loosely, the counts per kind, the downloads.
    losjes = f"{casus.code.lower().replace('-', ' ')}"
    page = client.get(reverse("privacy_inzage"), {"code": losjes})
    assert page.status_code == 200
    html = page.content.decode()
    assert reverse("privacy_inzage_pdf", args=[casus.pk]) in html
    assert reverse("privacy_inzage_json", args=[casus.pk]) in html
    aantallen = queries.aantallen(casus.pk)
    assert all(aantallen.values()), {k: v for k, v in aantallen.items() if not v}
    for titel in queries.SOORTEN.values():
        assert str(titel) in html.replace("&#x27;", "'")
    assert casus.pseudoniem not in html  # counts, no content

    voor = Toegangslog.objects.filter(gebruiker=officer, soort=Toegangslog.Soort.EXPORT).count()

    # JSON: every kind, stable keys, ISO dates, amounts as strings, a schema version.
    response = client.get(reverse("privacy_inzage_json", args=[casus.pk]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert f"inzage-{casus.code}" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["schema"] == "omo-inzage" and data["schemaversie"] == queries.SCHEMA_VERSIE
    assert list(data) == ["schema", "schemaversie", "gemaakt_op", "verwerkingsverantwoordelijke",
                          *queries.SOORTEN, "aantallen"]
    for soort in queries.SOORTEN:
        assert data[soort], soort
        assert data["aantallen"][soort] >= 1
    assert data["casus"]["code"] == casus.code
    assert data["casus"]["pseudoniem"] == casus.pseudoniem
    assert data["casus"]["status_omschrijving"] == casus.get_status_display()
    datetime.datetime.fromisoformat(data["casus"]["aangemaakt_op"])
    datetime.date.fromisoformat(data["casus"]["datum_signaal"])
    assert data["canvas"]["aan_de_hand"] == casus.canvas.aan_de_hand
    scenario = casus.scenarios.order_by("aangemaakt_op", "pk").first()
    assert data["scenarios"][0]["titel"] == scenario.titel
    assert any(s["kostenregels"] for s in data["scenarios"])
    assert any(s["grondslagen"] for s in data["scenarios"])
    kosten = next(s["kostenregels"][0] for s in data["scenarios"] if s["kostenregels"])
    assert isinstance(kosten["prijs"], str) and Decimal(kosten["prijs"]) >= 0
    assert data["doorbraakplan"]["doel"] == casus.plan.doel
    assert data["doorbraakplan"]["acties"]
    assert {a["bedrag"] for a in data["aanvragen"]} == {str(a.bedrag) for a in casus.aanvragen.all()}
    transacties = Transactie.objects.filter(aanvraag__casus=casus)
    assert {t["omschrijving"] for t in data["transacties"]} == {t.omschrijving for t in transacties}
    assert all(isinstance(t["bedrag"], str) for t in data["transacties"])
    assert data["agendapunten"][-1]["vraag"] == punt.vraag
    assert data["agendapunten"][-1]["actiepunten"][0]["omschrijving"] == "Verhuurder bellen over de betalingsregeling"
    assert len(data["tijdlijn"]) == TijdlijnEvent.objects.filter(casus=casus).count()
    # The access log: when, how, purpose and function; no names, IP addresses or browsers.
    bekeken = [r for r in data["toegangslog"] if r["soort"] == "bekeken" and r["doel"] == "Behandeling van de casus"]
    assert bekeken and bekeken[0]["functie"] == str(ROLLEN["consulent"].naam)
    export = json.dumps(data["toegangslog"])
    assert casushouder.username not in export and "127.0.0.1" not in export
    assert {"tijdstip", "soort", "doel", "functie"} <= set(data["toegangslog"][0])

    # PDF: a heading per kind and a distinctive value of each.
    response = client.get(reverse("privacy_inzage_pdf", args=[casus.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    # Archival and accessible: PDF/A-2a + PDF/UA-1, as every PDF of OMO.
    controleer(response.content, f"Inzage in persoonsgegevens, casus {casus.code}")
    tekst = _pdf_tekst(response.content)
    for titel in queries.SOORTEN.values():
        assert _bevat(tekst, str(titel)), titel
    kenmerkend = {
        "casus": casus.pseudoniem,
        "canvas": casus.canvas.aan_de_hand,
        "scenarios": scenario.titel,
        "kostenregels": Kostenregel.objects.filter(scenario__casus=casus).first().omschrijving,
        "grondslagen": data["scenarios"][0]["grondslagen"][0]["grondslag"]
        if data["scenarios"][0]["grondslagen"] else next(s for s in data["scenarios"] if s["grondslagen"])["grondslagen"][0]["grondslag"],
        "besluiten": casus.besluiten.first().motivatie,
        "doorbraakplan": casus.plan.doel,
        "acties": casus.plan.acties.first().omschrijving,
        "evaluaties": str(Evaluatie.objects.filter(casus=casus).first()),
        "knelpunten": Knelpunt.objects.filter(casus=casus).first().beschrijving,
        "agendapunten": punt.vraag,
        "actiepunten": "Verhuurder bellen over de betalingsregeling",
        "escalaties": casus.escalaties.first().vraag,
        "verzoeken": casus.verzoeken.first().onderwerp,
        "aanvragen": casus.aanvragen.first().doel,
        "transacties": transacties.first().omschrijving,
        "tijdlijn": TijdlijnEvent.objects.filter(casus=casus).first().omschrijving,
        "toegangslog": "Behandeling van de casus",
        "uitleg": "C-579/21",
    }
    ontbreekt = [soort for soort, waarde in kenmerkend.items() if not _bevat(tekst, waarde)]
    assert not ontbreekt, ontbreekt
    assert casushouder.last_name and _bevat(tekst, casushouder.get_full_name())  # the casushouder is named

    # Each download is one EXPORT row on the case, by the privacy officer.
    rijen = Toegangslog.objects.filter(gebruiker=officer, soort=Toegangslog.Soort.EXPORT)
    assert rijen.count() == voor + 2
    assert set(rijen.values_list("object_id", flat=True)) == {str(casus.pk)}
    # The next export shows the privacy officer's own downloads, for their purpose.
    data = json.loads(client.get(reverse("privacy_inzage_json", args=[casus.pk])).content)
    assert [r["doel"] for r in data["toegangslog"] if r["soort"] == "export"][-1].startswith("Toezicht op de privacy")

    # Bounded: the export of a much bigger case costs as many queries.
    with CaptureQueriesContext(connection) as klein:
        queries.inzage(casus.pk)
    _maak_groot(casus)
    with CaptureQueriesContext(connection) as groot:
        export = queries.inzage(casus.pk)
    assert len(groot) == len(klein) <= 25
    assert export.aantallen["scenarios"] >= 20 and export.aantallen["toegangslog"] >= 100
    # The page's summary counts what the export holds.
    assert queries.aantallen(casus.pk) == export.aantallen


def _maak_groot(casus):
    geldstroom = Kostenregel.objects.filter(scenario__casus=casus).first().geldstroom
    for n in range(20):
        scenario = Scenario.objects.create(casus=casus, titel=f"Extra scenario {n}", beschrijving="Variant")
        Kostenregel.objects.bulk_create([
            Kostenregel(scenario=scenario, situatie="huidig", omschrijving=f"Post {n}-{m}", prijs=Decimal("10.00"),
                        frequentie="per_maand", geldstroom=geldstroom, betaler="gemeente")
            for m in range(5)
        ])
    Knelpunt.objects.bulk_create([Knelpunt(casus=casus, soort="proces", beschrijving=f"Knelpunt {n}") for n in range(20)])
    TijdlijnEvent.objects.bulk_create([
        TijdlijnEvent(casus=casus, soort="overig", tijdstip=timezone.now(), omschrijving=f"Stap {n}") for n in range(50)
    ])
    from django.contrib.contenttypes.models import ContentType

    ct = ContentType.objects.get_for_model(Casus)
    gebruikers = list(User.objects.filter(groups__isnull=False).distinct()[:5])
    Toegangslog.objects.bulk_create([
        Toegangslog(gebruiker=gebruikers[n % len(gebruikers)], object_type=ct, object_id=str(casus.pk),
                    object_omschrijving=casus.code, pad=f"/casussen/{casus.pk}/", methode="GET")
        for n in range(120)
    ])


@pytest.fixture
def gewone_casus(make_user):
    """A freshly registered case (most kinds still empty), through the register service."""
    from casussen.models import Leefgebied
    from casussen.services import casus as casus_services
    from omo.models import Team

    team = Team.objects.create(naam="Wijkteam Zuid", soort=Team.Soort.WIJKTEAM)
    consulent = make_user("consulent", team=team, first_name="Anna", last_name="Bos")
    leefgebied = Leefgebied.objects.first()
    return casus_services.registreer(consulent, {
        "titel": "Schulden en zorg", "bron": "wijkteam", "datum_signaal": datetime.date(2026, 11, 2),
        "urgentie": "normaal", "reguliere_routes": ["eigen_team"], "toestemming": "ja",
        "pseudoniem": "Familie Eik", "volwassenen": 2, "leeftijden_kinderen": [], "dossiernummer": "",
    }, leefgebieden=[leefgebied], organisaties=(), medebehandelaars=())


@pytest.mark.parametrize("rol", sorted(set(ROLLEN) - {"privacy"}))
def test_other_roles_get_no_export_and_nothing_is_logged_as_export(client, make_user, gewone_casus, rol):
    client.force_login(make_user(rol))
    assert client.get(reverse("privacy_inzage"), {"code": gewone_casus.code}).status_code == 403
    assert client.get(reverse("privacy_inzage_pdf", args=[gewone_casus.pk])).status_code == 403
    assert client.get(reverse("privacy_inzage_json", args=[gewone_casus.pk])).status_code == 403
    assert not Toegangslog.objects.filter(soort=Toegangslog.Soort.EXPORT).exists()


def test_an_unknown_code_is_said_next_to_the_field_and_kept(client, make_user):
    client.force_login(make_user("privacy"))
    response = client.get(reverse("privacy_inzage"), {"code": "OMO-2026-9999"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html and 'value="OMO-2026-9999"' in html
    assert "Geen casus met code" in html
    assert client.get(reverse("privacy_inzage_json", args=[999999])).status_code == 404


def test_a_new_case_exports_its_empty_kinds_as_empty(client, make_user, gewone_casus):
    client.force_login(make_user("privacy"))
    data = json.loads(client.get(reverse("privacy_inzage_json", args=[gewone_casus.pk])).content)
    assert data["canvas"] is None and data["doorbraakplan"] is None
    assert data["scenarios"] == [] and data["transacties"] == []
    assert data["casus"]["pseudoniem"] == "Familie Eik"
    assert data["casus"]["casushouder"] == "Anna Bos"
    tekst = _pdf_tekst(client.get(reverse("privacy_inzage_pdf", args=[gewone_casus.pk])).content)
    assert _bevat(tekst, "Hierover is niets vastgelegd.")


def test_a_case_whose_texts_were_blanked_still_exports_what_is_left(client, make_user, gewone_casus):
    # What the destruction leaves: codes, dates and status; the texts empty.
    Casus.objects.filter(pk=gewone_casus.pk).update(
        titel="", pseudoniem="", dossiernummer="", urgentie_toelichting="", volwassenen=0, leeftijden_kinderen=[],
    )
    client.force_login(make_user("privacy"))
    response = client.get(reverse("privacy_inzage_json", args=[gewone_casus.pk]))
    data = json.loads(response.content)
    assert data["casus"]["code"] == gewone_casus.code and data["casus"]["pseudoniem"] == ""
    assert data["tijdlijn"]
    assert client.get(reverse("privacy_inzage_pdf", args=[gewone_casus.pk])).status_code == 200


def test_the_page_costs_a_bounded_number_of_queries(client, make_user, gewone_casus, django_assert_max_num_queries):
    client.force_login(make_user("privacy"))
    with django_assert_max_num_queries(30):
        response = client.get(reverse("privacy_inzage"), {"code": gewone_casus.code})
    assert response.status_code == 200
