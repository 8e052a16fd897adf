"""The registry of figures (`rapportage.register`) and reports that last.

The fixture `fixtures/rapport_register_2.json` is a definitief quarterly report frozen by the
code of registry version 2 (demo data, Q3 2026); `…volledig.txt` and `…publiek.txt` are the text
of its two PDFs as that code rendered them. A report frozen today must render the same after any
later change of the registry: these files are never regenerated because a figure was added,
renamed or dropped. Only a deliberate change of the report's layout itself (the PDF template,
the chart drawing) regenerates them: `OMO_FIXTURE_SCHRIJVEN=1 pytest tests/rapportage/test_register.py`.
"""

import dataclasses
import datetime
import io
import json
import os
from pathlib import Path

import pytest
import time_machine
from pypdf import PdfReader

from omo.werkdagen import AMSTERDAM
from rapportage import register, weergave
from rapportage.models import SECTIES, Rapport
from rapportage.services import rapporten as services
from tests.rapportage.conftest import laad_demo

pytestmark = pytest.mark.django_db

MAP = Path(__file__).parent / "fixtures"
FIXTURE = MAP / "rapport_register_2.json"
SCHRIJVEN = os.environ.get("OMO_FIXTURE_SCHRIJVEN") == "1"
NU = datetime.datetime(2026, 10, 14, 9, tzinfo=AMSTERDAM)
DEFINITIEF_OP = datetime.datetime(2026, 10, 20, 15, 30, tzinfo=AMSTERDAM)


def _pdf_tekst(rapport, publiek) -> str:
    pdf, _paginas = services.render_pdf(rapport, publiek=publiek)
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\u00a0", " ")


def _rapport(gegevens, omo_user) -> Rapport:
    van, tot = datetime.date.fromisoformat(gegevens["van"]), datetime.date.fromisoformat(gegevens["tot"])
    return Rapport.objects.create(
        soort=Rapport.Soort.KWARTAAL, titel=gegevens["titel"], van=van, tot=tot,
        cijfers=gegevens["cijfers"], cijfers_op=datetime.datetime.fromisoformat(gegevens["cijfers_op"]),
        status=Rapport.Status.DEFINITIEF, definitief_op=DEFINITIEF_OP, definitief_door=omo_user,
        aangemaakt_door=omo_user, gewijzigd_door=omo_user, **gegevens["secties"],
    )


def _schrijf_fixture(omo_user):
    with time_machine.travel(NU, tick=False):
        laad_demo()
        rapport = services.maak_kwartaalconcept(NU.date())
    gegevens = {
        "titel": rapport.titel, "van": rapport.van.isoformat(), "tot": rapport.tot.isoformat(),
        "cijfers_op": rapport.cijfers_op.isoformat(), "cijfers": rapport.cijfers,
        "secties": {code: f"{naam} van de OMO-functionaris." for code, naam in SECTIES},
    }
    MAP.mkdir(exist_ok=True)
    FIXTURE.write_text(json.dumps(gegevens, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    Rapport.objects.all().delete()


@pytest.fixture
def bevroren(omo_user):
    if SCHRIJVEN:
        _schrijf_fixture(omo_user)
    gegevens = json.loads(FIXTURE.read_text())
    return _rapport(gegevens, omo_user)


def _verwacht(variant, tekst):
    bestand = MAP / f"rapport_register_2.{variant}.txt"
    if SCHRIJVEN:
        bestand.write_text(tekst)
    return bestand.read_text()


@pytest.fixture
def ander_register(monkeypatch):
    """The registry a year on: a figure added (after the key figures) and one renamed."""
    nieuw = register.Figuur(
        "nieuw-in-de-periode", "Een figuur van volgend jaar", "Wat een figuur van volgend jaar telt",
        bron="casussen", kolommen=(register.Kolom("Cijfer", register.TEKST), register.Kolom("Aantal")),
        rijen=lambda c: [(["Nieuw", c["casussen"]["nieuw"]], None)],
    )
    figuren = []
    for f in register.FIGUREN:
        if f.sleutel == "status":
            f = dataclasses.replace(f, titel="Casussen naar hun status van vandaag")
        figuren.append(f)
        if f.sleutel == "kerncijfers":
            figuren.append(nieuw)
    monkeypatch.setattr(register, "FIGUREN", tuple(figuren))
    monkeypatch.setattr(register, "VERSIE", register.VERSIE + 1)


def test_a_report_frozen_today_renders_the_same_after_a_figure_is_added_and_one_renamed(
    bevroren, request, settings
):
    settings.OMO_GEMEENTE = "Gemeente Voorbeeld"
    assert bevroren.cijfers["weergave"]["register"] == 2
    voor = {v: _pdf_tekst(bevroren, v == "publiek") for v in ("volledig", "publiek")}
    for variant, tekst in voor.items():
        assert tekst == _verwacht(variant, tekst), variant
    assert "Casussen naar status" in voor["volledig"] and "Vergelijking met eerdere perioden" in voor["volledig"]

    request.getfixturevalue("ander_register")
    # Today's registry draws the change on the dashboard and in every new report …
    nu = weergave.maak(bevroren.cijfers)
    assert nu["register"] == 3
    titels = [f["titel"] for f in nu["figuren"]]
    assert "Een figuur van volgend jaar" in titels and "Casussen naar hun status van vandaag" in titels
    # … and the report frozen before it stays exactly as it was.
    bevroren.refresh_from_db()
    for variant in ("volledig", "publiek"):
        assert _pdf_tekst(bevroren, variant == "publiek") == voor[variant], variant


def test_a_new_report_freezes_the_weergave_of_todays_registry(omo_user, consulent, make_casus):
    make_casus(consulent, datum_signaal=datetime.date(2026, 8, 3))
    with time_machine.travel(NU, tick=False):
        rapport = services.maak_kwartaalconcept(NU.date())
    w = rapport.cijfers["weergave"]
    assert w["register"] == register.VERSIE
    assert [f["sleutel"] for f in w["figuren"]] == list(register.SLEUTELS)
    kern = next(f for f in w["figuren"] if f["sleutel"] == "kerncijfers")
    assert kern["rijen"][0] == ["Nieuwe casussen", 1]
    json.dumps(w)  # plain JSON: it is stored as it is


def test_a_report_frozen_before_the_registry_gets_its_weergave_once(omo_user, consulent, make_casus):
    """Migration 0005: a definitief report frozen before the registry (figures without weergave)
    gets one from its own figures; the protection of the definitief report lets only that
    through."""
    import importlib

    from django.apps import apps

    make_casus(consulent, datum_signaal=datetime.date(2026, 8, 3))
    with time_machine.travel(NU, tick=False):
        c = services.bevroren_cijfers(datetime.date(2026, 7, 1), datetime.date(2026, 9, 30))
    oud = {k: v for k, v in c.items() if k not in ("weergave", "vergelijking")}
    rapport = _rapport({"titel": "Kwartaalrapportage Q3 2026", "van": "2026-07-01", "tot": "2026-09-30",
                        "cijfers_op": NU.isoformat(), "cijfers": oud,
                        "secties": {code: "Tekst." for code, _naam in SECTIES}}, omo_user)
    migratie = importlib.import_module("rapportage.migrations.0005_weergave_bevriezen")
    migratie.bevries(apps, None)
    rapport.refresh_from_db()
    w = rapport.cijfers["weergave"]
    assert w["omgezet"] is True and w["register"] == register.VERSIE
    sleutels = [f["sleutel"] for f in w["figuren"]]
    assert "vergelijking" not in sleutels  # it never had one
    assert sleutels == [s for s in register.SLEUTELS if s != "vergelijking"]
    assert rapport.cijfers["casussen"] == oud["casussen"]  # the figures themselves are untouched
    # Run twice: nothing changes.
    migratie.bevries(apps, None)
    rapport.refresh_from_db()
    assert rapport.cijfers["weergave"] == w
    with pytest.raises(Exception, match="rapport_definitief_onveranderlijk|Cannot"):
        Rapport.objects.filter(pk=rapport.pk).update(titel="Anders")


def test_every_figure_is_one_declaration_with_a_unique_key_and_a_csv():
    from rapportage.exports import SLUGS

    sleutels = [f.sleutel for f in register.FIGUREN]
    assert len(sleutels) == len(set(sleutels))
    assert list(SLUGS) == sleutels
    for f in register.FIGUREN:
        assert str(f.titel) and str(f.bijschrift), f.sleutel
        if f.sectie:
            assert f.sectie in register.SECTIES


def _mogelijk(tabel):
    """Every value a brute-force reader can find for each masked cell of a table with row totals
    (last column) and a totals row (last row): '< 3' is 1 or 2, '×' 0 or at least 3."""
    from itertools import product

    cellen = [(r, k) for r, rij in enumerate(tabel) for k, c in enumerate(rij) if c in ("< 3", "×")]
    bereik = {"< 3": (1, 2), "×": (0, *range(3, 25))}
    gevonden = {cel: set() for cel in cellen}
    for vulling in product(*[bereik[tabel[r][k]] for r, k in cellen]):
        t = [list(rij) for rij in tabel]
        for (r, k), v in zip(cellen, vulling, strict=True):
            t[r][k] = v
        t = [[int(c) for c in rij] for rij in t]
        if all(sum(rij[:-1]) == rij[-1] for rij in t) and all(
            sum(t[r][k] for r in range(len(t) - 1)) == t[-1][k] for k in range(len(t[0]))
        ):
            for cel, v in zip(cellen, vulling, strict=True):
                gevonden[cel].add(v)
    return gevonden


def test_no_masked_count_of_a_public_table_can_be_worked_back_from_its_totals():
    from rapportage.weergave import csv_tabel
    from tests.rapportage.voorbeeld_cijfers import voorbeeld

    w = weergave.maak(voorbeeld())
    _kop, rijen = csv_tabel(w, "escalaties", publiek=True)
    tabel = [[str(c) for c in rij[1:]] for rij in rijen]  # without the level's name
    _kop, open_rijen = csv_tabel(w, "escalaties", publiek=False)
    assert any("< 3" in rij for rij in tabel) and any("×" in rij for rij in tabel)
    for (r, k), waarden in _mogelijk(tabel).items():
        echt = int(open_rijen[r][k + 1])
        assert echt in waarden  # the real table is one of the fillings
        if tabel[r][k] == "< 3":
            assert waarden == {1, 2}, (r, k)  # both remain possible: nothing to work back
    # Without the second mark, the total gives the small count away.
    alleen_primair = [[open_rijen[r][k + 1] if c == "×" else c for k, c in enumerate(rij)]
                      for r, rij in enumerate(tabel)]
    assert any(len(v) == 1 for cel, v in _mogelijk(alleen_primair).items())


def test_a_public_table_that_cannot_be_protected_shows_none_of_its_counts():
    """Two funds with one request each and a total of 2: '< 3' everywhere would still say 1, 1
    and 2. The table then shows no count; the money stays."""
    from rapportage.weergave import csv_tabel
    from tests.rapportage.voorbeeld_cijfers import voorbeeld

    c = voorbeeld()
    for rij in c["geld"]["per_fonds"]:
        rij["aanvragen"] = 1
    c["geld"]["totaal"]["aanvragen"] = 2
    _kop, rijen = csv_tabel(weergave.maak(c), "fondsen", publiek=True)
    assert [rij[1] for rij in rijen] == ["×", "×", "×"]
    assert rijen[0][2] == "12345,50"


def test_what_is_worked_out_from_a_masked_count_is_masked_with_it():
    from rapportage.weergave import blokken, csv_tabel
    from tests.rapportage.voorbeeld_cijfers import voorbeeld

    c = voorbeeld()
    c["geld"]["per_plan"].update(plannen=2, totaal="6250.00", gemiddeld="3125.00", mediaan="3125.00", hoogste="4000.00")
    c["verzoeken"].update(aantal=2, op_tijd=1, te_laat=1, open=0, percentage=50.0)
    c["kosten"]["scenarios"] = 2
    w = weergave.maak(c)
    # Totaal ÷ Gemiddeld would give the number of plans, the percentage the verzoeken on time.
    assert csv_tabel(w, "plannen", publiek=True)[1] == [["< 3", "6250,00", "×", "×", "×"]]
    # (2 = 1 + 1 cannot be protected: no count is shown there at all.)
    assert csv_tabel(w, "verzoeken", publiek=True)[1] == [["×", "×", "×", "0", "×"]]
    figuren = {f["sleutel"]: f for b in blokken(w, publiek=True) for f in b["figuren"]}
    assert figuren["verzoeken"]["kerngetal"]["tekst"] == "×"
    assert "2 scenario" not in figuren["kosten-geldstroom"]["toelichting"]
    # The full version shows them all.
    assert csv_tabel(w, "plannen")[1] == [["2", "6250,00", "3125,00", "3125,00", "4000,00"]]
    assert {f["sleutel"]: f for b in blokken(w) for f in b["figuren"]}["verzoeken"]["kerngetal"]["tekst"] == "50,0%"
