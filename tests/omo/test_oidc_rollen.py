"""From the provider's claims to a user in OMO: roles and team follow the groups at every login
(omo.sso.backend.verwerk_claims, omo.services_sso). No network: the claims are given."""

import pytest
from django.contrib.auth.models import Group

from omo import roles
from omo.models import Notificatie, Rolwijziging, Team, User
from omo.services_sso import synchroniseer_rollen
from omo.sso.backend import SsoGeweigerd, verwerk_claims
from omo.weigering import Weigering

pytestmark = pytest.mark.django_db

A, S = Rolwijziging.Actie, Rolwijziging.Status


@pytest.fixture(autouse=True)
def oidc(settings):
    roles.sync_roles()
    settings.OIDC_DISCOVERY_URL = "https://login.gemeente.nl/.well-known/openid-configuration"
    settings.OIDC_RP_CLIENT_ID = "omo"
    settings.OIDC_RP_CLIENT_SECRET = "geheim"
    settings.OIDC_GROEPEN_CLAIM = "groups"
    settings.OIDC_ROLLEN = (
        "omo-consulenten=consulent,omo-functionarissen=omo,omo-beheer=beheerder,"
        "omo-leiding=budgethouder,omo-leiding=maatwerkcoach"
    )
    settings.OIDC_TEAMS = {}
    return settings


def claims(sub="abc-123", groups=("omo-consulenten",), **extra):
    return {
        "sub": sub, "preferred_username": "j.jansen", "email": "j.jansen@gemeente.nl", "email_verified": True,
        "given_name": "Jan", "family_name": "Jansen", "groups": list(groups), **extra,
    }


def rollen(user) -> set[str]:
    return set(user.groups.values_list("name", flat=True))


def test_first_login_creates_the_user_with_the_mapped_roles():
    user = verwerk_claims(claims(groups=["omo-consulenten", "omo-leiding", "iets-anders"]))
    assert user.oidc_sub == "abc-123"
    assert user.username == "j.jansen"
    assert (user.first_name, user.last_name, user.email) == ("Jan", "Jansen", "j.jansen@gemeente.nl")
    assert not user.has_usable_password()
    assert rollen(user) == {"consulent", "budgethouder", "maatwerkcoach"}
    wijzigingen = list(Rolwijziging.objects.filter(gebruiker=user))
    assert {w.rol for w in wijzigingen} == {"consulent", "budgethouder", "maatwerkcoach"}
    for w in wijzigingen:
        assert (w.actie, w.status, w.via_provider) == (A.TOEKENNEN, S.GOEDGEKEURD, True)
        assert w.voorgesteld_door is None and w.beoordeeld_door is None
        assert w.voorgesteld_op and w.beoordeeld_op
        assert not w.via_commando


def test_privileged_roles_from_the_provider_need_no_second_beheerder():
    user = verwerk_claims(claims(groups=["omo-functionarissen", "omo-beheer"]))
    assert rollen(user) == {"omo", "beheerder"}
    assert not Rolwijziging.objects.filter(status=S.VOORGESTELD).exists()


def test_a_removed_group_removes_the_role_at_the_next_login():
    user = verwerk_claims(claims(groups=["omo-consulenten", "omo-functionarissen"]))
    assert rollen(user) == {"consulent", "omo"}
    user = verwerk_claims(claims(groups=["omo-consulenten"]))
    assert rollen(user) == {"consulent"}
    intrekking = Rolwijziging.objects.get(gebruiker=user, actie=A.INTREKKEN)
    assert (intrekking.rol, intrekking.status, intrekking.via_provider) == ("omo", S.GOEDGEKEURD, True)


def test_roles_given_in_omo_are_replaced_by_the_providers():
    # The provider is the authority: a role a beheerder gave in OMO goes at the next login.
    user = verwerk_claims(claims(groups=["omo-consulenten"]))
    user.groups.add(Group.objects.get(name="beleid"))
    user = verwerk_claims(claims(groups=["omo-consulenten"]))
    assert rollen(user) == {"consulent"}
    assert Rolwijziging.objects.filter(gebruiker=user, rol="beleid", actie=A.INTREKKEN, via_provider=True).exists()


def test_an_unchanged_login_records_and_tells_nothing():
    user = verwerk_claims(claims())
    aantal_wijzigingen, aantal_meldingen = Rolwijziging.objects.count(), Notificatie.objects.filter(gebruiker=user).count()
    assert aantal_meldingen == 1
    verwerk_claims(claims())
    assert Rolwijziging.objects.count() == aantal_wijzigingen
    assert Notificatie.objects.filter(gebruiker=user).count() == aantal_meldingen


def test_the_user_is_told_of_a_change():
    user = verwerk_claims(claims(groups=["omo-consulenten", "omo-functionarissen"]))
    verwerk_claims(claims(groups=["omo-consulenten"]))
    tekst = Notificatie.objects.filter(gebruiker=user).order_by("-pk").first().tekst
    assert "OMO-functionaris" in tekst and "vervallen" in tekst


def test_no_mapped_group_gets_no_user():
    with pytest.raises(SsoGeweigerd) as fout:
        verwerk_claims(claims(groups=["iets-anders"]))
    assert "Je account heeft geen rol in OMO" in fout.value.reden
    assert not User.objects.filter(oidc_sub="abc-123").exists()


def test_all_groups_removed_removes_every_role_and_refuses():
    user = verwerk_claims(claims(groups=["omo-consulenten"]))
    with pytest.raises(SsoGeweigerd):
        verwerk_claims(claims(groups=[]))
    assert rollen(User.objects.get(pk=user.pk)) == set()
    assert Rolwijziging.objects.filter(gebruiker=user, actie=A.INTREKKEN, rol="consulent").exists()


def test_an_inactive_user_is_refused():
    user = verwerk_claims(claims())
    User.objects.filter(pk=user.pk).update(is_active=False)
    with pytest.raises(SsoGeweigerd) as fout:
        verwerk_claims(claims())
    assert "Je account heeft geen rol in OMO" in fout.value.reden


def test_groups_claim_is_configurable(oidc):
    oidc.OIDC_GROEPEN_CLAIM = "roles"
    user = verwerk_claims({**claims(groups=[]), "roles": ["omo-beheer"]})
    assert rollen(user) == {"beheerder"}


def test_names_and_email_follow_the_claims_at_every_login():
    user = verwerk_claims(claims())
    user = verwerk_claims(claims(given_name="Janneke", email="janneke.jansen@gemeente.nl"))
    user.refresh_from_db()
    assert (user.first_name, user.email) == ("Janneke", "janneke.jansen@gemeente.nl")
    assert user.username == "j.jansen"  # the username stays


def test_username_is_made_unique(make_user):
    make_user(username="j.jansen", email="ander@example.nl")
    user = verwerk_claims(claims())
    assert user.username == "j.jansen-2"


def test_a_local_account_is_not_linked_by_address_unless_configured(make_user):
    lokaal = make_user("beleid", username="jjansen", email="j.jansen@gemeente.nl")
    user = verwerk_claims(claims())
    assert user.pk != lokaal.pk and user.oidc_sub == "abc-123"
    lokaal.refresh_from_db()
    assert lokaal.oidc_sub is None and lokaal.has_usable_password() and rollen(lokaal) == {"beleid"}


def test_a_local_account_with_the_verified_address_is_linked(make_user, settings):
    settings.OIDC_KOPPEL_EMAIL = True
    lokaal = make_user("beleid", username="jjansen", email="J.Jansen@gemeente.nl")
    user = verwerk_claims(claims())
    assert user.pk == lokaal.pk
    lokaal.refresh_from_db()
    assert lokaal.oidc_sub == "abc-123"
    assert not lokaal.has_usable_password()  # only break-glass accounts keep a local password
    assert rollen(lokaal) == {"consulent"}  # the provider's groups, not the old roles


@pytest.mark.parametrize(
    "lokaal_extra, claim_extra",
    [
        ({}, {"email_verified": False}),  # the provider does not vouch for the address
        ({"noodaccount": True}, {}),  # a break-glass account stays local
        ({"oidc_sub": "iemand-anders"}, {}),  # linked to another identity already
    ],
)
def test_no_link_without_a_verified_address_or_to_a_special_account(make_user, settings, lokaal_extra, claim_extra):
    settings.OIDC_KOPPEL_EMAIL = True
    lokaal = make_user(username="jjansen", email="j.jansen@gemeente.nl", **lokaal_extra)
    user = verwerk_claims(claims(**claim_extra))
    assert user.pk != lokaal.pk
    lokaal.refresh_from_db()
    assert lokaal.has_usable_password()


def test_team_from_the_first_mapped_group(oidc):
    noord = Team.objects.create(naam="Wijkteam Noord", soort=Team.Soort.WIJKTEAM)
    zuid = Team.objects.create(naam="Wijkteam Zuid", soort=Team.Soort.WIJKTEAM)
    oidc.OIDC_TEAMS = "wijk-zuid=Wijkteam Zuid,wijk-noord=Wijkteam Noord"
    user = verwerk_claims(claims(groups=["omo-consulenten", "wijk-noord", "wijk-zuid"]))
    assert user.team == zuid
    user = verwerk_claims(claims(groups=["omo-consulenten", "wijk-noord"]))
    assert User.objects.get(pk=user.pk).team == noord
    # No mapped group any more: with OIDC_TEAMS set the provider decides, so no team.
    user = verwerk_claims(claims(groups=["omo-consulenten"]))
    assert User.objects.get(pk=user.pk).team is None


def test_team_unknown_to_omo_leaves_the_team(oidc):
    noord = Team.objects.create(naam="Wijkteam Noord", soort=Team.Soort.WIJKTEAM)
    oidc.OIDC_TEAMS = "wijk-noord=Wijkteam Noord,wijk-oost=Wijkteam Oost"
    user = verwerk_claims(claims(groups=["omo-consulenten", "wijk-noord"]))
    assert user.team == noord
    user = verwerk_claims(claims(groups=["omo-consulenten", "wijk-oost"]))
    assert User.objects.get(pk=user.pk).team == noord


def test_without_teams_mapping_the_team_is_left_to_omo(team):
    user = verwerk_claims(claims())
    User.objects.filter(pk=user.pk).update(team=team)
    verwerk_claims(claims())
    assert User.objects.get(pk=user.pk).team == team


def test_synchroniseer_rollen_refuses_unknown_roles(make_user):
    user = make_user()
    with pytest.raises(Weigering):
        synchroniseer_rollen(user.pk, rollen={"koning"})
    assert rollen(user) == set()


def test_a_forced_password_change_does_not_block_a_provider_user():
    user = verwerk_claims(claims())
    User.objects.filter(pk=user.pk).update(moet_wachtwoord_wijzigen=True)  # set by a beheerder
    verwerk_claims(claims())
    user.refresh_from_db()
    assert not user.moet_wachtwoord_wijzigen
