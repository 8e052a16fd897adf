"""The ledger worked by hand: allocate, approve, pay part, release, lend, repay, forgive half,
year end — and the balances we expect after each step. Then what the database refuses."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import IntegrityError, InternalError, connection, transaction
from django.db.utils import DatabaseError

from budget.models import Aanvraag, Boeking, Fonds, Jaarafsluiting, Rekening, Saldo, Transactie
from budget.services import aanvraag as services
from budget.services import grootboek
from omo.templatetags.omo_format import format_euro
from omo.weigering import Weigering

R = Rekening.Soort
S = Aanvraag.Status
AMS = ZoneInfo("Europe/Amsterdam")


def stand(fonds):
    return {k: v for k, v in grootboek.saldi(fonds.pk).items() if k in Rekening.INTERN}


def d(x):
    return Decimal(x)


def test_handgewerkt_scenario(make_fonds, make_aanvraag, budgethouder, time_machine):
    time_machine.move_to(datetime(2026, 12, 4, 10, tzinfo=AMS))
    fonds = make_fonds(toewijzing="10000.00", leningen_toegestaan=True)
    assert stand(fonds) == {R.BESCHIKBAAR: d("10000.00"), R.GERESERVEERD: 0, R.BESTEED: 0, R.UITSTAAND: 0}

    # Approve 1,200 and pay 800 of it; release the rest on closing.
    gift = make_aanvraag("1200.00", fonds=fonds)
    services.keur_goed(gift.pk, budgethouder)
    assert stand(fonds) == {R.BESCHIKBAAR: d("8800.00"), R.GERESERVEERD: d("1200.00"), R.BESTEED: 0, R.UITSTAAND: 0}
    services.betaal(gift.pk, budgethouder, d("800.00"))
    assert stand(fonds) == {R.BESCHIKBAAR: d("8800.00"), R.GERESERVEERD: d("400.00"), R.BESTEED: d("800.00"), R.UITSTAAND: 0}
    gift = services.rond_af(gift.pk, budgethouder)
    assert gift.status == S.AFGEROND and gift.gereserveerd == 0 and gift.betaald == d("800.00")
    assert stand(fonds) == {R.BESCHIKBAAR: d("9200.00"), R.GERESERVEERD: 0, R.BESTEED: d("800.00"), R.UITSTAAND: 0}

    # Lend 2,000 (childcare debt), repay 500, forgive half of the loan on the diploma.
    lening = make_aanvraag("2000.00", fonds=fonds, soort=Aanvraag.Soort.LENING, termijnbedrag=d("50.00"),
                           eerste_termijn=date(2027, 1, 1), kwijtschelding_voorwaarde="Helft bij diploma")
    services.keur_goed(lening.pk, budgethouder)
    lening = services.betaal(lening.pk, budgethouder, d("2000.00"))
    assert lening.status == S.UITSTAAND
    assert stand(fonds) == {R.BESCHIKBAAR: d("7200.00"), R.GERESERVEERD: 0, R.BESTEED: d("800.00"), R.UITSTAAND: d("2000.00")}
    services.los_af(lening.pk, budgethouder, d("500.00"))
    assert stand(fonds)[R.BESCHIKBAAR] == d("7700.00")  # revolving: the repayment is available again
    lening = services.scheld_kwijt(lening.pk, budgethouder, d("1000.00"), "Diploma behaald")
    assert lening.uitstaand == d("500.00") and lening.status == S.UITSTAAND
    assert stand(fonds) == {R.BESCHIKBAAR: d("7700.00"), R.GERESERVEERD: 0, R.BESTEED: d("1800.00"), R.UITSTAAND: d("500.00")}
    lening = services.los_af(lening.pk, budgethouder, d("500.00"))
    assert lening.status == S.AFGELOST and lening.afgelost == d("1000.00") and lening.kwijtgescholden == d("1000.00")
    assert stand(fonds) == {R.BESCHIKBAAR: d("8200.00"), R.GERESERVEERD: 0, R.BESTEED: d("1800.00"), R.UITSTAAND: 0}

    # Year end: not before the year is over; then the fund lapses and what is left goes back, once.
    with pytest.raises(Weigering, match="2026 loopt nog"):
        grootboek.sluit_jaar_af(fonds.pk, 2026)
    time_machine.move_to(datetime(2027, 1, 1, 0, 30, tzinfo=AMS))
    jaar = 2026
    afsluiting = grootboek.sluit_jaar_af(fonds.pk, jaar)
    assert afsluiting.bedrag == d("8200.00")
    assert grootboek.sluit_jaar_af(fonds.pk, jaar).pk == afsluiting.pk
    assert stand(fonds) == {R.BESCHIKBAAR: 0, R.GERESERVEERD: 0, R.BESTEED: d("1800.00"), R.UITSTAAND: 0}
    assert grootboek.saldi(fonds.pk)[R.VERVALLEN] == d("8200.00")
    # The closed year takes no more bookings; the new one does.
    with pytest.raises(Weigering, match="2026 van dit fonds is afgesloten"):
        grootboek.toewijzen(fonds.pk, d("10.00"), budgethouder, boekdatum=date(2026, 12, 31))
    grootboek.toewijzen(fonds.pk, d("50000.00"), budgethouder)
    assert stand(fonds)[R.BESCHIKBAAR] == d("50000.00")


def test_jaareinde_overhevelen_houdt_reserveringen(make_fonds, make_aanvraag, budgethouder, time_machine):
    time_machine.move_to(datetime(2026, 12, 4, 10, tzinfo=AMS))
    fonds = make_fonds(toewijzing="3000.00", jaareinde=Fonds.Jaareinde.OVERHEVELEN)
    a = make_aanvraag("1000.00", fonds=fonds)
    services.keur_goed(a.pk, budgethouder)
    time_machine.move_to(datetime(2027, 1, 1, 0, 30, tzinfo=AMS))
    jaar = 2026
    grootboek.sluit_jaar_af(fonds.pk, jaar)
    assert stand(fonds)[R.BESCHIKBAAR] == d("2000.00")
    assert stand(fonds)[R.GERESERVEERD] == d("1000.00")
    assert Transactie.objects.filter(fonds=fonds, soort=Transactie.Soort.OVERHEVELING).count() == 2
    assert grootboek.stand_eind_jaar(fonds.pk, R.BESCHIKBAAR, jaar) == 0
    assert grootboek.stand_eind_jaar(fonds.pk, R.BESCHIKBAAR, jaar + 1) == d("2000.00")
    assert Jaarafsluiting.objects.get(fonds=fonds, jaar=jaar).wijze == Fonds.Jaareinde.OVERHEVELEN


def test_voorfinanciering_verhaald_en_partnerbijdrage(make_fonds, make_aanvraag, budgethouder):
    fonds = make_fonds(toewijzing="1000.00", voorfinanciering_toegestaan=True)
    grootboek.partnerbijdrage(fonds.pk, d("5000.00"), "Woningcorporatie De Zaanstreek", budgethouder)
    assert stand(fonds)[R.BESCHIKBAAR] == d("6000.00")
    a = make_aanvraag("1500.00", fonds=fonds, soort=Aanvraag.Soort.VOORFINANCIERING, verhalen_op="Zorgverzekeraar Zilveren Kruis")
    services.keur_goed(a.pk, budgethouder)
    services.betaal(a.pk, budgethouder, d("1500.00"))
    a = services.los_af(a.pk, budgethouder, d("1500.00"))
    assert a.status == S.AFGELOST
    t = Transactie.objects.filter(aanvraag=a, soort=Transactie.Soort.VERHAAL).get()
    assert t.tegenpartij == "Zorgverzekeraar Zilveren Kruis"
    assert stand(fonds)[R.BESCHIKBAAR] == d("6000.00")


def test_tegenboeking_is_de_enige_correctie(make_fonds, make_aanvraag, budgethouder):
    fonds = make_fonds(toewijzing="1000.00")
    a = make_aanvraag("300.00", fonds=fonds)
    services.keur_goed(a.pk, budgethouder)
    services.betaal(a.pk, budgethouder, d("300.00"))
    betaling = Transactie.objects.get(aanvraag=a, soort=Transactie.Soort.BETALING)
    grootboek.keer_om(betaling.pk, budgethouder, "Dubbel betaald aan de verhuurder")
    a.refresh_from_db()
    assert (a.gereserveerd, a.betaald) == (d("300.00"), 0)
    assert stand(fonds)[R.BESTEED] == 0 and stand(fonds)[R.GERESERVEERD] == d("300.00")
    assert a.casus.tijdlijn.filter(omschrijving__startswith="Boeking tegengeboekt").exists()
    with pytest.raises(Weigering, match="al tegengeboekt"):
        grootboek.keer_om(betaling.pk, budgethouder, "nog eens")
    # The original is still there, unchanged: corrections never rewrite history.
    assert Boeking.objects.filter(transactie=betaling).count() == 2


@pytest.mark.parametrize("bedrag,fout", [
    ("0", "groter zijn dan nul"), ("-5", "groter zijn dan nul"), ("12,345", "twee cijfers"), ("abc", "geldig bedrag"),
    ("1500.00", "hoogstens €\u00a01.000,00"),
])
def test_slechte_bedragen_boeken_niets(make_fonds, make_aanvraag, bedrag, fout):
    fonds = make_fonds(maximum_per_aanvraag=d("1000.00"))
    voor = Transactie.objects.count()
    with pytest.raises(Weigering, match=fout):
        make_aanvraag(bedrag, fonds=fonds)
    assert Transactie.objects.count() == voor
    assert not Aanvraag.objects.exists()


def test_lening_uit_fonds_zonder_leningen_en_voorfinanciering_zonder_partij(make_fonds, make_aanvraag):
    fonds = make_fonds(voorfinanciering_toegestaan=True)
    with pytest.raises(Weigering, match="geen lening"):
        make_aanvraag("100.00", fonds=fonds, soort=Aanvraag.Soort.LENING, termijnbedrag=d("10"), eerste_termijn=date(2027, 1, 1))
    with pytest.raises(Weigering, match="welke partij"):
        make_aanvraag("100.00", fonds=fonds, soort=Aanvraag.Soort.VOORFINANCIERING, verhalen_op=" ")
    assert not Aanvraag.objects.exists()


def test_betaling_boven_reservering_en_aflossing_boven_uitstaand(make_fonds, make_aanvraag, budgethouder):
    fonds = make_fonds(leningen_toegestaan=True)
    a = make_aanvraag("400.00", fonds=fonds, soort=Aanvraag.Soort.LENING, termijnbedrag=d("40"), eerste_termijn=date(2027, 1, 1))
    services.keur_goed(a.pk, budgethouder)
    with pytest.raises(Weigering, match="nog €\u00a0400,00 gereserveerd"):
        services.betaal(a.pk, budgethouder, d("400.01"))
    services.betaal(a.pk, budgethouder, d("400.00"))
    with pytest.raises(Weigering, match="nog €\u00a0400,00 uit"):
        services.los_af(a.pk, budgethouder, d("500.00"))
    a.refresh_from_db()
    assert (a.uitstaand, a.afgelost) == (d("400.00"), 0)


def _ruw(sql, params=()):
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(sql, params)
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")


def test_ruwe_sql_kan_boekingen_niet_wijzigen_of_verwijderen(fonds):
    boeking = Boeking.objects.first()
    transactie = boeking.transactie
    for sql in (
        "UPDATE budget_boeking SET bedrag = 1 WHERE id = %s",
        "DELETE FROM budget_boeking WHERE id = %s",
    ):
        with pytest.raises(DatabaseError):
            _ruw(sql, [boeking.pk])
    for sql in ("UPDATE budget_transactie SET omschrijving = 'x' WHERE id = %s", "DELETE FROM budget_transactie WHERE id = %s"):
        with pytest.raises(DatabaseError):
            _ruw(sql, [transactie.pk])
    boeking.refresh_from_db()
    assert boeking.bedrag == d("10000.00")


def test_ruwe_sql_kan_geen_transactie_uit_evenwicht_brengen(fonds):
    transactie = Transactie.objects.first()
    rekening = Rekening.objects.get(fonds=fonds, soort=R.BESCHIKBAAR)
    with pytest.raises(DatabaseError, match="niet in evenwicht"):
        _ruw("INSERT INTO budget_boeking (transactie_id, rekening_id, kant, bedrag, boekjaar) VALUES (%s, %s, 'D', 5, %s)",
             [transactie.pk, rekening.pk, transactie.boekjaar])
    with pytest.raises(DatabaseError, match="minstens twee"):
        _ruw("""INSERT INTO budget_transactie (fonds_id, soort, boekdatum, boekjaar, omschrijving, tegenpartij, geboekt_op)
                VALUES (%s, 'toewijzing', now(), 2026, 'leeg', '', now())""", [fonds.pk])
    with pytest.raises(IntegrityError):
        _ruw("INSERT INTO budget_boeking (transactie_id, rekening_id, kant, bedrag, boekjaar) VALUES (%s, %s, 'D', -5, %s)",
             [transactie.pk, rekening.pk, transactie.boekjaar])


def test_ruwe_sql_kan_beschikbaar_niet_onder_nul_brengen_of_saldi_vervalsen(fonds):
    beschikbaar = Rekening.objects.get(fonds=fonds, soort=R.BESCHIKBAAR)
    besteed = Rekening.objects.get(fonds=fonds, soort=R.BESTEED)
    with pytest.raises(IntegrityError, match="saldo_intern_niet_negatief"):
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("""INSERT INTO budget_transactie (fonds_id, soort, boekdatum, boekjaar, omschrijving, tegenpartij, geboekt_op)
                           VALUES (%s, 'betaling', now(), 2026, 'te veel', '', now()) RETURNING id""", [fonds.pk])
            tid = cur.fetchone()[0]
            cur.execute("""INSERT INTO budget_boeking (transactie_id, rekening_id, kant, bedrag, boekjaar)
                           VALUES (%s, %s, 'D', 10000.01, 2026), (%s, %s, 'C', 10000.01, 2026)""", [tid, besteed.pk, tid, beschikbaar.pk])
    for sql in ("UPDATE budget_saldo SET saldo = saldo + 1000000", "DELETE FROM budget_saldo",
                "UPDATE budget_jaarsaldo SET debet = 0"):
        with pytest.raises((InternalError, DatabaseError), match="alleen door boekingen"):
            _ruw(sql)
    assert Saldo.objects.get(rekening=beschikbaar).saldo == d("10000.00")


def test_beschikbaar_te_weinig_geeft_nederlandse_melding(make_fonds, make_aanvraag, budgethouder):
    fonds = make_fonds(toewijzing="700.00")
    a = make_aanvraag("800.00", fonds=fonds)
    with pytest.raises(Weigering, match=f"er is nog {format_euro(d('700.00'))} beschikbaar"):
        services.keur_goed(a.pk, budgethouder)
    a.refresh_from_db()
    assert a.status == S.INGEDIEND and a.gereserveerd == 0


def test_nachtelijke_taak_sluit_vorig_jaar_eenmaal_af(make_fonds, time_machine):
    from budget.tasks import jaren_afsluiten

    time_machine.move_to(datetime(2026, 12, 4, 10, tzinfo=AMS))
    vervalt = make_fonds("Stelpost", toewijzing="500.00")
    blijft = make_fonds("OMO-fonds", toewijzing="800.00", jaareinde=Fonds.Jaareinde.OVERHEVELEN)
    assert jaren_afsluiten() == 2  # 2025: nothing was left, but the year is closed for both
    time_machine.move_to(datetime(2027, 1, 1, 0, 30, tzinfo=AMS))
    assert jaren_afsluiten() == 2 and jaren_afsluiten() == 0
    assert stand(vervalt)[R.BESCHIKBAAR] == 0 and stand(blijft)[R.BESCHIKBAAR] == d("800.00")
    assert Jaarafsluiting.objects.get(fonds=vervalt, jaar=2026).bedrag == d("500.00")


def test_eenmalige_sleutels_na_een_week_opgeruimd(budgethouder, time_machine):
    from omo.models import Eenmalig
    from omo.tasks import eenmalige_sleutels_opruimen

    time_machine.move_to(datetime(2026, 12, 1, 10, tzinfo=AMS))
    Eenmalig.objects.create(token="oud", gebruiker=budgethouder, gebruikt_op=datetime(2026, 11, 20, tzinfo=AMS))
    Eenmalig.objects.create(token="nieuw", gebruiker=budgethouder, gebruikt_op=datetime(2026, 11, 30, tzinfo=AMS))
    assert eenmalige_sleutels_opruimen() == 1
    assert list(Eenmalig.objects.values_list("token", flat=True)) == ["nieuw"]


def test_tegenboeking_zet_de_status_terug_bij_de_cijfers(make_fonds, make_aanvraag, budgethouder):
    fonds = make_fonds(leningen_toegestaan=True)
    lening = make_aanvraag("400.00", fonds=fonds, soort=Aanvraag.Soort.LENING, termijnbedrag=d("40"),
                           eerste_termijn=date(2027, 1, 1))
    services.keur_goed(lening.pk, budgethouder)
    services.betaal(lening.pk, budgethouder, d("400.00"))
    lening = services.los_af(lening.pk, budgethouder, d("400.00"))
    assert lening.status == S.AFGELOST
    aflossing = Transactie.objects.get(aanvraag=lening, soort=Transactie.Soort.AFLOSSING)
    grootboek.keer_om(aflossing.pk, budgethouder, "De betaling is gestorneerd")
    lening.refresh_from_db()
    assert (lening.status, lening.uitstaand, lening.afgelost) == (S.UITSTAAND, d("400.00"), 0)


@pytest.mark.django_db(transaction=True)
def test_ledger_check_ziet_een_aanvraag_die_niet_bij_haar_boekingen_past(make_fonds, make_aanvraag, budgethouder):
    from django.core.management import CommandError, call_command

    fonds = make_fonds(toewijzing="1000.00")
    a = make_aanvraag("300.00", fonds=fonds)
    services.keur_goed(a.pk, budgethouder)
    services.betaal(a.pk, budgethouder, d("100.00"))
    call_command("ledger_check", verbosity=0)
    Aanvraag.objects.filter(pk=a.pk).update(betaald=d("150.00"))
    with pytest.raises(CommandError, match="betaald, terugbetaald of kwijtgescholden wijkt af"):
        call_command("ledger_check", verbosity=0)
    Aanvraag.objects.filter(pk=a.pk).update(betaald=d("100.00"), gereserveerd=d("250.00"))
    with pytest.raises(CommandError, match="gereserveerd of uitstaand wijkt af"):
        call_command("ledger_check", verbosity=0)
    Aanvraag.objects.filter(pk=a.pk).update(gereserveerd=d("200.00"))
