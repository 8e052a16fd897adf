"""Knelpunt groups and structurele signalen: grouping by key and by hand, the signal at the third
case (notified once to omo and beleid), and the signal pages (what beleid must never see)."""

import threading

import pytest
from django.db import connection
from django.urls import reverse

from casussen.models import Knelpunt, Organisatie
from casussen.services import plan as plan_services
from omo.models import Notificatie
from omo.weigering import Weigering
from rapportage.models import Knelpuntgroep, KnelpuntIndeling
from rapportage.services import signalen

GEHEIM = "GEHEIMEOMSCHRIJVING"
PSEUDONIEM = "Familie Zeldenvoorkomend"
DOSSIER = "DOSSIER-77123"


@pytest.fixture
def casussen_van(make_casus, consulent):
    """casussen_van(n) → n new cases with recognisable personal data."""

    def factory(n, **velden):
        velden = {"pseudoniem": PSEUDONIEM, "dossiernummer": DOSSIER, **velden}
        return [make_casus(consulent, **velden) for _ in range(n)]

    return factory


@pytest.fixture
def knelpunt(organisatie, grondslag):
    """knelpunt(casus, **velden) → a knelpunt (grouped by the receivers) with the fixtures'
    organisation and legal basis unless told otherwise."""

    def factory(casus, **velden):
        data = {"soort": Knelpunt.Soort.WET_REGEL, "organisatie": organisatie, "grondslag": grondslag,
                "beschrijving": f"{GEHEIM} bij {casus.code}"}
        data.update(velden)
        return Knelpunt.objects.create(casus=casus, **data)

    return factory


@pytest.fixture
def signaal(casussen_van, knelpunt):
    """A structureel signaal of three cases; returns (groep, knelpunten)."""
    knelpunten = [knelpunt(c) for c in casussen_van(3)]
    return knelpunten[0].indeling.groep, knelpunten


def _groep(k) -> Knelpuntgroep:
    return KnelpuntIndeling.objects.select_related("groep").get(knelpunt=k).groep


def _meldingen(groep):
    return Notificatie.objects.filter(sleutel=f"signaal-{groep.pk}")


# --- The key -----------------------------------------------------------------------------------


def test_sleutel_normaliseert_de_regel_en_telt_die_alleen_zonder_grondslag():
    assert signalen.sleutel("proces", 4, None, "  Kostendelersnorm\n  ART. 22a ") == signalen.sleutel(
        "proces", 4, None, "kostendelersnorm art. 22a"
    )
    assert signalen.sleutel("wet_regel", 4, 7, "iets") == signalen.sleutel("wet_regel", 4, 7, "iets anders")
    assert signalen.sleutel("wet_regel", 4, 7, "") != signalen.sleutel("wet_regel", 5, 7, "")
    assert signalen.sleutel("wet_regel", 4, 7, "") != signalen.sleutel("proces", 4, 7, "")


# --- Grouping ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_knelpunten_van_verschillende_casussen_met_dezelfde_sleutel_vormen_een_groep(casussen_van, knelpunt):
    a, b, c = casussen_van(3)
    andere = Organisatie.objects.create(naam="Testorganisatie landelijk", soort=Organisatie.Soort.LANDELIJK)
    k1, k2 = knelpunt(a), knelpunt(b)
    k3 = knelpunt(c, organisatie=andere)
    assert _groep(k1) == _groep(k2) != _groep(k3)
    assert _groep(k1).aantal_casussen == 2 and _groep(k3).aantal_casussen == 1
    # Without a legal basis the rule decides, case and spacing ignored.
    r1 = knelpunt(a, grondslag=None, soort="proces", regel="Kostendelersnorm  Participatiewet")
    r2 = knelpunt(b, grondslag=None, soort="proces", regel="kostendelersnorm participatiewet")
    assert _groep(r1) == _groep(r2)
    assert _groep(r1).regel == "Kostendelersnorm Participatiewet"


@pytest.mark.django_db
def test_een_knelpunt_via_de_casuspagina_wordt_ingedeeld_en_verhuist_bij_een_wijziging(casussen_van, organisatie,
                                                                                       grondslag, consulent):
    [casus] = casussen_van(1)
    velden = {"soort": "wet_regel", "organisatie": organisatie, "grondslag": grondslag, "regel": "", "beschrijving": "x"}
    k = plan_services.voeg_knelpunt_toe(casus.pk, consulent, velden)
    oud = _groep(k)
    assert oud.aantal_casussen == 1
    plan_services.wijzig_knelpunt(k.pk, consulent, {**velden, "organisatie": None})
    oud.refresh_from_db()
    assert oud.aantal_casussen == 0 and _groep(k) != oud and _groep(k).aantal_casussen == 1
    nieuw = _groep(k)
    plan_services.verwijder_knelpunt(k.pk, consulent)
    nieuw.refresh_from_db()
    assert nieuw.aantal_casussen == 0 and not KnelpuntIndeling.objects.exists()


@pytest.mark.django_db
def test_twee_knelpunten_van_dezelfde_casus_tellen_een_keer(casussen_van, knelpunt, omo_user):
    a, b = casussen_van(2)
    knelpunt(a)
    knelpunt(a, beschrijving="Nog een keer")
    k = knelpunt(b)
    knelpunt(b, beschrijving="En nog eens")
    groep = _groep(k)
    assert groep.leden.count() == 4
    assert groep.aantal_casussen == 2
    assert groep.signaal_sinds is None and not _meldingen(groep).exists()


# --- The signal at the third case --------------------------------------------------------------


@pytest.mark.django_db
def test_derde_casus_maakt_een_signaal_en_meldt_omo_en_beleid_een_keer(casussen_van, knelpunt, make_user, omo_user,
                                                                        beleid_user, college_user):
    beide = make_user("omo", "beleid")
    make_user("omo", is_active=False)
    make_user("consulent")
    a, b, c, d = casussen_van(4)
    knelpunt(a)
    k = knelpunt(b)
    groep = _groep(k)
    assert groep.signaal_sinds is None and Knelpuntgroep.objects.filter(signaal_sinds__isnull=False).count() == 0
    knelpunt(c)
    groep.refresh_from_db()
    assert groep.aantal_casussen == 3 and groep.signaal_sinds is not None and Knelpuntgroep.objects.filter(signaal_sinds__isnull=False).count() == 1
    meldingen = list(_meldingen(groep))
    assert sorted(m.gebruiker_id for m in meldingen) == sorted([omo_user.pk, beleid_user.pk, beide.pk])
    assert meldingen[0].link == reverse("signaal_detail", args=[groep.pk])
    assert "3 casussen" in meldingen[0].tekst and GEHEIM not in meldingen[0].tekst
    sinds = groep.signaal_sinds
    # A fourth case, and grouping the same knelpunt again: no new signal, no second message.
    k4 = knelpunt(d)
    signalen.deel_in(k4)
    signalen.deel_in(k4)
    groep.refresh_from_db()
    assert groep.aantal_casussen == 4 and groep.signaal_sinds == sinds
    assert _meldingen(groep).count() == 3
    assert not Notificatie.objects.filter(gebruiker=college_user).exists()


@pytest.mark.django_db
def test_een_signaal_wordt_niet_ingetrokken_als_het_aantal_daalt(signaal):
    groep, knelpunten = signaal
    sinds = groep.signaal_sinds
    knelpunten[0].delete()
    groep.refresh_from_db()
    assert groep.aantal_casussen == 2 and groep.signaal_sinds == sinds


# --- Linking by hand ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_omo_koppelt_een_knelpunt_met_de_hand_en_maakt_het_weer_los(casussen_van, knelpunt, omo_user, beleid_user):
    a, b, c = casussen_van(3)
    doel_k = [knelpunt(a), knelpunt(b)]
    doel = _groep(doel_k[0])
    los = knelpunt(c, grondslag=None, soort="proces", regel="Wachtlijst beschermd wonen")
    eigen = _groep(los)
    signalen.koppel(omo_user, los, doel)
    doel.refresh_from_db()
    eigen.refresh_from_db()
    assert _groep(los) == doel and eigen.aantal_casussen == 0
    assert doel.aantal_casussen == 3 and doel.signaal_sinds is not None  # by hand counts too
    indeling = KnelpuntIndeling.objects.get(knelpunt=los)
    assert indeling.handmatig and indeling.gekoppeld_door == omo_user
    # A later save of the knelpunt keeps the link by hand.
    los.beschrijving = "aangepast"
    los.save()
    assert _groep(los) == doel
    with pytest.raises(Weigering):
        signalen.koppel(omo_user, los, doel)
    with pytest.raises(Weigering):
        signalen.koppel(beleid_user, doel_k[0], eigen)
    signalen.ontkoppel(omo_user, los)
    doel.refresh_from_db()
    eigen.refresh_from_db()
    assert _groep(los) == eigen and eigen.aantal_casussen == 1 and doel.aantal_casussen == 2
    assert doel.signaal_sinds is not None
    with pytest.raises(Weigering):
        signalen.ontkoppel(omo_user, los)


@pytest.mark.django_db
def test_indelen_alle_deelt_bestaande_knelpunten_in_zonder_meldingen(casussen_van, organisatie, grondslag, omo_user):
    casussen = casussen_van(3)
    Knelpunt.objects.bulk_create([  # bulk_create sends no signals: like rows from before the feature
        Knelpunt(casus=c, soort="wet_regel", organisatie=organisatie, grondslag=grondslag, beschrijving="x")
        for c in casussen + casussen[:1]
    ])
    assert not KnelpuntIndeling.objects.exists()
    assert signalen.indelen_alle() == 4
    groep = Knelpuntgroep.objects.get()
    assert groep.aantal_casussen == 3 and groep.signaal_sinds is not None
    assert not Notificatie.objects.exists()
    assert signalen.indelen_alle() == 0


@pytest.mark.django_db(transaction=True)
def test_gelijktijdig_indelen_maakt_een_groep_en_een_signaal(make_user, make_casus, leefgebied, organisatie,
                                                              grondslag, team_a):
    roles_consulent = make_user("consulent", team=team_a)
    ontvanger = make_user("beleid")
    casussen = [make_casus(roles_consulent) for _ in range(3)]
    barriere = threading.Barrier(3)
    fouten = []

    def werk(casus):
        try:
            barriere.wait(timeout=10)
            Knelpunt.objects.create(casus=casus, soort="wet_regel", organisatie=organisatie, grondslag=grondslag,
                                    beschrijving="x")
        except Exception as e:  # noqa: BLE001 - reported below
            fouten.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=werk, args=(c,)) for c in casussen]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert fouten == []
    groep = Knelpuntgroep.objects.get()
    assert groep.aantal_casussen == 3 and groep.signaal_sinds is not None
    assert Notificatie.objects.filter(gebruiker=ontvanger, sleutel=f"signaal-{groep.pk}").count() == 1


# --- Pages -------------------------------------------------------------------------------------


def _persoonsgegevens(casussen) -> list[str]:
    return [GEHEIM, PSEUDONIEM, DOSSIER, *(c.code for c in casussen)]


@pytest.mark.django_db
def test_beleid_ziet_geen_persoonsgegevens_op_de_signaalpaginas(client, signaal, beleid_user):
    groep, knelpunten = signaal
    client.force_login(beleid_user)
    paginas = [
        client.get(reverse("signaal_lijst")),
        client.get(reverse("signaal_lijst"), {"alle": "on"}),
        client.get(reverse("signaal_detail", args=[groep.pk])),
        client.get(reverse("signaal_export")),
    ]
    assert all(p.status_code == 200 for p in paginas)
    inhoud = [p.content.decode() for p in paginas]
    assert "Testwet" in inhoud[0] and "Testwet" in inhoud[2] and "Testwet" in inhoud[3]
    for tekst in inhoud:
        for geheim in _persoonsgegevens([k.casus for k in knelpunten]):
            assert geheim not in tekst
    assert "koppelen" not in inhoud[2].lower()


@pytest.mark.django_db
def test_omo_ziet_de_knelpunten_met_casuscode_en_kan_alle_groepen_tonen(client, signaal, knelpunt, casussen_van,
                                                                        omo_user):
    groep, knelpunten = signaal
    [los] = casussen_van(1)
    knelpunt(los, grondslag=None, soort="aanbod", regel="Geen crisisbed jeugd")
    client.force_login(omo_user)
    html = client.get(reverse("signaal_detail", args=[groep.pk])).content.decode()
    for k in knelpunten:
        assert k.casus.code in html and reverse("casus_detail", args=[k.casus_id]) in html
    assert GEHEIM in html and "Knelpunt koppelen" in html
    assert "Geen crisisbed jeugd" not in client.get(reverse("signaal_lijst")).content.decode()
    assert "Geen crisisbed jeugd" in client.get(reverse("signaal_lijst"), {"alle": "on"}).content.decode()


@pytest.mark.django_db
def test_signaallijst_filtert(client, signaal, beleid_user, casussen_van, knelpunt):
    casussen = casussen_van(3)
    for c in casussen:
        knelpunt(c, grondslag=None, soort="proces", regel="Suwinet koppeling")
    client.force_login(beleid_user)
    html = client.get(reverse("signaal_lijst"), {"soort": "proces"}).content.decode()
    assert "Suwinet koppeling" in html and "Testwet" not in html
    html = client.get(reverse("signaal_lijst"), {"q": "testwet"}).content.decode()
    assert "Suwinet koppeling" not in html and "Testwet" in html
    csv = client.get(reverse("signaal_export"), {"q": "suwinet"}).content.decode()
    assert "Suwinet koppeling" in csv and "Testwet" not in csv


@pytest.mark.django_db
def test_koppelen_via_de_pagina_en_foute_invoer_houdt_de_keuze(client, signaal, casussen_van, knelpunt, omo_user):
    groep, knelpunten = signaal
    [c] = casussen_van(1)
    ander = knelpunt(c, grondslag=None, soort="proces", regel="Andere regel")
    client.force_login(omo_user)
    url = reverse("signaal_koppelen", args=[groep.pk])
    response = client.post(url, {"knelpunt": knelpunten[1].pk, "groep": ""})
    html = response.content.decode()
    assert response.status_code == 200 and "Kies een groep." in html
    assert f'<option value="{knelpunten[1].pk}" selected>' in html
    assert _groep(knelpunten[1]) == groep
    response = client.post(url, {"knelpunt": knelpunten[1].pk, "groep": _groep(ander).pk})
    assert response.status_code == 302
    assert _groep(knelpunten[1]) == _groep(ander)
    groep.refresh_from_db()
    assert groep.aantal_casussen == 2
    # And back, from the other group's page.
    response = client.post(reverse("signaal_ontkoppelen", args=[_groep(ander).pk]), {"knelpunt": knelpunten[1].pk})
    assert response.status_code == 302 and _groep(knelpunten[1]) == groep


@pytest.mark.django_db
@pytest.mark.parametrize("aantal", [1, 30])
@pytest.mark.parametrize("rol", ["omo", "beleid"])
def test_signaalpaginas_binnen_het_querybudget(client, make_user, casussen_van, knelpunt, django_assert_max_num_queries,
                                               aantal, rol, organisatie):
    casussen = casussen_van(max(aantal, 3))
    organisaties = [organisatie] + [
        Organisatie.objects.create(naam=f"Testorganisatie {i}", soort="lokaal") for i in range(1, aantal)
    ]
    for org in organisaties:  # `aantal` signals of three cases each
        for c in casussen[:3]:
            knelpunt(c, organisatie=org)
    groep = _groep(Knelpunt.objects.filter(organisatie=organisatie).first())
    for c in casussen[3:]:  # and the first signal with `aantal` cases
        knelpunt(c)
    client.force_login(make_user(rol))
    for url in (reverse("signaal_lijst"), reverse("signaal_lijst") + "?alle=on",
                reverse("signaal_detail", args=[groep.pk]), reverse("signaal_export")):
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200
    if rol == "omo":
        with django_assert_max_num_queries(12):
            response = client.post(reverse("signaal_koppelen", args=[groep.pk]), {"knelpunt": "", "groep": ""})
        assert response.status_code == 200
