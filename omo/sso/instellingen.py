"""The single sign-on settings: parsed from the environment's text, and read at request time.

Importable from `omo/settings.py` (no model, no app registry): the parsers raise `ValueError`
with one Dutch line, which the settings turn into a refusal to start. The rest of `omo.sso`
reads the parsed values through `instelling(...)` at every request, from `django.conf.settings`,
so a changed setting (a test's `override_settings`) counts at once; a mapping given as text is
parsed there as well.
"""

from urllib.parse import urlsplit

from omo.roles import ROLLEN

STANDAARD_SCOPES = "openid email profile"
STANDAARD_GROEPEN_CLAIM = "groups"
STANDAARD_ALGORITME = "RS256"
STANDAARD_TIMEOUT = 10
STANDAARD_NAAM = "organisatie-account"
# HS256 signs with the client secret; the others with the provider's published keys (jwks_uri).
ALGORITMEN = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "HS256")
LOOPBACK = {"localhost", "127.0.0.1", "::1"}


def _paren(tekst: str, naam: str, voorbeeld: str) -> list[tuple[str, str]]:
    """'a=b,c=d' as [(a, b), (c, d)]; the group name may hold '=', the last one separates."""
    paren = []
    for deel in (tekst or "").split(","):
        deel = deel.strip()
        if not deel:
            continue
        groep, is_, waarde = deel.rpartition("=")
        groep, waarde = groep.strip(), waarde.strip()
        if not is_ or not groep or not waarde:
            raise ValueError(f"{naam} moet de vorm {voorbeeld} hebben (groep=waarde, gescheiden door komma's).")
        paren.append((groep, waarde))
    return paren


def parseer_rollen(tekst) -> dict[str, tuple[str, ...]]:
    """OIDC_ROLLEN 'omo-consulenten=consulent,omo-functionarissen=omo' as {group: (role, ...)}.
    A group that maps to several roles is repeated."""
    if isinstance(tekst, dict):
        return {g: tuple(r) if isinstance(r, (list, tuple, set, frozenset)) else (r,) for g, r in tekst.items()}
    rollen: dict[str, tuple[str, ...]] = {}
    for groep, rol in _paren(tekst, "OIDC_ROLLEN", "omo-consulenten=consulent,omo-beheer=beheerder"):
        if rol not in ROLLEN:
            raise ValueError(
                f"OIDC_ROLLEN noemt de onbekende rol '{rol}'; kies uit {', '.join(ROLLEN)}."
            )
        if rol not in rollen.get(groep, ()):
            rollen[groep] = (*rollen.get(groep, ()), rol)
    return rollen


def parseer_teams(tekst) -> dict[str, str]:
    """OIDC_TEAMS 'wijkteam-noord=Wijkteam Noord,...' as {group: team name}, in the given order
    (a user in several mapped groups gets the team of the first)."""
    if isinstance(tekst, dict):
        return dict(tekst)
    teams: dict[str, str] = {}
    for groep, team in _paren(tekst, "OIDC_TEAMS", "wijkteam-noord=Wijkteam Noord"):
        if groep in teams and teams[groep] != team:
            raise ValueError(f"OIDC_TEAMS koppelt de groep '{groep}' aan meer dan één team.")
        teams[groep] = team
    return teams


def controleer_discovery_url(url: str) -> str:
    delen = urlsplit(url)
    if delen.scheme not in ("https", "http") or not delen.hostname:
        raise ValueError(
            "OIDC_DISCOVERY_URL moet een volledig adres zijn, bijv. "
            "https://login.gemeente.nl/realms/omo/.well-known/openid-configuration."
        )
    if delen.scheme != "https" and delen.hostname not in LOOPBACK:
        raise ValueError("OIDC_DISCOVERY_URL moet met https:// beginnen (alleen een adres op deze machine mag http).")
    return url


def controleer_algoritme(algoritme: str) -> str:
    if algoritme not in ALGORITMEN:
        raise ValueError(f"OIDC_RP_SIGN_ALGO moet een van {', '.join(ALGORITMEN)} zijn.")
    return algoritme


def parseer_timeout(tekst) -> int:
    try:
        seconden = int(str(tekst).strip())
    except ValueError:
        seconden = 0
    if not 1 <= seconden <= 120:
        raise ValueError("OIDC_TIMEOUT moet een heel aantal seconden zijn, van 1 tot en met 120.")
    return seconden


def controleer_scopes(scopes: str) -> str:
    if "openid" not in (scopes or "").split():
        raise ValueError("OIDC_RP_SCOPES moet 'openid' bevatten, bijv. 'openid email profile'.")
    return " ".join(scopes.split())


# --- Read at request time -------------------------------------------------------------------


def instelling(naam: str, standaard=None):
    from django.conf import settings

    return getattr(settings, naam, standaard)


def aan() -> bool:
    """Single sign-on is on exactly when a discovery URL is set."""
    return bool(instelling("OIDC_DISCOVERY_URL", ""))


def rollen_mapping() -> dict[str, tuple[str, ...]]:
    return parseer_rollen(instelling("OIDC_ROLLEN", {}) or {})


def teams_mapping() -> dict[str, str]:
    return parseer_teams(instelling("OIDC_TEAMS", {}) or {})


def groepen_claim() -> str:
    return instelling("OIDC_GROEPEN_CLAIM", "") or STANDAARD_GROEPEN_CLAIM


def scopes() -> str:
    return instelling("OIDC_RP_SCOPES", "") or STANDAARD_SCOPES


def algoritme() -> str:
    return instelling("OIDC_RP_SIGN_ALGO", "") or STANDAARD_ALGORITME


def timeout() -> int:
    return parseer_timeout(instelling("OIDC_TIMEOUT", STANDAARD_TIMEOUT) or STANDAARD_TIMEOUT)


def koppel_email() -> bool:
    """Link a local account to the provider's identity by its verified e-mail (OIDC_KOPPEL_EMAIL)."""
    return bool(instelling("OIDC_KOPPEL_EMAIL", False))


def naam() -> str:
    return instelling("OIDC_NAAM", "") or STANDAARD_NAAM
