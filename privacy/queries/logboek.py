"""Reads of the privacy officer's logboek: the access log and the change log with their values,
per case, per user and per period.

A case's file is more than the `Casus` row: its canvas, scenarios, plan, evaluations,
knelpunten, agendapunten, escalaties (the LET dossier), verzoeken and aanvragen, and what
hangs under those (cost lines, actions, action points). Which models belong to a case is read
from the models themselves (`casus_modellen`): a model with a foreign key to `Casus`, or to a
model that has one. The link is followed through the *event tables* (the history), so a part
deleted since, and what was viewed of it, still counts for its case.

The change log spans one event table per tracked model. A page reads it in two steps: first
the keys of the page's events (a UNION of small, indexed, limited selects: by the case's
foreign key, by the user through the request context, by time), then the full rows of those
events only, with the event before each one of the same object for the old values. So a page
costs the same few queries whatever the number of events.
"""

import datetime
import json
from dataclasses import dataclass, field
from functools import cache

from django.apps import apps
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from omo.models import Toegangslog, User
from omo.queries import EVENT_LABELS

# Past this many rows a count says "meer dan": nobody pages further, they narrow the filter.
MAX_TELLING = 1000


# --- Which models belong to a case ------------------------------------------------------------


@dataclass(frozen=True)
class Casusmodel:
    """A tracked model of a case's file and how its event rows find their case."""

    event_model: type
    # SQL condition on the event table (alias `e`) with the case id as `%(casus)s`.
    waar: str


def _event_models() -> list:
    from pghistory.models import Event

    return [
        m for m in apps.get_models()
        if issubclass(m, Event) and getattr(m, "pgh_tracked_model", None) is not None
    ]


def _event_model_van(model):
    for event_model in _event_models():
        if event_model.pgh_tracked_model is model:
            return event_model
    return None


def _fk_naar(model, doel):
    """The foreign keys (and one-to-ones) of `model` that point to `doel`."""
    return [
        f for f in model._meta.concrete_fields
        if f.is_relation and f.many_to_one | f.one_to_one and f.related_model is doel
    ]


@cache
def casus_modellen() -> tuple[Casusmodel, ...]:
    """Every tracked model of a case's file, with the condition that finds a case's events:
    the case itself, a model with a foreign key to the case, or one a step further (a cost line
    through its scenario)."""
    from casussen.models import Casus

    direct = {}
    for event_model in _event_models():
        tracked = event_model.pgh_tracked_model
        if tracked is Casus:
            direct[tracked] = Casusmodel(event_model, "e.pgh_obj_id = %(casus)s")
            continue
        fks = _fk_naar(tracked, Casus)
        if fks:
            kolom = event_model._meta.get_field(fks[0].name).column
            direct[tracked] = Casusmodel(event_model, f"e.{kolom} = %(casus)s")
    verder = []
    for event_model in _event_models():
        tracked = event_model.pgh_tracked_model
        if tracked in direct:
            continue
        for fk in tracked._meta.concrete_fields:
            ouder = fk.related_model if fk.is_relation else None
            if ouder in direct and ouder is not Casus:
                ouder_event = direct[ouder].event_model
                ouder_kolom = ouder_event._meta.get_field(_fk_naar(ouder, Casus)[0].name).column
                kolom = event_model._meta.get_field(fk.name).column
                verder.append(Casusmodel(
                    event_model,
                    f"e.{kolom} IN (SELECT o.pgh_obj_id FROM {ouder_event._meta.db_table} o "
                    f"WHERE o.{ouder_kolom} = %(casus)s)",
                ))
                break
    return tuple(direct.values()) + tuple(verder)


# --- The access log ---------------------------------------------------------------------------


def _toegangslog():
    return (
        Toegangslog.objects.select_related("gebruiker", "object_type")
        .prefetch_related("gebruiker__groups")
        .order_by("-tijdstip", "-id")
    )


def objecten_van_casus(casus) -> dict[int, set[str]]:
    """The objects of the case's file that can be in the access log, as {content type id: {object
    ids}}: the case, every object with a foreign key to it (also one deleted since: read from its
    event table), and the verslag of every overleg where it was on the agenda. One query."""
    from django.contrib.contenttypes.models import ContentType

    from casussen.models import Casus
    from escalatie.models import Agendapunt, Verslag

    delen, params = [], []
    for m in casus_modellen():
        tracked = m.event_model.pgh_tracked_model
        fks = _fk_naar(tracked, Casus)
        if tracked is Casus or not fks:
            continue
        kolom = m.event_model._meta.get_field(fks[0].name).column
        delen.append(f"SELECT DISTINCT %s, pgh_obj_id::text FROM {m.event_model._meta.db_table} WHERE {kolom} = %s")
        params += [ContentType.objects.get_for_model(tracked, for_concrete_model=False).pk, casus.pk]
    delen.append(
        f"SELECT DISTINCT %s, v.{Verslag._meta.pk.column}::text FROM {Verslag._meta.db_table} v "
        f"JOIN {Agendapunt._meta.db_table} a ON a.overleg_id = v.overleg_id WHERE a.casus_id = %s"
    )
    params += [ContentType.objects.get_for_model(Verslag, for_concrete_model=False).pk, casus.pk]
    objecten = {ContentType.objects.get_for_model(Casus, for_concrete_model=False).pk: {str(casus.pk)}}
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(delen), params)
        for ct, pk in cursor.fetchall():
            objecten.setdefault(ct, set()).add(pk)
    return objecten


def toegangslog_van_casus(casus):
    """Every access-log row about the case or an object of its file: views, lists, exports,
    refusals, and the verslag of an overleg where it was discussed. The objects are looked up
    first, so each kind is read through the index on (object_type, object_id)."""
    waar = Q()
    for ct, ids in objecten_van_casus(casus).items():
        waar |= Q(object_type_id=ct, object_id__in=sorted(ids))
    return _toegangslog().filter(waar)


def toegangslog():
    """All access-log rows, newest first (filtered per user and period by `LogboekFilter`)."""
    return _toegangslog()


# --- The change log ---------------------------------------------------------------------------


@dataclass
class Filter:
    """What the change log is narrowed to: a case, a user, a period (dates, inclusive)."""

    casus: int | None = None
    gebruiker: int | None = None
    van: datetime.date | None = None
    tot: datetime.date | None = None


@dataclass
class Wijziging:
    """One field of a change: before → after (`voor` is absent for a new row, `na` for a deleted one)."""

    veld: str
    voor: object = None
    na: object = None


@dataclass
class Gebeurtenis:
    """One change event, as the logboek shows it."""

    model: str  # the event model's label
    pgh_id: int
    pgh_created_at: datetime.datetime
    pgh_label: str
    pgh_obj_model: str
    pgh_obj_id: str | None
    context: dict
    wijzigingen: list[Wijziging] = field(default_factory=list)
    gebruiker: User | None = None
    gebeurtenis: str = ""
    object_label: str = ""


def _tabellen(filter_: Filter) -> list[tuple[type, str]]:
    """(event model, extra condition) of every event table the filter reads."""
    if filter_.casus is not None:
        return [(m.event_model, m.waar) for m in casus_modellen()]
    return [(m, "") for m in _event_models()]


def _begrenzing(filter_: Filter, model, extra: str) -> tuple[str, str, dict]:
    """The JOIN and WHERE of one event table's select, and its parameters."""
    voorwaarden, params = [], {}
    if extra:
        voorwaarden.append(extra)
        params["casus"] = filter_.casus
    join = ""
    if filter_.gebruiker is not None:
        join = "JOIN pghistory_context ctx ON ctx.id = e.pgh_context_id"
        voorwaarden.append("ctx.metadata->>'user' = %(gebruiker)s")
        params["gebruiker"] = str(filter_.gebruiker)
    tz = timezone.get_current_timezone()
    if filter_.van is not None:
        voorwaarden.append("e.pgh_created_at >= %(van)s")
        params["van"] = datetime.datetime.combine(filter_.van, datetime.time.min, tzinfo=tz)
    if filter_.tot is not None:
        voorwaarden.append("e.pgh_created_at < %(tot)s")
        params["tot"] = datetime.datetime.combine(filter_.tot + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz)
    waar = ("WHERE " + " AND ".join(voorwaarden)) if voorwaarden else ""
    return join, waar, params


def _sleutels(filter_: Filter, limit: int, offset: int = 0, na=None) -> list[tuple[str, int]]:
    """(event model label, pgh_id) of the events `offset`..`offset + limit`, newest first;
    `na` = (moment, label, pgh_id) continues after that event (for a streamed export)."""
    delen, params = [], {"limit": limit, "offset": offset, "binnen": limit + offset}
    if na is not None:
        params.update({"na_t": na[0], "na_m": na[1], "na_id": na[2]})
    for model, extra in _tabellen(filter_):
        join, waar, p = _begrenzing(filter_, model, extra)
        params.update(p)
        label = model._meta.label
        if na is not None:
            waar = (waar + " AND " if waar else "WHERE ") + (
                f"(e.pgh_created_at, '{label}', e.pgh_id) < (%(na_t)s, %(na_m)s, %(na_id)s)"
            )
        delen.append(
            f"(SELECT '{label}' AS model, e.pgh_id, e.pgh_created_at FROM {model._meta.db_table} e {join} "
            f"{waar} ORDER BY e.pgh_created_at DESC, e.pgh_id DESC LIMIT %(binnen)s)"
        )
    if not delen:
        return []
    sql = (
        "SELECT model, pgh_id, pgh_created_at FROM (" + " UNION ALL ".join(delen) + ") u "
        "ORDER BY pgh_created_at DESC, model DESC, pgh_id DESC LIMIT %(limit)s OFFSET %(offset)s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _tel(filter_: Filter, maximum: int) -> int:
    delen, params = [], {"max": maximum}
    for model, extra in _tabellen(filter_):
        join, waar, p = _begrenzing(filter_, model, extra)
        params.update(p)
        delen.append(f"(SELECT 1 FROM {model._meta.db_table} e {join} {waar} LIMIT %(max)s)")
    if not delen:
        return 0
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM (" + " UNION ALL ".join(delen) + ") u", params)
        return cursor.fetchone()[0]


def _json(waarde):
    """A jsonb column as Python (Django's psycopg setup hands jsonb over as text)."""
    return json.loads(waarde) if isinstance(waarde, str) else waarde


def _veldnaam(model, kolom: str) -> str:
    for f in model._meta.concrete_fields:
        if kolom in (f.attname, f.column, f.name):
            return str(f.verbose_name)
    return kolom


def _details(sleutels) -> list[Gebeurtenis]:
    """The full events of `sleutels` in their order: data, the previous event of the same object
    (for the old values) and the request context. One query for all of them."""
    if not sleutels:
        return []
    per_model: dict[str, list[int]] = {}
    for label, pgh_id, _ in sleutels:
        per_model.setdefault(label, []).append(pgh_id)
    delen, params = [], []
    for label, ids in per_model.items():
        model = apps.get_model(label)
        tabel = model._meta.db_table
        heeft_obj = any(f.name == "pgh_obj" for f in model._meta.fields)
        vorige = (
            f"(SELECT row_to_json(p)::jsonb FROM {tabel} p WHERE p.pgh_obj_id = e.pgh_obj_id "
            "AND p.pgh_id < e.pgh_id ORDER BY p.pgh_id DESC LIMIT 1)"
            if heeft_obj else "NULL::jsonb"
        )
        obj_id = "e.pgh_obj_id::text" if heeft_obj else "NULL::text"
        delen.append(
            f"SELECT %s, e.pgh_id, e.pgh_created_at, e.pgh_label, {obj_id}, ctx.metadata, "
            f"row_to_json(e)::jsonb, {vorige} FROM {tabel} e "
            "LEFT JOIN pghistory_context ctx ON ctx.id = e.pgh_context_id WHERE e.pgh_id = ANY(%s)"
        )
        params += [label, ids]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(delen), params)
        rijen = {(r[0], r[1]): r for r in cursor.fetchall()}
    gebeurtenissen = []
    for label, pgh_id, _ in sleutels:
        rij = rijen.get((label, pgh_id))
        if rij is None:
            continue
        _, _, moment, pgh_label, obj_id, context, data, vorige = (*rij[:5], *map(_json, rij[5:]))
        model = apps.get_model(label)
        tracked = model.pgh_tracked_model
        data = {k: v for k, v in (data or {}).items() if not k.startswith("pgh_")}
        vorige = {k: v for k, v in (vorige or {}).items() if not k.startswith("pgh_")} if vorige else None
        if pgh_label == "update" and vorige is not None:
            wijzigingen = [
                Wijziging(_veldnaam(tracked, k), vorige.get(k), v) for k, v in data.items() if vorige.get(k) != v
            ]
        elif pgh_label in ("delete", "rol.ingetrokken"):
            wijzigingen = [Wijziging(_veldnaam(tracked, k), v, None) for k, v in data.items()]
        else:
            wijzigingen = [Wijziging(_veldnaam(tracked, k), None, v) for k, v in data.items()]
        gebeurtenissen.append(Gebeurtenis(
            model=label, pgh_id=pgh_id, pgh_created_at=moment, pgh_label=pgh_label,
            pgh_obj_model=tracked._meta.label, pgh_obj_id=obj_id, context=context or {},
            wijzigingen=wijzigingen, gebeurtenis=str(EVENT_LABELS.get(pgh_label, pgh_label)),
        ))
    _met_gebruikers(gebeurtenissen)
    _met_objectnamen(gebeurtenissen)
    return gebeurtenissen


def gebruikers(ids) -> dict:
    """The users `ids` with their roles (groups), in two queries."""
    ids = {int(i) for i in ids if i is not None and str(i).isdigit()}
    if not ids:
        return {}
    return User.objects.prefetch_related("groups").in_bulk(ids)


def _met_gebruikers(gebeurtenissen) -> None:
    users = gebruikers(g.context.get("user") for g in gebeurtenissen)
    for g in gebeurtenissen:
        g.gebruiker = users.get(g.context.get("user"))


def _met_objectnamen(gebeurtenissen) -> None:
    from omo.queries import attach_object_labels

    attach_object_labels(gebeurtenissen)


class Gebeurtenissen:
    """The change events of a filter as a sequence a `Paginator` can page through: `count()` is
    capped at `MAX_TELLING`, a slice reads only that page's events."""

    def __init__(self, filter_: Filter):
        self.filter = filter_
        self.begrensd = False

    def count(self) -> int:
        n = _tel(self.filter, MAX_TELLING + 1)
        self.begrensd = n > MAX_TELLING
        return min(n, MAX_TELLING)

    def __len__(self):
        return self.count()

    def __getitem__(self, deel):
        if not isinstance(deel, slice):
            raise TypeError("Gebeurtenissen kent alleen een reeks (pagina)")
        start, stop = deel.start or 0, deel.stop
        return _details(_sleutels(self.filter, stop - start, start))

    def alle(self, stuk: int = 500):
        """Every event of the filter, newest first, read `stuk` at a time (for the export)."""
        na = None
        while True:
            sleutels = _sleutels(self.filter, stuk, na=na)
            if not sleutels:
                return
            yield from _details(sleutels)
            label, pgh_id, moment = sleutels[-1]
            na = (moment, label, pgh_id)


def rollen_van(user) -> str:
    """The role names of a user (their groups are prefetched), comma separated."""
    from omo.roles import ROLLEN

    if user is None:
        return ""
    return ", ".join(str(ROLLEN[g.name].naam) for g in user.groups.all() if g.name in ROLLEN)
