"""Access logging of sensitive pages.

Changes are recorded by database triggers (django-pghistory); reads are not visible to the
database, so every view of a case or dossier calls `log_access(request, obj)`.
"""

from django.contrib.contenttypes.models import ContentType

from omo.middleware import client_ip
from omo.models import Toegangslog


def log_access(request, obj) -> Toegangslog:
    """Record that `request.user` viewed `obj` (one row per view; rows cannot be changed)."""
    user = request.user if request.user.is_authenticated else None
    return Toegangslog.objects.create(
        gebruiker=user,
        object_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_omschrijving=str(obj)[:300],
        pad=request.get_full_path()[:500],
        methode=request.method[:10],
        ip_adres=client_ip(request),
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:300],
    )


def log_access_many(request, objs) -> int:
    """`log_access` for every object of a page that shows several (an agenda, a dossier list):
    one INSERT for all rows, so the page costs the same number of queries for 1 or 50 objects."""
    objs = list(objs)
    if not objs:
        return 0
    user = request.user if request.user.is_authenticated else None
    common = {
        "gebruiker": user,
        "pad": request.get_full_path()[:500],
        "methode": request.method[:10],
        "ip_adres": client_ip(request),
        "user_agent": request.META.get("HTTP_USER_AGENT", "")[:300],
    }
    rows = [
        Toegangslog(
            object_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
            object_id=str(obj.pk),
            object_omschrijving=str(obj)[:300],
            **common,
        )
        for obj in objs
    ]
    Toegangslog.objects.bulk_create(rows)
    return len(rows)
