"""The PDFs of a report, read back with pypdf: the figures the database gives for a seeded period
(counted again here with the ORM), the masking of the publieksversie, the cover and page
numbers, and no case code, pseudonym, dossier number or knelpunt text anywhere."""

import datetime
import io
import re
from collections import Counter
from decimal import Decimal

import pytest
import time_machine
from pypdf import PdfReader

from budget.models import Aanvraag
from casussen.models import Casus, Knelpunt, Status
from escalatie.models import Escalatie
from omo.templatetags.omo_format import format_euro
from omo.werkdagen import AMSTERDAM
from rapportage.models import SECTIES, Patroon, RapportBestand
from rapportage.services import rapporten as services
from tests.rapportage.conftest import laad_demo

pytestmark = pytest.mark.django_db

NU = datetime.datetime(2026, 10, 14, 9, tzinfo=AMSTERDAM)
GOEDGEKEURD = ("goedgekeurd", "betaald", "afgerond", "uitstaand", "afgelost", "kwijtgescholden")


@pytest.fixture
def klok():
    with time_machine.travel(NU, tick=True):
        yield


@pytest.fixture
def demo(db, klok):
    laad_demo()


def schrijf_en_render(rapport, omo, django_capture_on_commit_callbacks) -> dict[str, str]:
    """Write every section, finalise, render; the text of each PDF (variant → text) and pages."""
    for code, naam in SECTIES:
        services.bewaar_sectie(omo, rapport, code, f"{naam} van de OMO-functionaris.", services.basis_van(""))
    with django_capture_on_commit_callbacks(execute=False):
        services.maak_definitief(omo, rapport)
    services.render_pdfs(rapport.pk)
    teksten = {}
    for bestand in RapportBestand.objects.filter(rapport=rapport):
        reader = PdfReader(io.BytesIO(bestand.bestand.open("rb").read()))
        assert len(reader.pages) == bestand.paginas
        paginas = [p.extract_text().replace("\u00a0", " ") for p in reader.pages]
        for i, tekst in enumerate(paginas[1:], start=2):  # the cover has no footer
            assert f"pagina {i} van {len(paginas)}" in tekst
        teksten[bestand.variant] = "\n".join(paginas)
    return teksten


def euro(bedrag) -> str:
    return format_euro(bedrag).replace("\u00a0", " ")


def rij(tekst, *delen) -> bool:
    """Whether a table row with these cells (in order, on one line) is in the text."""
    return re.search(r"(?m)^" + r"\s+".join(re.escape(str(d)) for d in delen) + r"\s*$", tekst) is not None


def test_the_pdf_shows_the_figures_the_database_gives(demo, omo_user, django_capture_on_commit_callbacks):
    van, tot = datetime.date(2025, 1, 1), NU.date()
    rapport = services.maak_rapport(omo_user, van, tot, "Eindrapportage pilot OMO")
    pdf = schrijf_en_render(rapport, omo_user, django_capture_on_commit_callbacks)["volledig"]

    # Counted here, independently of rapportage.queries.cijfers; a vervallen case counts nowhere.
    nieuw = list(Casus.objects.filter(datum_signaal__range=(van, tot)).exclude(status=Status.VERVALLEN))
    assert len(nieuw) > 5
    assert rij(pdf, "Nieuwe casussen", len(nieuw))
    per_status = Counter(c.status for c in nieuw)
    for code, label in Status.choices:
        if code != Status.VERVALLEN:
            assert rij(pdf, label, per_status.get(code, 0)), (label, per_status.get(code, 0))
    begin = datetime.datetime.combine(van, datetime.time.min, tzinfo=AMSTERDAM)
    eind = datetime.datetime.combine(tot + datetime.timedelta(days=1), datetime.time.min, tzinfo=AMSTERDAM)
    escalaties = Escalatie.objects.filter(aangevraagd_op__gte=begin, aangevraagd_op__lt=eind).count()
    assert escalaties > 0
    # The totals row of the escalations ends with every escalation asked in the period.
    assert re.search(rf"(?m)^Totaal(\s+\d+)+\s+{escalaties}\s*$", pdf.split("Escalaties per niveau en uitkomst")[1])
    per_fonds = {}
    for a in Aanvraag.objects.select_related("fonds"):
        moment = a.besloten_op or a.ingediend_op
        if a.status in GOEDGEKEURD and moment and begin <= moment < eind:
            n, bedrag = per_fonds.get(a.fonds.naam, (0, Decimal("0")))
            per_fonds[a.fonds.naam] = (n + 1, bedrag + a.bedrag)
    assert per_fonds
    for naam, (n, bedrag) in per_fonds.items():
        assert re.search(r"\s+".join(map(re.escape, [*naam.split(), str(n), euro(bedrag)])), pdf), (naam, n, bedrag)
    totaal = sum((b for _n, b in per_fonds.values()), Decimal("0"))
    assert re.search(rf"Totaal\s+{sum(n for n, _b in per_fonds.values())}\s+" + re.escape(euro(totaal)), pdf)

    # The cover, the narrative, and nothing that points to a household.
    assert "Gemeente Teststad" in pdf and "Eindrapportage pilot OMO" in pdf and "Publieksversie" not in pdf
    assert "1 januari 2025 t/m 14 oktober 2026" in pdf
    for _code, naam in SECTIES:
        assert f"{naam} van de OMO-functionaris." in pdf
    for casus in Casus.objects.all():
        for verboden in (casus.code, casus.pseudoniem, casus.dossiernummer):
            assert not verboden or verboden not in pdf, verboden


def test_publieksversie_masks_1_and_2_and_no_case_data_in_either_pdf(
    klok, omo_user, make_user, consulent, make_casus, leefgebied, leefgebied2, organisatie,
    django_capture_on_commit_callbacks,
):
    a = make_casus(consulent, datum_signaal=datetime.date(2026, 8, 3), pseudoniem="Familie Zwaluwstaart",
                   dossiernummer="DOS-778899", leefgebieden=[leefgebied, leefgebied2])
    b = make_casus(consulent, datum_signaal=datetime.date(2026, 9, 14), pseudoniem="Familie Kwikstaart",
                   dossiernummer="DOS-112233", leefgebieden=[leefgebied, leefgebied2])
    knelpunten = [
        Knelpunt.objects.create(casus=c, soort=Knelpunt.Soort.WET_REGEL, organisatie=organisatie,
                                regel="Kostendelersnorm", beschrijving=f"Mevrouw {c.pseudoniem} verloor haar toeslag.")
        for c in (a, b)
    ]
    beleid = make_user("beleid", first_name="Bram", last_name="Beleid")
    with time_machine.travel(datetime.datetime(2026, 9, 20, 10, tzinfo=AMSTERDAM), tick=False):
        patroon = Patroon.objects.create(
            titel="Kostendelersnorm bij inwonende jongeren", beschrijving="Jongeren die bij een ouder wonen.",
            eigenaar=beleid, fase=Patroon.Fase.DIAGNOSE, fase_sinds=NU, aangemaakt_door=beleid,
        )
    patroon.knelpunten.set(knelpunten)
    rapport = services.maak_kwartaalconcept(NU.date())
    pdf = schrijf_en_render(rapport, omo_user, django_capture_on_commit_callbacks)

    volledig, publiek = pdf["volledig"], pdf["publiek"]
    # Two new cases, one in August and one in September: 1 + 1 = 2 gives every count away even
    # as "< 3", so the public tables that show them give none of them ("×").
    assert rij(volledig, "Nieuwe casussen", 2) and rij(publiek, "Nieuwe casussen", "×")
    assert rij(volledig, "Aangemeld", 2) and rij(publiek, "Aangemeld", "×")
    assert rij(volledig, "aug 2026", 1) and rij(publiek, "aug 2026", "×")
    assert rij(volledig, "Casussen", 2) and rij(publiek, "Casussen", "< 3")  # the patroon's cases
    assert "Kostendelersnorm bij inwonende jongeren" in volledig and "Diagnose" in volledig
    assert "Bram Beleid" in volledig and "Bram Beleid" not in publiek  # no names of staff in public
    assert "Publieksversie" in publiek and "Voor het College van burgemeester en wethouders" in volledig
    assert "Kwartaalrapportage Q3 2026" in publiek and "1 juli 2026 t/m 30 september 2026" in publiek
    for tekst in (volledig, publiek):
        for verboden in (a.code, b.code, "Zwaluwstaart", "Kwikstaart", "DOS-778899", "DOS-112233", "toeslag",
                         "Dreigende huisuitzetting", consulent.username):
            assert verboden not in tekst, verboden


def test_a_quarter_of_demo_data_is_a_readable_report(demo, omo_user, django_capture_on_commit_callbacks):
    rapport = services.maak_kwartaalconcept(NU.date())
    schrijf_en_render(rapport, omo_user, django_capture_on_commit_callbacks)
    for bestand in RapportBestand.objects.filter(rapport=rapport):
        assert 8 <= bestand.paginas <= 20, bestand.paginas
        assert bestand.grootte == bestand.bestand.size and len(bestand.sha256) == 64
