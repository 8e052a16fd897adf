"""The beheerder's admin without privileged fields: no superusers, no roles or permissions set in
a form, no password set for someone else; reset links by e-mail and a forced password change."""

import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import IntegrityError, transaction
from django.test import Client
from django.urls import reverse

from omo.models import Bericht, User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

NIEUW_WACHTWOORD = "paars-olifant-zonnebloem-42"


def change_url(user):
    return reverse("admin:omo_user_change", args=[user.pk])


def formulier(user, **extra):
    """Everything Django's own user form would accept, privileged fields included."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "team": "",
        "functie": "",
        "telefoon": "",
        "is_active": "on",
        "date_joined_0": "2026-01-05",
        "date_joined_1": "09:00:00",
        "initial-date_joined_0": "2026-01-05",
        "initial-date_joined_1": "09:00:00",
        "last_login_0": "",
        "last_login_1": "",
    }
    data.update(extra)
    return data


def rollen(user):
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def link_uit(bericht) -> str:
    match = re.search(r"https?://[^/\s]+(/wachtwoord/herstellen/\S+/)", bericht.body)
    assert match, bericht.body
    return match.group(1)


# --- No superusers, no privileged fields ---------------------------------------------------------


def test_beheerder_kan_zichzelf_geen_superuser_rollen_of_rechten_geven(client_as):
    client = client_as("beheerder", is_staff=True)
    beheerder = client.user
    perm = Permission.objects.get(codename="change_user")
    response = client.post(change_url(beheerder), formulier(
        beheerder,
        is_staff="on",
        is_superuser="on",
        groups=[Group.objects.get(name="omo").pk, Group.objects.get(name="beheerder").pk],
        user_permissions=[perm.pk],
    ))
    assert response.status_code in (200, 302)
    beheerder.refresh_from_db()
    assert not beheerder.is_superuser
    assert rollen(beheerder) == {"beheerder"}
    assert not beheerder.user_permissions.exists()
    # And nothing opened up: the pages of the OMO-functionaris stay closed.
    assert client.get(reverse("overleg_lijst")).status_code == 403


def test_beheerder_geeft_een_ander_geen_rol_via_het_gebruikersformulier(client_as, make_user):
    client = client_as("beheerder", is_staff=True)
    collega = make_user("consulent")
    response = client.post(change_url(collega), formulier(
        collega, groups=[Group.objects.get(name="college").pk], is_superuser="on"))
    assert response.status_code == 302
    assert rollen(collega) == {"consulent"}
    assert not User.objects.get(pk=collega.pk).is_superuser


def test_gebruikersformulier_heeft_geen_bevoorrechte_velden_en_is_nederlands(client_as, make_user):
    client = client_as("beheerder")
    collega = make_user("consulent", first_name="Sanne")
    html = client.get(change_url(collega)).content.decode()
    for veld in ("is_superuser", "is_staff", "groups", "user_permissions", "password"):
        assert f'name="{veld}"' not in html
    assert "/password/" not in html  # no link to set the password
    assert "Choose" not in html and "by selecting them" not in html
    # The roles are shown, with the way to change them.
    assert "Consulent" in html
    assert reverse("gebruiker_rollen", args=[collega.pk]) in html
    add = client.get(reverse("admin:omo_user_add")).content.decode()
    for veld in ("is_superuser", "is_staff", "groups", "user_permissions", "password1", "password2"):
        assert f'name="{veld}"' not in add
    assert "Choose" not in add


def test_niemand_zet_het_wachtwoord_van_een_ander_in_beheer(client, make_user):
    beheerder = make_user("beheerder", is_staff=True)
    collega = make_user("omo")
    for wie in (beheerder, None):
        client.logout()
        if wie:
            client.force_login(wie)
        for doel in (collega, beheerder):
            url = f"/admin/omo/user/{doel.pk}/password/"
            assert client.get(url).status_code in (403, 404)
            response = client.post(url, {"password1": NIEUW_WACHTWOORD, "password2": NIEUW_WACHTWOORD})
            assert response.status_code in (403, 404)
    collega.refresh_from_db()
    assert collega.check_password(PASSWORD)


def test_een_superuser_kan_niet_bestaan(make_user):
    user = make_user("consulent")
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_superuser=True)
    # Even a superuser flag that never reaches the database grants nothing: the rules answer.
    user.is_superuser = True
    assert not user.has_perm("omo.beheer")
    assert not user.has_perms(["omo.view_user"])
    assert not user.has_module_perms("omo")


def test_createsuperuser_weigert_en_wijst_naar_maak_beheerder():
    with pytest.raises(CommandError, match="maak_beheerder"):
        call_command("createsuperuser", "--no-input", username="root", email="root@example.nl")
    assert not User.objects.filter(username="root").exists()


def test_omo_createsuperuser_commando_weigert_ook():
    from omo.management.commands.createsuperuser import Command

    with pytest.raises(CommandError, match="maak_beheerder"):
        call_command(Command(), "--no-input", username="root")
    assert not User.objects.filter(username="root").exists()


# --- The admin opens by the rule, not by is_staff --------------------------------------------------


def test_beheer_opent_via_de_regel_niet_via_is_staff(client, make_user):
    client.force_login(make_user("beheerder"))  # not staff
    assert client.get("/admin/").status_code == 200
    assert reverse("admin:index") in client.get(reverse("home")).content.decode()
    client.force_login(make_user("consulent", is_staff=True))
    response = client.get("/admin/", follow=True)
    assert response.status_code == 403
    assert reverse("admin:index") not in client.get(reverse("home")).content.decode()
    client.logout()
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("login"))


def test_groepen_events_en_notificaties_hebben_geen_beheer(client_as):
    client = client_as("beheerder")
    html = client.get("/admin/").content.decode()
    assert "/admin/auth/group/" not in html
    assert client.get("/admin/auth/group/").status_code == 404
    assert client.get("/admin/pghistory/events/").status_code == 404
    assert client.get("/admin/omo/notificatie/").status_code == 404
    assert reverse("rolwijzigingen") in html


def test_beheerder_deactiveert_zichzelf_niet(client_as):
    client = client_as("beheerder")
    data = formulier(client.user)
    del data["is_active"]
    client.post(change_url(client.user), data)
    client.user.refresh_from_db()
    assert client.user.is_active
    assert client.get("/admin/").status_code == 200


def test_beheerder_deactiveert_een_ander_wel(client_as, make_user):
    client = client_as("beheerder")
    collega = make_user("consulent")
    data = formulier(collega)
    del data["is_active"]
    assert client.post(change_url(collega), data).status_code == 302
    assert not User.objects.get(pk=collega.pk).is_active


# --- A new user chooses their own password ------------------------------------------------------


def test_nieuwe_gebruiker_zonder_wachtwoord_krijgt_een_herstellink(client_as):
    client = client_as("beheerder")
    add = reverse("admin:omo_user_add")
    response = client.post(add, {"username": "nieuw", "first_name": "Nina", "last_name": "Nieuw", "email": ""})
    assert response.status_code == 200
    assert "Vul een e-mailadres in" in response.content.decode()
    assert not User.objects.filter(username="nieuw").exists()

    response = client.post(add, {"username": "nieuw", "first_name": "Nina", "last_name": "Nieuw",
                                 "email": "nina@example.nl"}, follow=True)
    assert response.status_code == 200
    assert "link om zelf een wachtwoord te kiezen" in response.content.decode()
    nieuw = User.objects.get(username="nieuw")
    assert not nieuw.has_usable_password()
    assert rollen(nieuw) == set()
    (bericht,) = mail.outbox
    assert bericht.to == ["nina@example.nl"]
    assert "account" in bericht.subject
    assert "Er is een account voor je aangemaakt" in bericht.body

    client.logout()
    kies = client.get(link_uit(bericht), follow=True)
    assert "Nieuw wachtwoord kiezen" in kies.content.decode()
    response = client.post(kies.redirect_chain[-1][0], {
        "new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD}, follow=True)
    assert "Je nieuwe wachtwoord is opgeslagen" in response.content.decode()
    response = client.post(reverse("login"), {"username": "nieuw", "password": NIEUW_WACHTWOORD})
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_actie_herstellink_sturen(client_as, make_user):
    client = client_as("beheerder")
    collega = make_user("consulent", email="sanne@example.nl")
    zonder = make_user("consulent", email="")
    response = client.post(reverse("admin:omo_user_changelist"), {
        "action": "herstellink_sturen", "_selected_action": [collega.pk, zonder.pk]}, follow=True)
    html = response.content.decode()
    assert "heeft geen e-mailadres" in html
    assert [m.to for m in mail.outbox] == [["sanne@example.nl"]]
    # The beheerder never learns the password: the link is for the user.
    collega.refresh_from_db()
    assert collega.check_password(PASSWORD)


def test_emailadres_van_een_ander_wijzigen_meldt_het_aan_het_oude_adres(client_as, make_user):
    client = client_as("beheerder")
    collega = make_user("consulent", email="oud@example.nl")
    assert client.post(change_url(collega), formulier(collega, email="nieuw@example.nl")).status_code == 302
    bericht = Bericht.objects.get(aan=["oud@example.nl"])
    assert "nieuw@example.nl" in bericht.tekst


def test_een_gewijzigd_emailadres_krijgt_geen_herstellink_tot_de_gebruiker_zelf_inlogt(client_as, make_user):
    """The takeover: a beheerder puts its own address on the OMO-functionaris's account, sends it
    a reset link and logs in as them. The link does not go out, neither from the admin nor from
    'Wachtwoord vergeten?', until the owner has logged in with their own password."""
    beheerder = client_as("beheerder")
    ilse = make_user("omo", username="ilse", email="ilse@gemeente.nl")
    assert beheerder.post(change_url(ilse), formulier(ilse, email="aanvaller@example.nl")).status_code == 302
    mail.outbox.clear()
    response = beheerder.post(reverse("admin:omo_user_changelist"),
                              {"action": "herstellink_sturen", "_selected_action": [ilse.pk]}, follow=True)
    assert "pas naar het nieuwe adres" in response.content.decode()
    anoniem = Client()
    anoniem.post(reverse("password_reset"), {"email": "aanvaller@example.nl"})
    assert mail.outbox == []
    # Ilse logs in herself: the new address is hers, and a reset link may go there.
    ilse_client = Client()
    assert ilse_client.post(reverse("login"), {"username": "ilse", "password": PASSWORD}).status_code == 302
    anoniem.post(reverse("password_reset"), {"email": "aanvaller@example.nl"})
    assert [m.to for m in mail.outbox] == [["aanvaller@example.nl"]]


# --- Password reset by e-mail, for everyone ---------------------------------------------------------


def test_wachtwoord_vergeten(client, make_user):
    sanne = make_user("consulent", username="sanne", email="sanne@example.nl")
    login = client.get(reverse("login")).content.decode()
    assert "Wachtwoord vergeten?" in login and reverse("password_reset") in login
    assert client.get(reverse("password_reset")).status_code == 200

    response = client.post(reverse("password_reset"), {"email": "onbekend@example.nl"})
    assert response.status_code == 302 and response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []

    response = client.post(reverse("password_reset"), {"email": "Sanne@example.nl"}, follow=True)
    assert "Kijk in je e-mail" in response.content.decode()
    (bericht,) = mail.outbox
    assert bericht.to == ["sanne@example.nl"]
    assert "kies een nieuw wachtwoord" in bericht.subject
    assert "Je gebruikersnaam is: sanne" in bericht.body

    kies = client.get(link_uit(bericht), follow=True)
    doel = kies.redirect_chain[-1][0]
    response = client.post(doel, {"new_password1": "kort", "new_password2": "kort"})
    assert response.status_code == 200  # too short: Dutch validator message, nothing saved
    assert "te kort" in response.content.decode()
    response = client.post(doel, {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD})
    assert response["Location"] == reverse("password_reset_complete")
    sanne.refresh_from_db()
    assert sanne.check_password(NIEUW_WACHTWOORD)
    # A used link does not work again.
    assert "werkt niet (meer)" in client.get(link_uit(bericht), follow=True).content.decode()


# --- Forced change at the next login -------------------------------------------------------------


def test_wachtwoord_wijzigen_bij_volgende_inlog(client, make_user):
    beheerder = make_user("beheerder")
    sanne = make_user("consulent", username="sanne")
    client.force_login(beheerder)
    response = client.post(reverse("admin:omo_user_changelist"), {
        "action": "wachtwoord_wijzigen_bij_volgende_inlog", "_selected_action": [sanne.pk]}, follow=True)
    assert "eerst een nieuw wachtwoord kiezen" in response.content.decode()

    client.post(reverse("logout"))
    response = client.post(reverse("login"), {"username": "sanne", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("password_change")
    assert "Kies eerst een nieuw wachtwoord" in response.content.decode()
    for pagina in (reverse("home"), reverse("notificaties"), reverse("casus_lijst"), "/admin/"):
        response = client.get(pagina)
        assert response.status_code == 302 and response["Location"] == reverse("password_change"), pagina
    htmx = client.get(reverse("notificaties"), headers={"HX-Request": "true"})
    assert htmx.status_code == 401 and htmx["Content-Type"].startswith("text/plain")
    assert client.get(reverse("gezondheid")).status_code in (200, 503)

    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD})
    assert response["Location"] == reverse("password_change_done")
    assert client.get(reverse("home")).status_code == 200
    assert not User.objects.get(pk=sanne.pk).moet_wachtwoord_wijzigen


def test_herstellink_beeindigt_ook_de_verplichte_wijziging(client, make_user):
    sanne = make_user("consulent", username="sanne", email="sanne@example.nl", moet_wachtwoord_wijzigen=True)
    client.post(reverse("password_reset"), {"email": "sanne@example.nl"})
    kies = client.get(link_uit(mail.outbox[0]), follow=True)
    client.post(kies.redirect_chain[-1][0], {"new_password1": NIEUW_WACHTWOORD, "new_password2": NIEUW_WACHTWOORD})
    sanne.refresh_from_db()
    assert not sanne.moet_wachtwoord_wijzigen
    client.post(reverse("login"), {"username": "sanne", "password": NIEUW_WACHTWOORD})
    assert client.get(reverse("home")).status_code == 200
