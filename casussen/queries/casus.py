"""Reads for the case list, search, export, detail, timeline and inspiratie."""

import re
from datetime import timedelta

from django.contrib.postgres.aggregates import StringAgg
from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import Exists, F, OuterRef, Q, Subquery, TextField, Value
from django.db.models.functions import Concat
from django.utils import timezone

from casussen.models import EINDSTATUSSEN, Casus, Evaluatie, Status, TijdlijnEvent
from casussen.queries import zichtbare_casussen


def evaluatie_verlopen_exists(vandaag=None):
    vandaag = vandaag or timezone.localdate()
    return Exists(
        Evaluatie.objects.filter(casus_id=OuterRef("pk"), uitkomst="", gepland_op__lte=vandaag)
    )


def leefgebieden_tekst():
    """'Wonen, Financiën' per case as a correlated subquery: computed only for the page's rows."""
    through = Casus.leefgebieden.through
    return Subquery(
        through.objects.filter(casus_id=OuterRef("pk"))
        .values("casus_id")
        .annotate(t=StringAgg("leefgebied__naam", delimiter=", ", order_by="leefgebied__volgorde"))
        .values("t")
    )


def organisaties_tekst():
    through = Casus.organisaties.through
    return Subquery(
        through.objects.filter(casus_id=OuterRef("pk"))
        .values("casus_id")
        .annotate(t=StringAgg("organisatie__naam", delimiter=", ", order_by="organisatie__naam"))
        .values("t")
    )


def casus_lijst(user):
    """The cases `user` may see, with what a list row shows, in one query per page."""
    return (
        zichtbare_casussen(user)
        .select_related("casushouder", "team")
        # Only what a row shows (and the export writes): not the search vector or long texts.
        .only(
            "code", "jaar", "volgnummer", "titel", "status", "urgentie", "datum_signaal",
            "aangemaakt_op", "gewijzigd_op", "casushouder_id", "team_id",
            "casushouder__first_name", "casushouder__last_name", "casushouder__username",
            "team__naam",
        )
        .annotate(
            leefgebieden_tekst=leefgebieden_tekst(),
            evaluatie_verlopen=evaluatie_verlopen_exists(),
        )
    )


def zoek(queryset, tekst: str, rangschikken: bool = False):
    """Full-text search with the Dutch configuration ('schulden' finds 'schuld'); a case code
    (OMO-2026-0042) is matched exactly as well.

    Results keep the list's order (newest first) unless `rangschikken`: ranking must score every
    match, which for a common word in a large gemeente is most cases, so it is a sort option.
    """
    tekst = (tekst or "").strip()
    if not tekst:
        return queryset
    query = SearchQuery(tekst, config="dutch", search_type="websearch")
    queryset = queryset.filter(Q(zoekvector=query) | Q(code=tekst.upper()))
    if rangschikken:
        queryset = queryset.annotate(rang=SearchRank(F("zoekvector"), query)).order_by(
            "-rang", "-jaar", "-volgnummer"
        )
    return queryset


# "OMO-2026-0008", typed as "omo 2026 8" or " OMO - 2026 - 0008 " too.
_CODE = re.compile(r"^OMO\s*-?\s*(\d{4})\s*-?\s*(\d{1,6})$", re.IGNORECASE)


def casus_met_code(tekst: str):
    """The case whose code `tekst` is (case-insensitive, spaces and leading zeros optional), or
    None. Whether the user may see it is for the caller to ask."""
    match = _CODE.match((tekst or "").strip())
    if not match:
        return None
    return Casus.objects.filter(jaar=int(match[1]), volgnummer=int(match[2])).only("pk").first()


def laatste_besluit(casus):
    from casussen.models import Besluit

    return Besluit.objects.filter(casus=casus).select_related("besloten_door", "scenario").first()


def tijdlijn(casus):
    """The events of a case in order; status events carry how long the case stayed there."""
    events = list(
        TijdlijnEvent.objects.filter(casus=casus).select_related("gebruiker").order_by("tijdstip", "pk")
    )
    status_events = [e for e in events if e.naar_status]
    now = timezone.now()
    for current, following in zip(status_events, [*status_events[1:], None], strict=True):
        end = following.tijdstip if following else (None if current.naar_status in EINDSTATUSSEN else now)
        current.duur = (end - current.tijdstip) if end else None
        current.loopt_nog = following is None and end is not None
    return events


def tijd_per_status(events) -> list[tuple[str, timedelta, int]]:
    """Total time per status over the timeline, with how often the case entered it."""
    totals: dict[str, list] = {}
    for e in events:
        if e.naar_status and getattr(e, "duur", None) is not None:
            entry = totals.setdefault(e.naar_status, [timedelta(0), 0])
            entry[0] += e.duur
            entry[1] += 1
    return [(Status(s).label, d, n) for s, (d, n) in totals.items()]


def inspiratie(zoektekst="", leefgebied=None, grondslag=None):
    """Closed cases with an anonymised solution summary: only what the inspiratie page shows.

    Deliberately not scoped to the user's own cases: the summary is written for colleagues and
    carries no household details, case code or canvas text.
    """
    qs = Casus.objects.filter(status=Status.AFGESLOTEN).exclude(samenvatting_oplossing="")
    if zoektekst:
        from django.contrib.postgres.search import SearchVector

        # The summary and the names and codes of the case's leefgebieden: "schulden" finds the
        # cases with leefgebied "Financiën en schulden" whatever their summary says.
        through = Casus.leefgebieden.through
        leefgebieden = Subquery(
            through.objects.filter(casus_id=OuterRef("pk"))
            .values("casus_id")
            .annotate(t=StringAgg(Concat("leefgebied__naam", Value(" "), "leefgebied__code", output_field=TextField()),
                                  delimiter=" "))
            .values("t")
        )
        query = SearchQuery(zoektekst, config="dutch", search_type="websearch")
        qs = qs.annotate(
            inspiratie_vector=SearchVector("samenvatting_oplossing", leefgebieden, config="dutch")
        ).filter(inspiratie_vector=query)
    if leefgebied:
        qs = qs.filter(
            Exists(Casus.leefgebieden.through.objects.filter(casus_id=OuterRef("pk"), leefgebied=leefgebied))
        )
    if grondslag:
        from casussen.models import ScenarioGrondslag

        qs = qs.filter(
            Exists(
                ScenarioGrondslag.objects.filter(
                    scenario__casus_id=OuterRef("pk"), scenario__gekozen=True, grondslag=grondslag
                )
            )
        )
    # Only the columns the page may show: no code, title, pseudonym or dossier number.
    return qs.only("pk", "samenvatting_oplossing", "afgesloten_op").order_by("-afgesloten_op", "-pk")


KOSTEN_KLASSEN = [
    (1_000, "tot € 1.000"),
    (5_000, "€ 1.000 – € 5.000"),
    (10_000, "€ 5.000 – € 10.000"),
    (25_000, "€ 10.000 – € 25.000"),
    (None, "meer dan € 25.000"),
]


def kostenklasse(bedrag) -> str:
    """A range instead of an amount: the inspiratie page must not make a case recognisable."""
    for grens, label in KOSTEN_KLASSEN:
        if grens is None or bedrag < grens:
            return label
    return KOSTEN_KLASSEN[-1][1]


def inspiratie_details(casussen: list) -> list[dict]:
    """For a page of closed cases: only summary, leefgebieden, legal bases and a cost range of
    the chosen scenario (one-year horizon, situation 'met doorbraak'). Three queries per page."""
    from django.db.models import Prefetch

    from casussen.models import Kostenregel, Scenario, ScenarioGrondslag
    from casussen.rendement import bereken

    ids = [c.pk for c in casussen]
    leefgebieden = {}
    for through in Casus.leefgebieden.through.objects.filter(casus_id__in=ids).select_related("leefgebied").order_by("leefgebied__volgorde"):
        leefgebieden.setdefault(through.casus_id, []).append(through.leefgebied.naam)
    scenarios = {
        s.casus_id: s
        for s in Scenario.objects.filter(casus_id__in=ids, gekozen=True).prefetch_related(
            Prefetch("legitimiteit", queryset=ScenarioGrondslag.objects.select_related("grondslag")),
            Prefetch("kostenregels", queryset=Kostenregel.objects.all()),
        )
    }
    result = []
    for c in casussen:
        scenario = scenarios.get(c.pk)
        grondslagen = [str(g.grondslag) for g in scenario.legitimiteit.all()] if scenario else []
        klasse = None
        if scenario is not None and scenario.kostenregels.all():
            totaal = bereken(list(scenario.kostenregels.all()), 12).totaal_per_situatie.get("doorbraak", 0)
            klasse = kostenklasse(totaal)
        result.append(
            {
                "samenvatting": c.samenvatting_oplossing,
                "leefgebieden": leefgebieden.get(c.pk, []),
                "grondslagen": grondslagen,
                "kostenklasse": klasse,
                "jaar": c.afgesloten_op.year if c.afgesloten_op else None,
            }
        )
    return result


FILTERKEUZES_SQL = """
SELECT 'leefgebied', id, naam, volgorde FROM casussen_leefgebied
UNION ALL
SELECT 'team', id, naam, 0 FROM omo_team
UNION ALL
SELECT 'organisatie', id, naam, 0 FROM casussen_organisatie
UNION ALL
SELECT 'casushouder', u.id,
       coalesce(nullif(trim(u.first_name || ' ' || u.last_name), ''), u.username), 0
FROM omo_user u
WHERE u.is_active AND EXISTS (
    SELECT 1 FROM omo_user_groups ug JOIN auth_group g ON g.id = ug.group_id
    WHERE ug.user_id = u.id AND g.name = ANY(%(rollen)s))
  AND (%(team)s::int IS NULL OR u.team_id = %(team)s::int)
  AND (%(alleen)s::int IS NULL OR u.id = %(alleen)s::int)
ORDER BY 1, 4, 3
"""


def filterkeuzes(user) -> dict[str, list[tuple[str, str]]]:
    """The choices of the case list's filter selects in one query: leefgebieden, teams,
    organisations and the casushouders this user may filter on (everyone with a case role for
    whoever sees every case; the own team otherwise)."""
    from django.db import connection

    from omo.roles import CONSULENT, MAATWERKCOACH
    from omo.toegang import mag

    team = alleen = None
    if not mag(user, "casussen.zie_alle_casussen"):
        team = user.team_id
        alleen = None if user.team_id else user.pk
    keuzes: dict[str, list[tuple[str, str]]] = {
        "leefgebied": [], "team": [], "organisatie": [], "casushouder": []
    }
    with connection.cursor() as cursor:
        cursor.execute(
            FILTERKEUZES_SQL, {"rollen": [CONSULENT, MAATWERKCOACH], "team": team, "alleen": alleen}
        )
        for soort, pk, naam, _volgorde in cursor.fetchall():
            keuzes[soort].append((str(pk), naam))
    return keuzes
