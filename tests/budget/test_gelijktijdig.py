"""Budget holders clicking at the same moment, on real database connections (one per thread).

What a user would notice if this went wrong: a fund that approves more than it has, a request
approved twice (two reservations), a double click that books twice, or a technical error page
instead of a Dutch message saying the money ran out or someone else already decided.
"""

import secrets
import threading
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.urls import reverse

from budget.models import Aanvraag, Rekening, Saldo, Transactie
from budget.services import aanvraag as services
from budget.services import grootboek
from omo.weigering import Weigering
from tests.gelijktijdig import WACHTTIJD, gelijktijdig

pytestmark = pytest.mark.django_db(transaction=True)

R = Rekening.Soort
S = Aanvraag.Status
RONDES = 20

# (amount per request, requests) per round: together always more than the fund's 1,000.
VERDELINGEN = [
    (Decimal("150.00"), 10),  # 6 fit, 100 left
    (Decimal("125.00"), 10),  # 8 fit, 0 left
    (Decimal("333.33"), 10),  # 3 fit, 0.01 left
    (Decimal("111.12"), 10),  # 8 fit, 111.04 left (just not a ninth)
    (Decimal("200.00"), 12),  # 5 fit, 0 left
]


class Bewaker:
    """Reads the fund's beschikbaar balance over and over while the approvals run (on its own
    connection), so a moment below zero would be seen, not only the end state."""

    def __init__(self, fonds):
        rekening = Rekening.objects.get(fonds=fonds, soort=R.BESCHIKBAAR)
        self.rekening_id = rekening.pk
        self.gezien = []
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._kijk, daemon=True)

    def _kijk(self):
        try:
            while not self.stop.is_set():
                self.gezien.append(Saldo.objects.get(rekening_id=self.rekening_id).saldo)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join(WACHTTIJD)


def stand(fonds):
    return {k: v for k, v in grootboek.saldi(fonds.pk).items() if k in Rekening.INTERN}


def test_gelijktijdige_goedkeuringen_nooit_meer_dan_het_fonds_heeft(make_fonds, make_aanvraag, budgethouder):
    """Ten budget-holder clicks on ten requests at once, together more than the fund has left:
    exactly as many are approved as fit, the others get the Dutch 'not enough available'
    message, and the fund never goes below zero. Twenty rounds."""
    for ronde in range(RONDES):
        bedrag, aantal = VERDELINGEN[ronde % len(VERDELINGEN)]
        fonds = make_fonds(naam=f"Fonds ronde {ronde}", toewijzing="1000.00")
        aanvragen = [make_aanvraag(bedrag, fonds=fonds) for _ in range(aantal)]
        assert all(a.status == S.INGEDIEND for a in aanvragen)
        past = min(aantal, int(Decimal("1000.00") // bedrag))
        assert past < aantal  # the round is only meaningful when not everything fits

        with Bewaker(fonds) as bewaker:
            uitkomsten = gelijktijdig([
                (lambda pk=a.pk: services.keur_goed(pk, budgethouder, "Past binnen het fonds")) for a in aanvragen
            ])

        gelukt = [u for soort, u in uitkomsten if soort == "ok"]
        fouten = [u for soort, u in uitkomsten if soort == "fout"]
        onverwacht = [f for f in fouten if not isinstance(f, Weigering)]
        assert not onverwacht, f"ronde {ronde}: geen Weigering maar {onverwacht!r}"
        assert len(gelukt) == past, f"ronde {ronde}: {len(gelukt)} goedgekeurd, verwacht {past}: {uitkomsten[:2]}"
        for fout in fouten:
            assert "niet genoeg" in fout.message or "beschikbaar" in fout.message, fout.message
        assert stand(fonds) == {
            R.BESCHIKBAAR: Decimal("1000.00") - past * bedrag, R.GERESERVEERD: past * bedrag, R.BESTEED: 0,
            R.UITSTAAND: 0,
        }
        assert bewaker.gezien and min(bewaker.gezien) >= 0
        statussen = sorted(Aanvraag.objects.filter(fonds=fonds).values_list("status", flat=True))
        assert statussen.count(S.GOEDGEKEURD) == past and statussen.count(S.INGEDIEND) == aantal - past
        assert Transactie.objects.filter(fonds=fonds, soort=Transactie.Soort.RESERVERING).count() == past
        call_command("ledger_check", verbosity=0)


def test_twee_budgethouders_keuren_dezelfde_aanvraag_tegelijk_goed(make_user, make_fonds, make_aanvraag):
    """Two budget holders of the fund approve the same request at the same moment: one wins,
    the other is told it was already decided, and the amount is reserved once."""
    bram, bea = make_user("budgethouder"), make_user("budgethouder")
    fonds = make_fonds(naam="Fonds met twee houders", toewijzing="100000.00", houders=[bram, bea])
    for ronde in range(RONDES):
        aanvraag = make_aanvraag("400.00", fonds=fonds)
        uitkomsten = gelijktijdig([
            lambda pk=aanvraag.pk: services.keur_goed(pk, bram, "Akkoord"),
            lambda pk=aanvraag.pk: services.keur_goed(pk, bea, "Ook akkoord"),
        ])
        gelukt = [u for soort, u in uitkomsten if soort == "ok"]
        fouten = [u for soort, u in uitkomsten if soort == "fout"]
        assert len(gelukt) == 1 and len(fouten) == 1, f"ronde {ronde}: {uitkomsten!r}"
        assert isinstance(fouten[0], Weigering), f"ronde {ronde}: geen Weigering maar {fouten[0]!r}"
        assert "al beslist" in fouten[0].message, fouten[0].message
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.GOEDGEKEURD and aanvraag.gereserveerd == Decimal("400.00")
        assert aanvraag.besloten_door_id == gelukt[0].besloten_door_id
        assert Transactie.objects.filter(aanvraag=aanvraag, soort=Transactie.Soort.RESERVERING).count() == 1
    assert stand(fonds)[R.GERESERVEERD] == RONDES * Decimal("400.00")
    assert stand(fonds)[R.BESCHIKBAAR] == Decimal("100000.00") - RONDES * Decimal("400.00")
    call_command("ledger_check", verbosity=0)


def test_dubbele_klik_op_goedkeuren_boekt_eenmaal(make_fonds, make_aanvraag, budgethouder):
    """The approve form sent twice at the same moment with the same one-time token (a double
    click, two tabs): one approval and one reservation; the other POST is told it was already
    done. Both land back on the inbox, neither shows an error page."""
    fonds = make_fonds(naam="Fonds dubbele klik", toewijzing="100000.00")
    for ronde in range(RONDES // 2):
        aanvraag = make_aanvraag("250.00", fonds=fonds)
        url = reverse("aanvraag_beslissen", kwargs={"pk": aanvraag.pk})
        data = {"besluit": "goedkeuren", "motivatie": "", "eenmalig": secrets.token_urlsafe(24)}
        clients = [Client(), Client()]
        for c in clients:
            c.force_login(budgethouder)
        uitkomsten = gelijktijdig([(lambda c=c, url=url, data=data: c.post(url, data)) for c in clients])
        fouten = [u for soort, u in uitkomsten if soort == "fout"]
        assert not fouten, f"ronde {ronde}: {fouten!r}"
        antwoorden = [u for _soort, u in uitkomsten]
        for antwoord in antwoorden:
            assert antwoord.status_code == 302, (ronde, antwoord.status_code)
            assert antwoord["Location"] == reverse("budget_inbox")
        meldingen = sorted(" ".join(str(m) for m in get_messages(a.wsgi_request)) for a in antwoorden)
        assert any("Goedgekeurd" in m for m in meldingen), meldingen
        assert any("al verwerkt" in m for m in meldingen), meldingen
        aanvraag.refresh_from_db()
        assert aanvraag.status == S.GOEDGEKEURD and aanvraag.gereserveerd == Decimal("250.00")
        assert Transactie.objects.filter(aanvraag=aanvraag, soort=Transactie.Soort.RESERVERING).count() == 1
    assert stand(fonds)[R.GERESERVEERD] == (RONDES // 2) * Decimal("250.00")
    call_command("ledger_check", verbosity=0)
