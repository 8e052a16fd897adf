"""Celery tasks of the shared core: thin wrappers around services."""

from datetime import timedelta

from celery import shared_task
from django.core.management import call_command
from django.utils import timezone

from omo import services
from omo.models import Notificatie


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def verstuur_notificatiemail(self, notificatie_id: int) -> bool:
    return services.send_notificatie_mail(notificatie_id)


@shared_task
def notificatiemails_nasturen() -> int:
    """Send mails that were not sent (e.g. the broker was down when they were queued)."""
    ids = list(
        Notificatie.objects.filter(
            gemaild_op__isnull=True,
            gebruiker__email__gt="",
            aangemaakt_op__lt=timezone.now() - timedelta(minutes=5),
            aangemaakt_op__gt=timezone.now() - timedelta(days=2),
        ).values_list("pk", flat=True)[:500]
    )
    return sum(services.send_notificatie_mail(pk) for pk in ids)


@shared_task
def sessies_opruimen() -> None:
    call_command("clearsessions")


@shared_task
def ping() -> str:
    """Used by the health check and the integration test: proves a worker takes tasks."""
    return "pong"
