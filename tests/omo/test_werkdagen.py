"""The werkdagen rule of DESIGN §7, checked against real dates."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from omo.models import Sluitingsdag
from omo.werkdagen import add_werkdagen, deadline, feestdagen, is_werkdag

AMS = ZoneInfo("Europe/Amsterdam")


def end_of(day: date) -> datetime:
    return datetime.combine(day, time(23, 59, 59, 999999), tzinfo=AMS)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "day, expected, why",
    [
        (date(2026, 4, 3), True, "Goede Vrijdag is een werkdag"),
        (date(2026, 4, 6), False, "2e Paasdag 2026"),
        (date(2025, 4, 21), False, "2e Paasdag 2025"),
        (date(2026, 4, 27), False, "Koningsdag 2026 op maandag"),
        (date(2025, 4, 26), False, "Koningsdag 2025: 27 april is zondag, dus zaterdag 26"),
        (date(2025, 4, 28), True, "maandag na Koningsdag 2025 is gewoon werkdag"),
        (date(2031, 4, 26), False, "Koningsdag 2031 op zaterdag 26 (27 is zondag)"),
        (date(2026, 5, 5), False, "5 mei, geen lustrumjaar: toch vrij (Cao)"),
        (date(2025, 5, 5), False, "5 mei in lustrumjaar 2025"),
        (date(2027, 5, 5), False, "5 mei 2027 op woensdag"),
        (date(2026, 5, 14), False, "Hemelvaartsdag 2026"),
        (date(2026, 5, 15), True, "vrijdag na Hemelvaart: werkdag zonder sluitingsdag"),
        (date(2026, 5, 25), False, "2e Pinksterdag 2026"),
        (date(2026, 12, 25), False, "1e Kerstdag"),
        (date(2026, 12, 24), True, "Kerstavond is een werkdag"),
        (date(2027, 1, 1), False, "Nieuwjaarsdag"),
        (date(2026, 11, 21), False, "zaterdag"),
        (date(2026, 11, 22), False, "zondag"),
        (date(2026, 11, 23), True, "gewone maandag"),
    ],
)
def test_is_werkdag(day, expected, why):
    assert is_werkdag(day) is expected, why


def test_eight_cao_feestdagen_per_year():
    for year in (2024, 2025, 2026, 2027, 2030):
        assert len(feestdagen(year)) == 8, year
    assert date(2026, 4, 3) not in feestdagen(2026)  # Goede Vrijdag


@pytest.mark.django_db
@pytest.mark.parametrize(
    "received, expected_day, why",
    [
        # The example of DESIGN §7: 25 and 26 December are feestdagen, 27 is a Sunday.
        (datetime(2026, 12, 24, 10, 0, tzinfo=AMS), date(2026, 12, 29), "Kerst 2026"),
        (datetime(2026, 11, 23, 9, 0, tzinfo=AMS), date(2026, 11, 25), "gewone maandag"),
        (datetime(2026, 11, 26, 16, 0, tzinfo=AMS), date(2026, 11, 30), "donderdag → maandag"),
        (datetime(2026, 4, 2, 12, 0, tzinfo=AMS), date(2026, 4, 7), "Witte Donderdag: Goede Vrijdag telt, 2e Paasdag niet"),
        (datetime(2026, 4, 24, 12, 0, tzinfo=AMS), date(2026, 4, 29), "vrijdag voor Koningsdag"),
        (datetime(2026, 5, 4, 12, 0, tzinfo=AMS), date(2026, 5, 7), "4 mei: 5 mei telt niet"),
        (datetime(2026, 5, 13, 12, 0, tzinfo=AMS), date(2026, 5, 18), "voor Hemelvaart"),
        (datetime(2026, 5, 22, 12, 0, tzinfo=AMS), date(2026, 5, 27), "Pinksteren"),
        (datetime(2026, 12, 31, 12, 0, tzinfo=AMS), date(2027, 1, 5), "Oud en Nieuw"),
        (datetime(2026, 11, 21, 11, 0, tzinfo=AMS), date(2026, 11, 24), "ontvangen op zaterdag"),
        (datetime(2026, 12, 25, 11, 0, tzinfo=AMS), date(2026, 12, 29), "ontvangen op 1e Kerstdag"),
        # Summer time starts 29 March 2026 and ends 25 October 2026.
        (datetime(2026, 3, 27, 23, 30, tzinfo=AMS), date(2026, 3, 31), "vrijdag voor zomertijd"),
        (datetime(2026, 10, 23, 18, 0, tzinfo=AMS), date(2026, 10, 27), "vrijdag voor wintertijd"),
        # 22:30 UTC on Monday 23 November is already Tuesday in Amsterdam (UTC+1).
        (datetime(2026, 11, 23, 23, 30, tzinfo=UTC), date(2026, 11, 26), "laat in de avond UTC"),
        (datetime(2026, 7, 6, 22, 15, tzinfo=UTC), date(2026, 7, 9), "zomer: UTC+2"),
        (datetime(2026, 7, 6, 21, 59, tzinfo=UTC), date(2026, 7, 8), "zomer: nog maandag"),
    ],
)
def test_deadline_table(received, expected_day, why):
    result = deadline(received)
    assert result == end_of(expected_day), why
    assert result.tzinfo is not None


@pytest.mark.django_db
def test_deadline_across_dst_keeps_local_end_of_day():
    # Received Friday 23 October 2026 (CEST, UTC+2); deadline Tuesday 27 October in CET (UTC+1).
    result = deadline(datetime(2026, 10, 23, 9, 0, tzinfo=AMS))
    assert result.utcoffset() == timedelta(hours=1)
    assert result.astimezone(UTC) == datetime(2026, 10, 27, 22, 59, 59, 999999, tzinfo=UTC)
    # Received Friday 27 March 2026 (CET); deadline Tuesday 31 March in CEST (UTC+2).
    result = deadline(datetime(2026, 3, 27, 9, 0, tzinfo=AMS))
    assert result.utcoffset() == timedelta(hours=2)


@pytest.mark.django_db
def test_sluitingsdag_counts_at_once():
    carnaval = datetime(2027, 2, 5, 10, 0, tzinfo=AMS)  # Friday before carnaval 2027
    assert deadline(carnaval) == end_of(date(2027, 2, 9))
    Sluitingsdag.objects.create(datum=date(2027, 2, 8), omschrijving="Carnavalsmaandag")
    assert deadline(carnaval) == end_of(date(2027, 2, 10))
    Sluitingsdag.objects.create(datum=date(2027, 2, 9), omschrijving="Carnavalsdinsdag")
    assert not is_werkdag(date(2027, 2, 9))
    assert deadline(carnaval) == end_of(date(2027, 2, 11))


@pytest.mark.django_db
def test_long_closure_widens_search_window():
    start = date(2027, 6, 1)
    for i in range(1, 60):
        Sluitingsdag.objects.create(datum=start + timedelta(days=i), omschrijving="Verbouwing")
    # Closed from 2 June to Friday 30 July: the first werkdag is Monday 2 August.
    assert add_werkdagen(start, 1) == date(2027, 8, 2)


@pytest.mark.django_db
def test_add_werkdagen_counts_strictly_after():
    assert add_werkdagen(date(2026, 11, 23), 1) == date(2026, 11, 24)
    assert add_werkdagen(date(2026, 11, 23), 5) == date(2026, 11, 30)
    assert add_werkdagen(date(2026, 11, 22), 1) == date(2026, 11, 23)


def test_naive_datetime_is_refused():
    with pytest.raises(ValueError, match="naïeve datetime"):
        deadline(datetime(2026, 11, 23, 10, 0))


def test_bad_arguments_are_refused():
    with pytest.raises(ValueError):
        add_werkdagen(date(2026, 11, 23), 0)
    with pytest.raises(TypeError):
        add_werkdagen(datetime(2026, 11, 23, tzinfo=AMS), 1)
    with pytest.raises(TypeError):
        is_werkdag("2026-11-23")


# --- Counting back: the stukken deadline of a meeting (DESIGN §5) -----------------------------
from omo.werkdagen import eerste_werkdag_vanaf, reden_vrij, stukken_deadline, sub_werkdagen  # noqa: E402


@pytest.mark.django_db
@pytest.mark.parametrize(
    "meeting, due_day, why",
    [
        (date(2026, 12, 8), date(2026, 12, 4), "dinsdag: stukken uiterlijk vrijdag ervoor"),
        (date(2026, 12, 10), date(2026, 12, 8), "donderdag: uiterlijk dinsdag"),
        (date(2026, 4, 7), date(2026, 4, 2), "dinsdag na 2e Paasdag: maandag vrij, Goede Vrijdag telt → donderdag"),
        (date(2026, 12, 29), date(2026, 12, 24), "dinsdag na Kerst: maandag 28, dan over de kerstdagen heen naar donderdag 24"),
        (date(2026, 5, 26), date(2026, 5, 21), "dinsdag na 2e Pinksterdag → donderdag"),
    ],
)
def test_stukken_deadline_is_end_of_second_werkdag_before(meeting, due_day, why):
    assert stukken_deadline(meeting) == end_of(due_day), why


@pytest.mark.django_db
def test_sub_werkdagen_skips_sluitingsdagen_and_counts_strictly_before():
    assert sub_werkdagen(date(2027, 2, 10), 1) == date(2027, 2, 9)
    Sluitingsdag.objects.create(datum=date(2027, 2, 8), omschrijving="Carnavalsmaandag")
    Sluitingsdag.objects.create(datum=date(2027, 2, 9), omschrijving="Carnavalsdinsdag")
    assert sub_werkdagen(date(2027, 2, 10), 1) == date(2027, 2, 5)
    assert sub_werkdagen(date(2027, 2, 10), 2) == date(2027, 2, 4)
    with pytest.raises(ValueError):
        sub_werkdagen(date(2027, 2, 10), 0)
    with pytest.raises(TypeError):
        sub_werkdagen(datetime(2027, 2, 10, tzinfo=UTC), 1)


@pytest.mark.django_db
def test_eerste_werkdag_vanaf_and_why_a_day_is_free():
    assert eerste_werkdag_vanaf(date(2026, 4, 6)) == date(2026, 4, 7)
    assert eerste_werkdag_vanaf(date(2026, 4, 7)) == date(2026, 4, 7)
    assert reden_vrij(date(2026, 4, 6)) == "Tweede paasdag"
    assert reden_vrij(date(2026, 11, 21)) == "weekend"
    assert reden_vrij(date(2026, 11, 23)) == ""
    Sluitingsdag.objects.create(datum=date(2026, 5, 15), omschrijving="Vrijdag na Hemelvaart")
    assert reden_vrij(date(2026, 5, 15)) == "sluitingsdag: Vrijdag na Hemelvaart"
