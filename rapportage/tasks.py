"""Scheduled and background work of the reports. Thin: each task calls one service, and every
service is idempotent (safe to run twice or at the same time)."""

from celery import shared_task


@shared_task
def kwartaalrapportage_maken():
    """Daily at 06:00: from the first werkdag of a quarter on, the concept of the previous
    quarter (once). Returns the new report's id, or None when there was nothing to do."""
    from rapportage.services import rapporten

    rapport = rapporten.kwartaalconcept_als_het_tijd_is()
    return rapport.pk if rapport else None


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def rapport_renderen(self, rapport_id: int) -> list[int]:
    """Render the PDFs of a definitief report, store them and notify College and beleid (once)."""
    from rapportage.services import rapporten

    return rapporten.render_pdfs(rapport_id)


@shared_task
def maandcijfers_bijwerken():
    """Every five minutes: recompute the months whose figures were changed."""
    from rapportage.services import maandcijfers

    return maandcijfers.bijwerken()


@shared_task
def maandcijfers_opbouwen():
    """Nightly: recompute every month (also what no trigger sees, such as a renamed code)."""
    from rapportage.services import maandcijfers

    return maandcijfers.opbouwen()
