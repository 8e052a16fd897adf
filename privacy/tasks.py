"""Retention work in the background. Thin: each task calls one service; every service is
idempotent (safe to run twice or at the same time)."""

from celery import shared_task


@shared_task
def vernietigingslijst_opstellen() -> int:
    """Monthly, on the 1st at 02:30: this month's vernietigingslijst (once), and another run for
    adopted lists whose destruction did not finish. Returns the list's id."""
    from privacy.services import lijst as lijst_services

    lijst = lijst_services.stel_lijst_op()
    for lijst_id in lijst_services.onvoltooide_lijsten():
        vernietigingslijst_uitvoeren.delay(lijst_id)
    return lijst.pk


@shared_task(bind=True, max_retries=5)
def vernietigingslijst_uitvoeren(self, lijst_id: int) -> dict:
    """Destroy the approved items of an adopted list; items that failed are tried again later
    (retries here, and the monthly run)."""
    from privacy.services import lijst as lijst_services

    uitkomst = lijst_services.voer_uit(lijst_id)
    if uitkomst["mislukt"]:
        raise self.retry(countdown=15 * 60)
    return uitkomst
