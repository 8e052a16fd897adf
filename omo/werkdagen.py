"""Werkdagen of the gemeente (DESIGN §7).

A werkdag is a day that is not a Saturday or Sunday, not one of the 8 paid feestdagen of the
Cao Gemeenten, and not a sluitingsdag of the gemeente (`omo.models.Sluitingsdag`, managed in the
admin; a new row counts at once because it is read on every call).

The Cao Gemeenten feestdagen: Nieuwjaarsdag, 2e Paasdag, Koningsdag (27 April, or 26 April when
27 April is a Sunday), 5 mei (every year, not only in lustrum years), Hemelvaartsdag,
2e Pinksterdag, 1e and 2e Kerstdag. Goede Vrijdag is a werkdag.
"""

from datetime import date, datetime, time, timedelta
from functools import lru_cache
from zoneinfo import ZoneInfo

from dateutil.easter import EASTER_WESTERN, easter

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


@lru_cache(maxsize=64)
def feestdagen(year: int) -> dict[date, str]:
    """The 8 paid feestdagen of the Cao Gemeenten in `year` (date → name)."""
    pasen = easter(year, EASTER_WESTERN)
    koningsdag = date(year, 4, 27)
    if koningsdag.weekday() == 6:  # Sunday → Saturday 26 April
        koningsdag = date(year, 4, 26)
    return {
        date(year, 1, 1): "Nieuwjaarsdag",
        pasen + timedelta(days=1): "Tweede paasdag",
        koningsdag: "Koningsdag",
        date(year, 5, 5): "Bevrijdingsdag",
        pasen + timedelta(days=39): "Hemelvaartsdag",
        pasen + timedelta(days=50): "Tweede pinksterdag",
        date(year, 12, 25): "Eerste kerstdag",
        date(year, 12, 26): "Tweede kerstdag",
    }


def _sluitingsdagen(start: date, end: date) -> set[date]:
    from omo.models import Sluitingsdag

    return set(
        Sluitingsdag.objects.filter(datum__range=(start, end)).values_list("datum", flat=True)
    )


def _is_vrij(day: date, sluitingsdagen: set[date]) -> bool:
    return day.weekday() >= 5 or day in feestdagen(day.year) or day in sluitingsdagen


def is_werkdag(day: date) -> bool:
    """Whether the gemeente works on `day`."""
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError("is_werkdag() verwacht een date, geen datetime of iets anders.")
    return not _is_vrij(day, _sluitingsdagen(day, day))


def add_werkdagen(day: date, n: int) -> date:
    """The n-th werkdag strictly after `day` (n ≥ 1). `day` itself never counts."""
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError("add_werkdagen() verwacht een date, geen datetime of iets anders.")
    if not isinstance(n, int) or n < 1:
        raise ValueError("add_werkdagen() verwacht n ≥ 1.")
    # One query for a window that certainly holds the answer unless the gemeente closes for
    # weeks; then widen it.
    window = n * 2 + 21
    while True:
        end = day + timedelta(days=window)
        closed = _sluitingsdagen(day + timedelta(days=1), end)
        current, counted = day, 0
        while current < end:
            current += timedelta(days=1)
            if not _is_vrij(current, closed):
                counted += 1
                if counted == n:
                    return current
        window *= 2


def deadline(received_at: datetime, n: int = 2) -> datetime:
    """The last moment of the n-th werkdag after the day of receipt, in Europe/Amsterdam.

    The day of receipt is the local date in Amsterdam (a request at 23:30 UTC on a Monday in
    summer was received on Tuesday). Returns an aware datetime at 23:59:59.999999 local time.
    """
    if not isinstance(received_at, datetime):
        raise TypeError("deadline() verwacht een datetime.")
    if received_at.tzinfo is None or received_at.utcoffset() is None:
        raise ValueError(
            "deadline() kreeg een naïeve datetime zonder tijdzone; geef een tijdzone-bewuste "
            "datetime (bijvoorbeeld django.utils.timezone.now())."
        )
    local_day = received_at.astimezone(AMSTERDAM).date()
    last_day = add_werkdagen(local_day, n)
    return datetime.combine(last_day, time.max, tzinfo=AMSTERDAM)


def sub_werkdagen(day: date, n: int) -> date:
    """The n-th werkdag strictly before `day` (n ≥ 1). `day` itself never counts."""
    if isinstance(day, datetime) or not isinstance(day, date):
        raise TypeError("sub_werkdagen() verwacht een date, geen datetime of iets anders.")
    if not isinstance(n, int) or n < 1:
        raise ValueError("sub_werkdagen() verwacht n ≥ 1.")
    window = n * 2 + 21
    while True:
        start = day - timedelta(days=window)
        closed = _sluitingsdagen(start, day - timedelta(days=1))
        current, counted = day, 0
        while current > start:
            current -= timedelta(days=1)
            if not _is_vrij(current, closed):
                counted += 1
                if counted == n:
                    return current
        window *= 2


def eerste_werkdag_vanaf(day: date) -> date:
    """`day` when it is a werkdag, else the next werkdag."""
    if is_werkdag(day):
        return day
    return add_werkdagen(day, 1)


def reden_vrij(day: date) -> str:
    """Why `day` is not a werkdag ('' when it is one): the feestdag, the sluitingsdag or the
    weekend, in Dutch."""
    from omo.models import Sluitingsdag

    if day in feestdagen(day.year):
        return feestdagen(day.year)[day]
    sluiting = Sluitingsdag.objects.filter(datum=day).values_list("omschrijving", flat=True).first()
    if sluiting:
        return f"sluitingsdag: {sluiting}"
    if day.weekday() >= 5:
        return "weekend"
    return ""


def stukken_deadline(meeting_day: date, n: int = 2) -> datetime:
    """When stukken for a meeting on `meeting_day` are due: the end (23:59:59.999999,
    Europe/Amsterdam) of the n-th werkdag before the meeting (DESIGN §5)."""
    return datetime.combine(sub_werkdagen(meeting_day, n), time.max, tzinfo=AMSTERDAM)


STUKKEN_MARGE = timedelta(days=25)


def stukken_deadlines(meeting_days, n: int = 2, sluitingsdagen: set[date] | None = None) -> dict[date, datetime]:
    """`stukken_deadline` for many meetings, reading the closing days once (or not at all when
    the caller read them, from `STUKKEN_MARGE` before the first meeting on)."""
    dagen = set(meeting_days)
    if not dagen:
        return {}
    marge = STUKKEN_MARGE
    closed = sluitingsdagen if sluitingsdagen is not None else _sluitingsdagen(min(dagen) - marge, max(dagen))
    deadlines = {}
    for day in dagen:
        current, counted = day, 0
        while counted < n and current > day - marge:
            current -= timedelta(days=1)
            if not _is_vrij(current, closed):
                counted += 1
        deadlines[day] = (datetime.combine(current, time.max, tzinfo=AMSTERDAM) if counted == n
                          else stukken_deadline(day, n))
    return deadlines


def werkdagen_tussen(van: date, tot: date, sluitingsdagen: set[date] | None = None) -> int:
    """The number of werkdagen after `van` up to and including `tot`; negative when `tot` lies
    before `van` (how many werkdagen late). `sluitingsdagen` read once by the caller for a page
    with many dates (`sluitingsdagen_tussen`); otherwise read here.

    Worked examples (no closing days): Friday 4 → Monday 7 December 2026 is 1; Monday 7 →
    Friday 4 is -1; a day to itself is 0."""
    if van == tot:
        return 0
    teken, start, eind = (1, van, tot) if tot > van else (-1, tot, van)
    if sluitingsdagen is None:
        sluitingsdagen = _sluitingsdagen(start, eind)
    aantal, dag = 0, start
    while dag < eind:
        dag += timedelta(days=1)
        if not _is_vrij(dag, sluitingsdagen):
            aantal += 1
    return teken * aantal


def sluitingsdagen_tussen(start: date, eind: date) -> set[date]:
    """The closing days in [start, eind], in one query."""
    return _sluitingsdagen(start, eind)
