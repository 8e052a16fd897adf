"""Role changes with four eyes: a privileged role takes effect when a second beheerder approves;
nobody changes their own roles; the single-beheerder command and the first account."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from omo import rolbeheer
from omo.eenmalig import nieuw_token
from omo.models import Notificatie, Rolwijziging, User, UserGroupsEvent
from omo.roles import ROLLEN
from omo.weigering import Weigering
from tests.gelijktijdig import gelijktijdig
from tests.tweedefactor import code_van

pytestmark = pytest.mark.django_db

STERK = "paars-olifant-zonnebloem-42"


def rollen(user):
    return set(User.objects.get(pk=user.pk).groups.values_list("name", flat=True))


def rollen_url(user):
    return reverse("gebruiker_rollen", args=[user.pk])


def stel_voor(client, user, rol, actie="toekennen", reden="Nieuwe taak in het team"):
    return client.post(rollen_url(user), {"rol": rol, "actie": actie, "reden": reden}, follow=True)


def beoordeel(client, wijziging, besluit="goedkeuren", toelichting=""):
    return client.post(reverse("rolwijziging_beoordelen", args=[wijziging.pk]),
                       {"besluit": besluit, "toelichting": toelichting}, follow=True)


@pytest.fixture
def beheerders(make_user):
    return make_user("beheerder", username="anna"), make_user("beheerder", username="bert")


# --- Four eyes for privileged roles -------------------------------------------------------------


def test_omo_toekennen_gaat_pas_in_na_goedkeuring_door_een_tweede_beheerder(client, make_user, beheerders):
    anna, bert = beheerders
    sanne = make_user("consulent", username="sanne")
    client.force_login(anna)
    html = stel_voor(client, sanne, "omo").content.decode()
    assert "Voorstel gedaan" in html
    assert rollen(sanne) == {"consulent"}
    wijziging = Rolwijziging.objects.get(gebruiker=sanne)
    # Anna sees her proposal but no approve button, and approving it herself is refused.
    assert reverse("rolwijziging_beoordelen", args=[wijziging.pk]) not in html
    html = beoordeel(client, wijziging).content.decode()
    assert "Je eigen voorstel keurt een andere beheerder goed of af" in html
    assert rollen(sanne) == {"consulent"}

    # Bert is told, sees the buttons and approves: now Sanne has the role.
    assert Notificatie.objects.filter(gebruiker=bert, link=reverse("rolwijzigingen")).exists()
    client.force_login(bert)
    lijst = client.get(reverse("rolwijzigingen")).content.decode()
    assert reverse("rolwijziging_beoordelen", args=[wijziging.pk]) in lijst
    html = beoordeel(client, wijziging, toelichting="Akkoord, is afgestemd").content.decode()
    assert "Goedgekeurd" in html
    assert rollen(sanne) == {"consulent", "omo"}
    # Anna hears the outcome, Sanne that she has the role.
    assert Notificatie.objects.filter(gebruiker=anna, tekst__contains="goedgekeurd").exists()
    assert Notificatie.objects.filter(gebruiker=sanne, tekst__contains=str(ROLLEN["omo"].naam)).exists()


@pytest.mark.parametrize("rol", ["omo", "budgethouder", "college", "beheerder", "maatwerkcoach", "portefeuillehouder"])
def test_elke_bevoorrechte_rol_wacht_op_vier_ogen(client, make_user, beheerders, rol):
    anna, bert = beheerders
    sanne = make_user(username="sanne")
    client.force_login(anna)
    stel_voor(client, sanne, rol)
    assert rollen(sanne) == set()
    client.force_login(bert)
    beoordeel(client, Rolwijziging.objects.get(gebruiker=sanne))
    assert rollen(sanne) == {rol}


def test_een_voorstel_afwijzen_vraagt_een_reden_en_verandert_niets(client, make_user, beheerders):
    anna, bert = beheerders
    sanne = make_user("consulent")
    client.force_login(anna)
    stel_voor(client, sanne, "budgethouder")
    wijziging = Rolwijziging.objects.get(gebruiker=sanne)
    client.force_login(bert)
    assert "Schrijf waarom je dit voorstel afwijst" in beoordeel(client, wijziging, "afwijzen").content.decode()
    # A reason with a BSN: refused at the proposal, and what was typed stays in its field.
    response = beoordeel(client, wijziging, "afwijzen", "Zie dossier van 111222333")
    html = response.content.decode()
    assert response.status_code == 400 and "Dit lijkt een BSN" in html and "Zie dossier van 111222333</textarea>" in html
    wijziging.refresh_from_db()
    assert wijziging.status == Rolwijziging.Status.VOORGESTELD
    html = beoordeel(client, wijziging, "afwijzen", "Geen fonds in beheer").content.decode()
    assert "Afgewezen" in html
    assert rollen(sanne) == {"consulent"}
    # Approving after the rejection changes nothing either.
    assert "al afgewezen" in beoordeel(client, wijziging).content.decode()
    assert rollen(sanne) == {"consulent"}


def test_een_voorstel_vraagt_een_reden(client, make_user, beheerders):
    anna, _bert = beheerders
    sanne = make_user("consulent")
    client.force_login(anna)
    html = stel_voor(client, sanne, "college", reden="").content.decode()
    assert "Schrijf waarom" in html
    assert not Rolwijziging.objects.exists()


def test_de_voorsteller_trekt_het_voorstel_in(client, make_user, beheerders):
    anna, bert = beheerders
    sanne = make_user("consulent")
    client.force_login(anna)
    stel_voor(client, sanne, "omo")
    wijziging = Rolwijziging.objects.get(gebruiker=sanne)
    client.force_login(bert)
    client.post(reverse("rolwijziging_intrekken", args=[wijziging.pk]))
    assert Rolwijziging.objects.get(pk=wijziging.pk).status == "voorgesteld"
    client.force_login(anna)
    html = client.post(reverse("rolwijziging_intrekken", args=[wijziging.pk]), follow=True).content.decode()
    assert "Ingetrokken" in html
    client.force_login(bert)
    assert "al ingetrokken" in beoordeel(client, wijziging).content.decode()
    assert rollen(sanne) == {"consulent"}


def test_dubbel_goedkeuren_verandert_niets(client, make_user, beheerders):
    anna, bert = beheerders
    sanne = make_user("consulent")
    client.force_login(anna)
    stel_voor(client, sanne, "omo")
    wijziging = Rolwijziging.objects.get(gebruiker=sanne)
    client.force_login(bert)
    beoordeel(client, wijziging)
    html = beoordeel(client, wijziging).content.decode()
    assert "Dit voorstel is al goedgekeurd door" in html and "Er is niets veranderd." in html
    assert rollen(sanne) == {"consulent", "omo"}
    assert UserGroupsEvent.objects.filter(pgh_label="rol.toegekend", user_id=sanne.pk, group__name="omo").count() == 1
    # And a rejection afterwards does not take it away.
    beoordeel(client, wijziging, "afwijzen", "Toch niet")
    assert rollen(sanne) == {"consulent", "omo"}


def test_een_tweede_voorstel_voor_dezelfde_rol_wordt_geweigerd(client, make_user, beheerders):
    anna, bert = beheerders
    sanne = make_user("consulent")
    client.force_login(anna)
    stel_voor(client, sanne, "omo")
    client.force_login(bert)
    html = stel_voor(client, sanne, "omo").content.decode()
    assert "Er staat al een voorstel open" in html
    assert Rolwijziging.objects.filter(gebruiker=sanne).count() == 1


# --- Nobody changes their own roles --------------------------------------------------------------


def test_niemand_wijzigt_zijn_eigen_rollen(client, beheerders):
    anna, _bert = beheerders
    client.force_login(anna)
    pagina = client.get(rollen_url(anna)).content.decode()
    assert 'name="rol"' not in pagina  # no role form for oneself
    assert "Dit zijn je eigen rollen" in pagina
    for rol, actie in (("omo", "toekennen"), ("consulent", "toekennen"), ("beheerder", "intrekken")):
        html = stel_voor(client, anna, rol, actie).content.decode()
        assert "Je eigen rollen wijzig je niet zelf" in html
    assert rollen(anna) == {"beheerder"}
    assert not Rolwijziging.objects.exists()


def test_wie_de_rol_krijgt_keurt_die_niet_zelf_goed(client, beheerders, make_user):
    anna, bert = beheerders
    client.force_login(anna)
    stel_voor(client, bert, "omo")
    wijziging = Rolwijziging.objects.get(gebruiker=bert)
    client.force_login(bert)
    lijst = client.get(reverse("rolwijzigingen")).content.decode()
    assert reverse("rolwijziging_beoordelen", args=[wijziging.pk]) not in lijst
    assert "Over je eigen rollen beslist een andere beheerder" in beoordeel(client, wijziging).content.decode()
    assert rollen(bert) == {"beheerder"}
    # A third beheerder may.
    client.force_login(make_user("beheerder"))
    beoordeel(client, wijziging)
    assert rollen(bert) == {"beheerder", "omo"}


# --- Other roles and revocations take effect at once ----------------------------------------------


def test_andere_rollen_en_intrekken_gaan_direct_in(client, make_user, beheerders):
    anna, bert = beheerders
    sanne = make_user(username="sanne")
    client.force_login(anna)
    for rol in ("consulent", "beleid"):
        assert "Gedaan" in stel_voor(client, sanne, rol, reden="").content.decode()
    assert rollen(sanne) == {"consulent", "beleid"}
    stel_voor(client, sanne, "beleid", "intrekken")
    assert rollen(sanne) == {"consulent"}
    # Revoking a privileged role is at once too: here the other beheerder's.
    stel_voor(client, bert, "beheerder", "intrekken", reden="Vertrekt naar een andere afdeling")
    assert rollen(bert) == set()
    # Recorded with who did it, shown on the user's page.
    assert set(Rolwijziging.objects.filter(gebruiker=sanne).values_list("status", "voorgesteld_door")) == {
        ("goedgekeurd", anna.pk)}
    pagina = client.get(rollen_url(sanne)).content.decode()
    assert "Maatwerkcoach" in pagina and "intrekken" in pagina and str(anna) in pagina


def test_een_rol_die_iemand_al_heeft_of_niet_heeft(client, make_user, beheerders):
    anna, _bert = beheerders
    sanne = make_user("consulent")
    client.force_login(anna)
    assert "heeft de rol Consulent al" in stel_voor(client, sanne, "consulent").content.decode()
    assert "heeft de rol Beleidsmedewerker niet" in stel_voor(client, sanne, "beleid", "intrekken").content.decode()
    assert not Rolwijziging.objects.exists()


# --- Single-beheerder installation: manage.py rol_goedkeuren ------------------------------------------


def test_rol_goedkeuren_weigert_als_er_een_tweede_beheerder_is(beheerders, make_user):
    anna, _bert = beheerders
    sanne = make_user("consulent")
    wijziging = rolbeheer.wijzig_rol(sanne.pk, anna, rol="omo", actie="toekennen", reden="Nieuwe coördinator")
    with pytest.raises(CommandError, match="vier-ogenprincipe"):
        call_command("rol_goedkeuren", str(wijziging.pk))
    assert rollen(sanne) == {"consulent"}
    assert Rolwijziging.objects.get(pk=wijziging.pk).status == "voorgesteld"


def test_rol_goedkeuren_met_een_beheerder_zegt_dat_het_vier_ogenprincipe_is_omzeild(client, make_user, capsys):
    anna = make_user("beheerder", username="anna")
    sanne = make_user("consulent", username="sanne")
    client.force_login(anna)
    html = stel_voor(client, sanne, "beheerder").content.decode()
    wijziging = Rolwijziging.objects.get(gebruiker=sanne)
    assert f"manage.py rol_goedkeuren {wijziging.pk}" in html  # the page says how

    call_command("rol_goedkeuren")
    assert f"{wijziging.pk}: de rol Beheerder toekennen aan" in capsys.readouterr().out
    call_command("rol_goedkeuren", str(wijziging.pk))
    out = capsys.readouterr().out
    assert "vier-ogenprincipe is omzeild met een beheercommando" in out
    assert rollen(sanne) == {"consulent", "beheerder"}
    lijst = client.get(reverse("rolwijzigingen")).content.decode()
    assert "via beheercommando, zonder tweede beheerder" in lijst
    assert "manage.py rol_goedkeuren" in lijst  # the recorded explanation
    # Twice: refused, nothing changes.
    with pytest.raises(CommandError, match="al goedgekeurd"):
        call_command("rol_goedkeuren", str(wijziging.pk))


def test_rol_goedkeuren_voor_een_onbekend_nummer():
    with pytest.raises(CommandError, match="bestaat niet"):
        call_command("rol_goedkeuren", "999999")


# --- The first account: manage.py maak_beheerder ------------------------------------------------------


def test_maak_beheerder_maakt_de_eerste_beheerder_en_weigert_een_tweede(client, monkeypatch, capsys):
    monkeypatch.setenv("OMO_BEHEERDER_USERNAME", "tom")
    monkeypatch.setenv("OMO_BEHEERDER_EMAIL", "tom@example.nl")
    monkeypatch.setenv("OMO_BEHEERDER_PASSWORD", STERK)
    call_command("maak_beheerder", "--no-input")
    assert "geen superuser" in capsys.readouterr().out
    tom = User.objects.get(username="tom")
    assert rollen(tom) == {"beheerder"} and not tom.is_superuser and not tom.is_staff
    wijziging = Rolwijziging.objects.get(gebruiker=tom)
    assert wijziging.via_commando and "maak_beheerder" in wijziging.toelichting

    # The first beheerder logs in, sets up the required second factor, and manages OMO.
    response = client.post(reverse("login"), {"username": "tom", "password": STERK})
    assert response.status_code == 302 and response["Location"] == reverse("tweede_factor_instellen")
    client.get(response["Location"])
    device = TOTPDevice.objects.get(user=tom, confirmed=False)
    assert client.post(response["Location"], {"code": code_van(device), "eenmalig": nieuw_token()}).status_code == 302
    assert client.get("/admin/").status_code == 200

    monkeypatch.setenv("OMO_BEHEERDER_USERNAME", "tweede")
    with pytest.raises(CommandError, match="Er is al een actieve beheerder"):
        call_command("maak_beheerder", "--no-input")
    assert not User.objects.filter(username="tweede").exists()


def test_maak_beheerder_vraagt_en_controleert(monkeypatch, capsys):
    from omo.management.commands import maak_beheerder

    antwoorden = iter(["", "anna", "geen-adres", "anna@example.nl"])
    wachtwoorden = iter(["kort", "kort", STERK, "iets-anders-12345", STERK, STERK])
    monkeypatch.setattr("builtins.input", lambda vraag="": next(antwoorden))
    monkeypatch.setattr(maak_beheerder.getpass, "getpass", lambda vraag="": next(wachtwoorden))
    call_command("maak_beheerder")
    fouten = capsys.readouterr().err
    assert "Vul een gebruikersnaam in" in fouten
    assert "geldig e-mailadres" in fouten
    assert "te kort" in fouten
    assert "niet gelijk" in fouten
    anna = User.objects.get(username="anna")
    assert anna.check_password(STERK) and rollen(anna) == {"beheerder"}


def test_maak_beheerder_zonder_gegevens(monkeypatch):
    for naam in ("OMO_BEHEERDER_USERNAME", "OMO_BEHEERDER_EMAIL", "OMO_BEHEERDER_PASSWORD"):
        monkeypatch.delenv(naam, raising=False)
    with pytest.raises(CommandError, match="OMO_BEHEERDER_PASSWORD"):
        call_command("maak_beheerder", "--no-input")


def test_maak_beheerder_weigert_een_zwak_wachtwoord(monkeypatch):
    monkeypatch.setenv("OMO_BEHEERDER_USERNAME", "tom")
    monkeypatch.setenv("OMO_BEHEERDER_EMAIL", "tom@example.nl")
    monkeypatch.setenv("OMO_BEHEERDER_PASSWORD", "12345678901234")
    with pytest.raises(CommandError):
        call_command("maak_beheerder", "--no-input")
    assert not User.objects.filter(username="tom").exists()


# --- Who may use the pages (with real objects) ------------------------------------------------------

# name → who may (besides: anonymous → login, everyone else → 403)
ROLPAGINAS = {
    "gebruiker_rollen": ("get", "gebruiker"),
    "rolwijzigingen": ("get", None),
    "rolwijziging_beoordelen": ("post", "wijziging"),
    "rolwijziging_intrekken": ("post", "wijziging"),
}


@pytest.mark.parametrize("name", sorted(ROLPAGINAS))
def test_alleen_de_beheerder_gebruikt_de_rolpaginas(client, make_user, beheerders, name):
    anna, _bert = beheerders
    sanne = make_user("consulent")
    wijziging = rolbeheer.wijzig_rol(sanne.pk, anna, rol="college", actie="toekennen", reden="Secretaris")
    method, obj = ROLPAGINAS[name]
    kwargs = {"pk": {"gebruiker": sanne, "wijziging": wijziging}[obj].pk} if obj else {}
    url = reverse(name, kwargs=kwargs)
    data = {"besluit": "goedkeuren"}
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    for rol in sorted(set(ROLLEN) - {"beheerder"}):
        client.force_login(make_user(rol))
        response = getattr(client, method)(url, data) if method == "post" else client.get(url)
        assert response.status_code == 403, rol
    assert rollen(sanne) == {"consulent"}
    client.force_login(make_user("beheerder"))
    response = getattr(client, method)(url, data) if method == "post" else client.get(url)
    assert response.status_code == (302 if method == "post" else 200)


# --- At the same moment -----------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_gelijktijdig_goedkeuren_en_voorstellen(make_user):
    anna = make_user("beheerder", email="")
    bert = make_user("beheerder", email="")
    carla = make_user("beheerder", email="")
    sanne = make_user("consulent", email="")
    wijziging = rolbeheer.wijzig_rol(sanne.pk, anna, rol="omo", actie="toekennen", reden="Coördinator")
    uitkomsten = gelijktijdig([
        lambda: rolbeheer.keur_goed(wijziging.pk, bert),
        lambda: rolbeheer.keur_goed(wijziging.pk, carla),
    ])
    assert sorted(u[0] for u in uitkomsten) == ["fout", "ok"]
    (fout,) = [u[1] for u in uitkomsten if u[0] == "fout"]
    assert isinstance(fout, Weigering) and "al goedgekeurd" in fout.message
    assert rollen(sanne) == {"consulent", "omo"}

    uitkomsten = gelijktijdig([
        lambda: rolbeheer.wijzig_rol(sanne.pk, anna, rol="college", actie="toekennen", reden="Secretaris"),
        lambda: rolbeheer.wijzig_rol(sanne.pk, bert, rol="college", actie="toekennen", reden="Secretaris"),
    ])
    assert sorted(u[0] for u in uitkomsten) == ["fout", "ok"]
    (fout,) = [u[1] for u in uitkomsten if u[0] == "fout"]
    assert isinstance(fout, Weigering) and "Er staat al een voorstel open" in fout.message
    assert Rolwijziging.objects.filter(gebruiker=sanne, rol="college").count() == 1


@pytest.mark.parametrize("aantal", [1, 15])
def test_de_rolpaginas_binnen_het_querybudget(client, make_user, beheerders, aantal, django_assert_max_num_queries):
    anna, bert = beheerders
    client.force_login(anna)
    mensen = [make_user("consulent") for _ in range(aantal)]
    for persoon in mensen:
        stel_voor(client, persoon, "budgethouder")
        stel_voor(client, persoon, "beleid", reden="")
    client.force_login(bert)
    for url in (reverse("rolwijzigingen"), rollen_url(mensen[0])):
        client.get(url)
        with django_assert_max_num_queries(12):
            response = client.get(url)
        assert response.status_code == 200 and "Goedkeuren" in response.content.decode()
