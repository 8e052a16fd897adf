"""Resetting another user's second factor: always four eyes (never the proposer, never the user
concerned); approved, every device of the user is deleted, their sessions end and they get one
e-mail. No other route deletes someone's devices."""

import io

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp import devices_for_user
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp_webauthn.models import WebAuthnCredential

from omo import berichten, rolbeheer
from omo.eenmalig import nieuw_token
from omo.models import Bericht, Notificatie, Rolwijziging
from omo.weigering import Weigering

pytestmark = pytest.mark.django_db

A = Rolwijziging.Actie
S = Rolwijziging.Status


def geef_tweede_factor(user):
    """An authenticator app, recovery codes and a passkey: every kind OMO knows."""
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    codes = StaticDevice.objects.create(user=user, name="herstelcodes", confirmed=True)
    StaticToken.objects.create(device=codes, token="abcd1234")
    WebAuthnCredential.objects.create(user=user, name="laptop", credential_id=f"id-{user.pk}".encode(),
                                      public_key=b"sleutel", sign_count=0)


def aantal_factoren(user):
    return len(list(devices_for_user(user, confirmed=None)))


def herstel_url(user):
    return reverse("tweede_factor_herstellen", args=[user.pk])


def stel_voor(client, user, reden="Telefoon kwijt, teruggebeld op het bekende nummer", token=None):
    return client.post(herstel_url(user), {"herstel-reden": reden, "eenmalig": token or nieuw_token()}, follow=True)


def beoordeel(client, wijziging, besluit="goedkeuren", toelichting=""):
    return client.post(reverse("rolwijziging_beoordelen", args=[wijziging.pk]),
                       {"besluit": besluit, "toelichting": toelichting}, follow=True)


def ingelogde_sessies(user):
    return [s for s in Session.objects.all() if s.get_decoded().get(SESSION_KEY) == str(user.pk)]


@pytest.fixture
def beheerders(make_user):
    return make_user("beheerder", username="anna"), make_user("beheerder", username="bert")


@pytest.fixture
def tom(make_user):
    tom = make_user("omo", username="tom", first_name="Tom", last_name="Wetzels", email="tom@example.nl")
    geef_tweede_factor(tom)
    return tom


def test_herstel_na_goedkeuring_door_een_tweede_beheerder(client, beheerders, tom):
    anna, bert = beheerders
    # Tom is logged in somewhere, and so is Bert (whose session must stay).
    tom_client = Client()
    tom_client.force_login(tom)
    assert tom_client.get(reverse("home")).status_code == 200

    client.force_login(anna)
    pagina = client.get(reverse("gebruiker_rollen", args=[tom.pk])).content.decode()
    assert "Tweede factor herstellen" in pagina and "app met inlogcodes" in pagina and "passkey" in pagina
    html = stel_voor(client, tom).content.decode()
    assert "Voorstel gedaan: de tweede factor herstellen voor Tom Wetzels" in html
    wijziging = Rolwijziging.objects.get(gebruiker=tom)
    assert (wijziging.actie, wijziging.rol, wijziging.status) == (A.HERSTELLEN, "", S.VOORGESTELD)
    # Tom hears of the proposal before it takes effect (he can stop a reset he did not ask for).
    assert Notificatie.objects.filter(gebruiker=tom, tekst__contains="anna stelt voor je tweede factor te herstellen"
                                      ).exists()
    assert aantal_factoren(tom) == 3
    # Anna may not approve her own proposal.
    assert reverse("rolwijziging_beoordelen", args=[wijziging.pk]) not in html
    assert "Je eigen voorstel keurt een andere beheerder goed of af" in beoordeel(client, wijziging).content.decode()
    assert aantal_factoren(tom) == 3

    # Bert is told and approves; the list reads right.
    assert Notificatie.objects.filter(gebruiker=bert, tekst__contains="de tweede factor herstellen voor Tom Wetzels").exists()
    client.force_login(bert)
    lijst = client.get(reverse("rolwijzigingen")).content.decode()
    assert "Tweede factor herstellen" in lijst and "Telefoon kwijt" in lijst
    html = beoordeel(client, wijziging, toelichting="Akkoord").content.decode()
    assert "Goedgekeurd: de tweede factor herstellen voor Tom Wetzels" in html
    assert aantal_factoren(tom) == 0
    assert not WebAuthnCredential.objects.filter(user=tom).exists()
    assert not StaticToken.objects.exists()
    # Tom's sessions are gone (he logs in again and enrols); Bert's stays.
    assert ingelogde_sessies(tom) == []
    assert tom_client.get(reverse("home")).status_code == 302
    assert client.get(reverse("home")).status_code == 200
    # One mail, to Tom, in Dutch: who, when, what to do, whom to call.
    berichten.verstuur_wachtende()
    aan_tom = [m for m in mail.outbox if m.to == ["tom@example.nl"] and "hersteld" in m.subject]
    assert len(aan_tom) == 1
    tekst = aan_tom[0].body
    assert "anna" in tekst and "bert" in tekst and "Log opnieuw in" in tekst and "Klopt dit niet" in tekst
    assert Bericht.objects.filter(sleutel=f"tweede-factor-hersteld-{wijziging.pk}").count() == 1
    # In the app too, without a second mail.
    melding = Notificatie.objects.get(gebruiker=tom, sleutel__endswith="-uitgevoerd")
    assert "Je tweede factor is op" in melding.tekst and melding.gemaild_op is not None
    # The eerdere list reads right.
    lijst = client.get(reverse("gebruiker_rollen", args=[tom.pk])).content.decode()
    assert "Tweede factor herstellen" in lijst and "niet ingesteld" in lijst


def test_wie_het_betreft_keurt_het_niet_goed(client, beheerders, make_user):
    anna, bert = beheerders
    geef_tweede_factor(bert)
    client.force_login(anna)
    stel_voor(client, bert)
    wijziging = Rolwijziging.objects.get(gebruiker=bert)
    client.force_login(bert)
    html = client.get(reverse("rolwijzigingen")).content.decode()
    assert reverse("rolwijziging_beoordelen", args=[wijziging.pk]) not in html
    assert "Over je eigen tweede factor beslist een andere beheerder" in html
    assert "Over je eigen rollen beslist een andere beheerder" in beoordeel(client, wijziging).content.decode()
    assert aantal_factoren(bert) == 3
    with pytest.raises(Weigering):
        rolbeheer.keur_goed(wijziging.pk, bert)
    # A third beheerder may.
    carla = make_user("beheerder", username="carla")
    rolbeheer.keur_goed(wijziging.pk, carla)
    assert aantal_factoren(bert) == 0


def test_niemand_stelt_het_voor_zichzelf_voor(client, beheerders):
    anna, _bert = beheerders
    geef_tweede_factor(anna)
    client.force_login(anna)
    html = client.get(reverse("gebruiker_rollen", args=[anna.pk])).content.decode()
    assert herstel_url(anna) not in html
    html = stel_voor(client, anna).content.decode()
    assert "Je eigen tweede factor herstel je niet via een voorstel" in html
    assert not Rolwijziging.objects.exists()


def test_alleen_een_beheerder_stelt_het_voor(client, make_user, tom):
    client.force_login(make_user("omo"))
    assert stel_voor(client, tom).status_code == 403
    with pytest.raises(Weigering):
        rolbeheer.stel_factorherstel_voor(tom.pk, make_user("consulent"), reden="x")
    assert not Rolwijziging.objects.exists()


def test_afwijzen_laat_de_tweede_factor_staan(client, beheerders, tom):
    anna, bert = beheerders
    client.force_login(anna)
    stel_voor(client, tom)
    wijziging = Rolwijziging.objects.get(gebruiker=tom)
    client.force_login(bert)
    html = beoordeel(client, wijziging, "afwijzen", "Niet door Tom zelf gevraagd").content.decode()
    assert "Afgewezen: de tweede factor herstellen voor Tom Wetzels" in html
    assert aantal_factoren(tom) == 3
    assert not Bericht.objects.filter(aan__contains=["tom@example.nl"]).exists()
    # And approving afterwards changes nothing.
    assert "al afgewezen" in beoordeel(client, wijziging).content.decode()
    assert aantal_factoren(tom) == 3


def test_intrekken_laat_de_tweede_factor_staan(client, beheerders, tom):
    anna, bert = beheerders
    client.force_login(anna)
    stel_voor(client, tom)
    wijziging = Rolwijziging.objects.get(gebruiker=tom)
    assert "Ingetrokken" in client.post(reverse("rolwijziging_intrekken", args=[wijziging.pk]), follow=True
                                        ).content.decode()
    client.force_login(bert)
    assert "al ingetrokken" in beoordeel(client, wijziging).content.decode()
    assert aantal_factoren(tom) == 3


def test_een_reden_is_verplicht_en_wat_getypt_is_blijft(client, beheerders, tom):
    anna, _bert = beheerders
    client.force_login(anna)
    response = stel_voor(client, tom, reden="")
    assert response.status_code == 200 and "Schrijf waarom de tweede factor van Tom Wetzels" in response.content.decode()
    response = stel_voor(client, tom, reden="Zie dossier 111222333")
    html = response.content.decode()
    assert response.status_code == 200 and "Dit lijkt een BSN" in html and "Zie dossier 111222333</textarea>" in html
    assert not Rolwijziging.objects.exists()


def test_een_tweede_voorstel_wordt_geweigerd(client, beheerders, tom, make_user):
    anna, bert = beheerders
    client.force_login(anna)
    stel_voor(client, tom)
    client.force_login(bert)
    html = stel_voor(client, tom, reden="Ook gebeld").content.decode()
    assert "Er staat al een voorstel open om de tweede factor herstellen voor Tom Wetzels (van anna" in html
    assert Rolwijziging.objects.filter(gebruiker=tom).count() == 1
    # A role proposal for the same user is a different proposal and still possible.
    client.post(reverse("gebruiker_rollen", args=[tom.pk]), {"rol": "college", "actie": "toekennen", "reden": "x"})
    assert Rolwijziging.objects.filter(gebruiker=tom).count() == 2


def test_dubbelklik_maakt_een_voorstel(client, beheerders, tom):
    anna, _bert = beheerders
    client.force_login(anna)
    token = nieuw_token()
    eerste = client.post(herstel_url(tom), {"herstel-reden": "Telefoon kwijt", "eenmalig": token})
    assert eerste.status_code == 302
    tweede = client.post(herstel_url(tom), {"herstel-reden": "Telefoon kwijt", "eenmalig": token}, follow=True)
    assert "Dit voorstel was al gedaan" in tweede.content.decode()
    assert tweede.redirect_chain[0][0] == eerste["Location"]
    assert Rolwijziging.objects.filter(gebruiker=tom).count() == 1


def test_dubbel_goedkeuren_mailt_een_keer(client, beheerders, tom):
    anna, bert = beheerders
    client.force_login(anna)
    stel_voor(client, tom)
    wijziging = Rolwijziging.objects.get(gebruiker=tom)
    client.force_login(bert)
    beoordeel(client, wijziging)
    html = beoordeel(client, wijziging).content.decode()
    assert "Dit voorstel is al goedgekeurd door" in html
    berichten.verstuur_wachtende()
    assert len([m for m in mail.outbox if m.to == ["tom@example.nl"] and "hersteld" in m.subject]) == 1


def test_zonder_tweede_factor_valt_er_niets_te_herstellen(client, beheerders, make_user):
    anna, _bert = beheerders
    sanne = make_user("consulent")
    client.force_login(anna)
    html = client.get(reverse("gebruiker_rollen", args=[sanne.pk])).content.decode()
    assert herstel_url(sanne) not in html and "niet ingesteld" in html
    assert "heeft geen tweede factor ingesteld" in stel_voor(client, sanne).content.decode()
    assert not Rolwijziging.objects.exists()


def test_rol_goedkeuren_met_een_beheerder(make_user, tom):
    anna = make_user("beheerder", username="anna")
    wijziging = rolbeheer.stel_factorherstel_voor(tom.pk, anna, reden="Telefoon kwijt")
    uit = io.StringIO()
    call_command("rol_goedkeuren", stdout=uit)
    assert "de tweede factor herstellen voor Tom Wetzels" in uit.getvalue()
    call_command("rol_goedkeuren", str(wijziging.pk), stdout=uit)
    assert "omzeild" in uit.getvalue()
    assert aantal_factoren(tom) == 0
    bericht = Bericht.objects.get(sleutel=f"tweede-factor-hersteld-{wijziging.pk}")
    assert "beheercommando" in bericht.tekst
    berichten.verstuur(bericht.sleutel)


def test_de_rolwijzigingform_biedt_geen_herstel_als_rol_actie(client, beheerders, tom):
    anna, _bert = beheerders
    client.force_login(anna)
    response = client.post(reverse("gebruiker_rollen", args=[tom.pk]), {"rol": "", "actie": "herstellen", "reden": "x"})
    assert response.status_code == 200 and not Rolwijziging.objects.exists()
    assert aantal_factoren(tom) == 3


# --- No other route -----------------------------------------------------------------------------


@pytest.mark.parametrize("pad", [
    "/admin/otp_totp/totpdevice/",
    "/admin/otp_static/staticdevice/",
    "/admin/django_otp_webauthn/webauthncredential/",
])
def test_het_beheer_heeft_geen_paginas_voor_tweede_factoren(client, beheerders, tom, pad):
    anna, _bert = beheerders
    client.force_login(anna)
    assert client.get(pad).status_code == 404
    device = TOTPDevice.objects.get(user=tom)
    assert client.post(f"/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"}).status_code == 404
    index = client.get("/admin/").content.decode()
    assert "totpdevice" not in index and "staticdevice" not in index and "webauthncredential" not in index
    assert aantal_factoren(tom) == 3
