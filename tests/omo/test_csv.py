"""The one CSV writer (`omo.csvexport`) and every export that uses it.

Every text column of every export gets a formula (`=cmd|' /C calc'!A0`): the demo data's text
fields are all overwritten with one, and each export must write it as text (a leading
apostrophe), while numbers stay numbers.
"""

import csv
import datetime
import io
import re
from decimal import Decimal

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DatabaseError, models, transaction
from django.urls import reverse

from omo.csvexport import FORMULE_TEKENS, Getal, cel, csv_tekst
from omo.models import User

FORMULE = "=cmd|' /C calc'!A0"
GETAL = re.compile(r"^-?\d+(,\d+)?$")


def test_the_format_is_for_dutch_excel():
    tekst = csv_tekst(
        ["Naam", "Bedrag", "Datum", "Actief"],
        [["Voorkom-erger-potje", Decimal("1234.5"), datetime.date(2026, 7, 1), True], ["x;y", -3, None, False]],
    )
    assert tekst.startswith("\ufeff")
    assert tekst[1:].split("\r\n")[:3] == [
        "Naam;Bedrag;Datum;Actief", "Voorkom-erger-potje;1234,50;2026-07-01;ja", '"x;y";-3;;nee',
    ]


@pytest.mark.parametrize("teken", FORMULE_TEKENS)
def test_every_formula_start_is_neutralised_but_numbers_are_not(teken):
    assert cel(f"{teken}SOM(A1)") == f"'{teken}SOM(A1)"
    assert cel(Getal("-12,50")) == "-12,50" and cel(-12) == "-12" and cel(Decimal("-1.5")) == "-1,50"


def _formules_in_alle_tekst():
    """Every free-text and name column of the first row of every model of OMO's apps becomes a
    formula; append-only models (the ledger) refuse, and get a new posting instead."""
    for model in apps.get_models():
        if model._meta.app_label not in ("omo", "casussen", "escalatie", "budget", "rapportage") or model is User:
            continue
        velden = {
            f.name: f"{FORMULE} {f.name}"[: f.max_length or 200]
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField) and not f.unique and not f.choices
            and f.name not in ("sleutel", "email", "pad", "token")
        }
        eerste = model.objects.order_by("pk").first()
        if not velden or eerste is None:
            continue
        try:
            with transaction.atomic():
                model.objects.filter(pk=eerste.pk).update(**velden)
        except DatabaseError:
            pass


@pytest.fixture
def vergiftigd(settings, db):
    settings.DEBUG = True
    call_command("demo_data", stdout=io.StringIO())
    from budget.models import Fonds
    from budget.services import grootboek

    omo = User.objects.get(username="omo")
    for fonds in Fonds.objects.all():
        grootboek.toewijzen(fonds.pk, "10.00", omo, FORMULE)
    _formules_in_alle_tekst()


def _exports():
    from rapportage.exports import SLUGS

    urls = [reverse(name) for name in (
        "casus_export", "prijslijst_export", "grondslagen_export", "telefoonlijst_export", "budget_export",
        "signaal_export", "patroon_export",
    )]
    return urls + [reverse("rapportage_export", args=[slug]) for slug in SLUGS]


# The exports whose text columns carry what a user typed or named: each must hold the formula.
MET_TEKST = ("/casussen/export.csv", "/prijslijst/", "/grondslagen/", "/telefoonlijst/", "/budget/", "/patronen/")


@pytest.mark.django_db
def test_every_export_writes_a_formula_in_any_text_column_as_text(client, vergiftigd):
    gecontroleerd = 0
    for url in _exports():
        response = None
        for username in ("omo", "beleid"):
            client.force_login(User.objects.get(username=username))
            response = client.get(url, {"van": "2020-01-01", "tot": "2030-12-31"})
            if response.status_code == 200:
                break
        assert response.status_code == 200, url
        tekst = b"".join(response.streaming_content).decode() if response.streaming else response.content.decode()
        assert tekst.startswith("\ufeff"), url
        for rij in csv.reader(io.StringIO(tekst[1:]), delimiter=";"):
            for waarde in rij:
                assert waarde[:1] not in FORMULE_TEKENS or GETAL.match(waarde), f"{url}: {waarde!r}"
        if url.startswith(MET_TEKST):
            assert f"'{FORMULE}" in tekst, f"{url}: de formule staat er niet in, de controle zegt niets"
        gecontroleerd += 1
    assert gecontroleerd >= 10
