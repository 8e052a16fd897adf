"""Report periods: quarters and the last twelve months, as (first day, last day) inclusive."""

import calendar
import datetime


def kwartaal(datum: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The quarter that holds `datum`."""
    eerste_maand = 3 * ((datum.month - 1) // 3) + 1
    laatste_maand = eerste_maand + 2
    return (
        datetime.date(datum.year, eerste_maand, 1),
        datetime.date(datum.year, laatste_maand, calendar.monthrange(datum.year, laatste_maand)[1]),
    )


def vorig_kwartaal(datum: datetime.date) -> tuple[datetime.date, datetime.date]:
    """The quarter before the one that holds `datum`."""
    return kwartaal(kwartaal(datum)[0] - datetime.timedelta(days=1))


def laatste_12_maanden(vandaag: datetime.date) -> tuple[datetime.date, datetime.date]:
    """From the first day of the month eleven months back up to today: twelve calendar months,
    the current one up to today."""
    maand = vandaag.month - 11
    jaar = vandaag.year
    if maand < 1:
        maand += 12
        jaar -= 1
    return datetime.date(jaar, maand, 1), vandaag
