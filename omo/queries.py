"""Read queries of the shared core (pages and the navigation)."""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from pghistory.models import Events

from omo.models import Notificatie, Rolwijziging, Toegangslog
from omo.rules import eigen_notificaties


def _ongelezen(user):
    return Notificatie.objects.filter(
        eigen_notificaties(user), gelezen_op__isnull=True, afgehandeld_op__isnull=True
    )


def unread_count(user) -> int:
    """Unread notifications that are still open (a finished one no longer counts)."""
    return _ongelezen(user).count()


def unread_count_en_geopend(user, path: str) -> tuple[int, int]:
    """In one query: the number of unread open notifications, and how many of them link to
    `path` (the page being opened, which marks them read)."""
    totalen = _ongelezen(user).aggregate(n=Count("pk"), hier=Count("pk", filter=Q(link=path)))
    return totalen["n"], totalen["hier"]


def toonbare_links(user, notificaties) -> None:
    """Ask the rules again, now, for the link of each notification and set `toon_link`: a link
    its user may no longer open is not shown. One query per rule with a queryset twin among the
    notifications (the rules without an object are answered from the cached roles)."""
    from omo.rules import TWEELINGEN
    from omo.toegang import mag, toegestaan

    notificaties = list(notificaties)
    per_regel = {}
    for n in notificaties:
        if n.link and n.regel and n.object_id is not None and n.regel in TWEELINGEN:
            per_regel.setdefault(n.regel, set()).add(n.object_id)
    open_per_regel = {regel: toegestaan(user, regel, ids) for regel, ids in per_regel.items()}
    for n in notificaties:
        if not n.link:
            n.toon_link = False
        elif not n.regel:
            n.toon_link = True  # from before the rule was stored: checked when it was sent
        elif n.object_id is None:
            n.toon_link = mag(user, n.regel)
        elif n.regel in open_per_regel:
            n.toon_link = n.object_id in open_per_regel[n.regel]
        else:
            n.toon_link = True  # a rule without a twin: checked when it was sent


def notificaties_for(user):
    return Notificatie.objects.filter(eigen_notificaties(user)).order_by("-aangemaakt_op", "-id")


def audit_events():
    """All change events of all tracked models, newest first."""
    return Events.objects.order_by("-pgh_created_at", "-pgh_id")


def toegangslog():
    return Toegangslog.objects.select_related("gebruiker", "object_type").order_by(
        "-tijdstip", "-id"
    )


def users_by_id(ids) -> dict:
    ids = {int(i) for i in ids if i is not None and str(i).isdigit()}
    if not ids:
        return {}
    return get_user_model().objects.in_bulk(ids)


EVENT_LABELS = {
    "insert": _("aangemaakt"),
    "update": _("gewijzigd"),
    "delete": _("verwijderd"),
    "rol.toegekend": _("rol toegekend"),
    "rol.ingetrokken": _("rol ingetrokken"),
}


def waarden_zichtbaar(model_label: str) -> bool:
    """Whether the audit log shows the values of a model's changes: only for configuration
    (funds, sluitingsdagen, users, roles, reference data), never for case content, whose
    changes show which fields changed, by whom and when (DESIGN §10: the beheerder sees no case
    content). A model says so with `AUDIT_WAARDEN_ZICHTBAAR = True`."""
    from django.apps import apps

    try:
        model = apps.get_model(model_label)
    except (LookupError, ValueError):
        return False
    return bool(getattr(model, "AUDIT_WAARDEN_ZICHTBAAR", False))


def attach_user_names(events) -> None:
    """Set `gebruiker_naam`, a Dutch `gebeurtenis` and what may be shown of the change on each
    change event, with one query: `waarden` (field → (before, after) or value) for
    configuration, only `velden` (the names of the fields that changed) for case content."""
    events = list(events)
    users = users_by_id((e.pgh_context or {}).get("user") for e in events)
    zichtbaar = {}
    for event in events:
        user = users.get((event.pgh_context or {}).get("user"))
        event.gebruiker_naam = user.username if user else ""
        event.gebeurtenis = EVENT_LABELS.get(event.pgh_label, event.pgh_label)
        label = event.pgh_obj_model
        if label not in zichtbaar:
            zichtbaar[label] = waarden_zichtbaar(label)
        event.toon_waarden = zichtbaar[label]
        event.velden = sorted((event.pgh_diff or event.pgh_data or {}).keys())
        if not event.toon_waarden:
            # Never hand the values to the template of a case-content event.
            event.pgh_diff = event.pgh_data = None


def tracked_model_choices() -> list[tuple[str, str]]:
    """(label, name) of every model whose changes are audited, for the audit filter."""
    from django.apps import apps
    from pghistory.models import Event

    choices = set()
    for model in apps.get_models():
        if issubclass(model, Event) and getattr(model, "pgh_tracked_model", None):
            tracked = model.pgh_tracked_model
            choices.add((tracked._meta.label, str(tracked._meta.verbose_name).capitalize()))
    return sorted(choices, key=lambda c: c[1])


OMO_APPS = ("omo", "casussen", "escalatie", "budget", "rapportage")


def content_type_choices() -> list[tuple[int, str]]:
    """The object types of OMO's own apps, for the access-log filter: the models themselves,
    not their change-event tables ("User event")."""
    return [(ct.pk, naam) for ct, naam in _eigen_objecttypen()]


def _eigen_objecttypen():
    from pghistory.models import Event

    choices = []
    for ct in ContentType.objects.filter(app_label__in=OMO_APPS):
        model = ct.model_class()
        if model is not None and not model._meta.auto_created and not issubclass(model, Event):
            choices.append((ct, str(model._meta.verbose_name).capitalize()))
    return sorted(choices, key=lambda c: c[1])


def _soortnaam(model) -> str:
    return str(model._meta.verbose_name).capitalize()


def attach_object_labels(events) -> None:
    """Set `object_label` on each change event: "Casus OMO-2026-0008", the kind and the neutral
    label the access log uses (`omo.audit.label`), never free text. One query per kind of
    object on the page; an object deleted since is named by kind and id."""
    from django.apps import apps

    ids_per_model: dict[str, set] = {}
    for event in events:
        if event.pgh_obj_id is not None:
            ids_per_model.setdefault(event.pgh_obj_model, set()).add(str(event.pgh_obj_id))
    labels = {}
    for model_label, ids in ids_per_model.items():
        try:
            model = apps.get_model(model_label)
        except (LookupError, ValueError):
            continue
        veld = getattr(model, "LOGBOEK_LABEL_VELD", None)
        if veld:
            for pk, waarde in model._default_manager.filter(pk__in=ids).values_list("pk", veld):
                labels[(model_label, str(pk))] = f"{_soortnaam(model)} {waarde}"
        for pk in ids:
            labels.setdefault((model_label, pk), f"{_soortnaam(model)} {pk}")
    for event in events:
        key = (event.pgh_obj_model, str(event.pgh_obj_id))
        event.object_label = labels.get(key) or f"{event.pgh_obj_model} {event.pgh_obj_id or ''}".strip()


def toegang_object_label(regel) -> str:
    """How an access-log row names its object: "Casus OMO-2026-0008", or kind and id."""
    model = regel.object_type.model_class() if regel.object_type_id else None
    soort = _soortnaam(model) if model is not None else ""
    omschrijving = regel.object_omschrijving or ""
    if model is None:
        return f"{omschrijving or regel.object_id}"
    if not omschrijving or omschrijving == f"{model._meta.verbose_name} {regel.object_id}":
        return f"{soort} {regel.object_id}"
    return f"{soort} {omschrijving}"


def open_rolwijzigingen():
    """Role changes awaiting a second beheerder, oldest first (the list page and the werkvoorraad)."""
    return (
        Rolwijziging.objects.select_related("gebruiker", "voorgesteld_door", "beoordeeld_door")
        .filter(status=Rolwijziging.Status.VOORGESTELD)
        .order_by("voorgesteld_op", "pk")
    )


def mislukte_berichten(now=None):
    """Mails not sent: with an error, or waiting longer than a quarter of an hour (the worker
    is not running). Oldest first."""
    from datetime import timedelta

    from django.utils import timezone

    from omo.models import Bericht

    now = now or timezone.now()
    return Bericht.objects.filter(verzonden_op__isnull=True).filter(
        Q(laatste_fout__gt="") | Q(aangemaakt_op__lt=now - timedelta(minutes=15))
    ).order_by("aangemaakt_op", "pk")
