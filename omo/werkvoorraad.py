"""The werkvoorraad: the page after login lists the work waiting for the user, per role.

`omo` knows no app, so every app registers its sections here from its `AppConfig.ready`
(`registreer(Sectie(...))`, in `<app>/werkvoorraad.py`). A section is guarded by a rule without
object (who has this kind of work) and reads through the same query function as the inbox it
summarises, so its count is the inbox's count. A section reads its count and its first rows in
one query (`eerste`); the werkdagen of every deadline on the page come from one more query.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from django.db.models import Count, Window
from django.utils import timezone

from omo.toegang import mag
from omo.werkdagen import (
    AMSTERDAM,
    STUKKEN_MARGE,
    sluitingsdagen_tussen,
    stukken_deadlines,
    werkdagen_tussen,
)

LIMIET = 10


@dataclass
class Item:
    """One piece of work: what, where to act (`link`), since when it waits (`sinds`) and by
    when it must be done (`uiterlijk`), each a date or an aware datetime."""

    tekst: str
    link: str = ""
    sinds: date | datetime | None = None
    uiterlijk: date | datetime | None = None
    toelichting: str = ""
    # A meeting day: the item counts down to its stukken deadline (until that has passed, then
    # to the meeting itself), filled in by `voor` as `stukken_uiterlijk`.
    stukken_voor: date | None = None
    stukken_uiterlijk: datetime | None = None
    # Filled in by `voor`: werkdagen waited, werkdagen left (negative: late).
    wacht_werkdagen: int | None = None
    nog_werkdagen: int | None = None

    @property
    def te_laat(self) -> bool:
        return self.nog_werkdagen is not None and self.nog_werkdagen < 0

    @property
    def werkdagen_te_laat(self) -> int:
        return -self.nog_werkdagen if self.te_laat else 0


@dataclass(frozen=True)
class Sectie:
    """A kind of work. `lees(user, limiet) -> (aantal, [Item])`; `inbox(user) -> url` of the
    page that lists all of it (or None); `volgorde` places it on the page."""

    code: str
    titel: str
    regel: str
    lees: Callable
    leeg: str
    inbox: Callable | None = None
    volgorde: int = 100


@dataclass
class Uitkomst:
    sectie: Sectie
    aantal: int
    items: list = field(default_factory=list)
    inbox: str = ""

    @property
    def meer(self) -> bool:
        return self.aantal > len(self.items)


SECTIES: dict[str, Sectie] = {}


def registreer(sectie: Sectie) -> None:
    SECTIES[sectie.code] = sectie


def eerste(queryset, limiet: int) -> tuple[int, list]:
    """The number of rows of `queryset` and its first `limiet` rows, in one query."""
    rijen = list(queryset.annotate(_werkvoorraad_totaal=Window(expression=Count("pk")))[:limiet])
    return (rijen[0]._werkvoorraad_totaal if rijen else 0), rijen


def _dag(moment) -> date:
    if isinstance(moment, datetime):
        return timezone.localtime(moment, AMSTERDAM).date()
    return moment


def voor(user, limiet: int = LIMIET, vandaag: date | None = None) -> list[Uitkomst]:
    """The sections `user` has (each once, whatever the number of roles), with their work."""
    vandaag = vandaag or timezone.localdate()
    uitkomsten = []
    for sectie in sorted(SECTIES.values(), key=lambda s: (s.volgorde, s.code)):
        if not mag(user, sectie.regel):
            continue
        aantal, items = sectie.lees(user, limiet)
        inbox = sectie.inbox(user) if sectie.inbox else ""
        uitkomsten.append(Uitkomst(sectie, aantal, list(items), inbox or ""))
    _tel_werkdagen([i for u in uitkomsten for i in u.items], vandaag)
    return uitkomsten


def _tel_werkdagen(items, vandaag: date) -> None:
    dagen = [_dag(d) for i in items for d in (i.sinds, i.uiterlijk) if d is not None]
    vergaderingen = [i.stukken_voor for i in items if i.stukken_voor is not None]
    dagen += vergaderingen + [d - STUKKEN_MARGE for d in vergaderingen]
    if not dagen:
        return
    gesloten = sluitingsdagen_tussen(min(*dagen, vandaag) - timedelta(days=1), max(*dagen, vandaag))
    deadlines = stukken_deadlines(vergaderingen, sluitingsdagen=gesloten)
    nu = timezone.now()
    for item in items:
        if item.stukken_voor is not None:
            item.stukken_uiterlijk = deadlines[item.stukken_voor]
            item.uiterlijk = item.stukken_uiterlijk if nu <= item.stukken_uiterlijk else item.stukken_voor
    for item in items:
        if item.sinds is not None:
            item.wacht_werkdagen = max(werkdagen_tussen(_dag(item.sinds), vandaag, gesloten), 0)
        if item.uiterlijk is not None:
            item.nog_werkdagen = werkdagen_tussen(vandaag, _dag(item.uiterlijk), gesloten)
