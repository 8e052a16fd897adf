"""Access logging of sensitive objects.

Changes are recorded by database triggers (django-pghistory); reads are not visible to the
database, so every page, list, search result, export and external link that shows a case or
dossier writes the objects it showed here, and so does a refused attempt to open one.

A row names the object by its kind and id and a neutral label (a case's code, never its title
or any other free text): the access log is read by the beheerder, who sees no case content.
"""

from itertools import islice

from django.contrib.contenttypes.models import ContentType

from omo.middleware import client_ip
from omo.models import Toegangslog

Soort = Toegangslog.Soort


def label(obj) -> str:
    """What the log calls `obj`: the field its model names in `LOGBOEK_LABEL_VELD` (a case: its
    code), else kind and id. A field the page's query did not load is not fetched for it."""
    veld = getattr(type(obj), "LOGBOEK_LABEL_VELD", None)
    if veld and veld not in obj.get_deferred_fields():
        return str(getattr(obj, veld))[:300]
    return f"{obj._meta.verbose_name} {obj.pk}"[:300]


def _common(request, soort) -> dict:
    user = request.user if request.user.is_authenticated else None
    return {
        "gebruiker": user,
        "pad": request.get_full_path()[:500],
        "methode": request.method[:10],
        "ip_adres": client_ip(request),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
        "soort": soort,
    }


def log_access(request, obj, soort=Soort.BEKEKEN) -> Toegangslog:
    """Record that `request.user` viewed `obj` (one row per view; rows cannot be changed)."""
    return Toegangslog.objects.create(
        object_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_omschrijving=label(obj),
        **_common(request, soort),
    )


def log_access_many(request, objs, soort=Soort.BEKEKEN) -> int:
    """`log_access` for every object of a page that shows several (an agenda, a list, a page of
    search results, a chunk of an export): one INSERT for all rows, so the page costs the same
    number of queries for 1 or 50 objects."""
    objs = list(objs)
    if not objs:
        return 0
    common = _common(request, soort)
    rows = [
        Toegangslog(
            object_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_omschrijving=label(obj),
            **common,
        )
        for obj in objs
    ]
    Toegangslog.objects.bulk_create(rows)
    return len(rows)


def log_geweigerd(request, model, pk) -> Toegangslog:
    """A refused attempt to open object `pk` of `model` (403 or 404): who tried, when, where
    from. Whether the object exists is not written down (the label is the kind and the id)."""
    return Toegangslog.objects.create(
        object_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
        object_id=str(pk)[:64],
        object_omschrijving=f"{model._meta.verbose_name} {pk}"[:300],
        **_common(request, Soort.GEWEIGERD),
    )


def gelogd_per_stuk(request, objs, soort=Soort.EXPORT, stuk=2000, wat=None):
    """Yield the objects of a streamed export, logging each chunk of `stuk` just before it goes
    out: the log holds every row that was sent (and at most one chunk more when the download
    is broken off). `wat(chunk)` names the objects to log when they are not the rows themselves
    (a posting's case, each once)."""
    iterator = iter(objs)
    while True:
        buffer = list(islice(iterator, stuk))
        if not buffer:
            return
        log_access_many(request, wat(buffer) if wat else buffer, soort)
        yield from buffer
