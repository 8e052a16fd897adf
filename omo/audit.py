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
