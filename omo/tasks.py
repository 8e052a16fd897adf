"""Celery tasks of the shared core: thin wrappers around services."""

from celery import shared_task
from django.core.management import call_command

from omo import services


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def verstuur_notificatiemail(self, notificatie_id: int) -> bool:
    return services.send_notificatie_mail(notificatie_id)


@shared_task
def notificatiemails_nasturen() -> int:
    return services.send_pending_mails()


@shared_task
def sessies_opruimen() -> None:
    call_command("clearsessions")


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def verstuur_bericht(self, sleutel: str) -> bool:
    from omo import berichten

    return berichten.verstuur(sleutel)


@shared_task
def berichten_nasturen() -> int:
    from omo import berichten

    return berichten.verstuur_wachtende()


@shared_task
def eenmalige_sleutels_opruimen() -> int:
    """Forget one-time tokens older than a week: a form that old is not retried any more."""
    from omo import eenmalig

    return eenmalig.opruimen()
