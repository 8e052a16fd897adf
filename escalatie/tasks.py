"""Scheduled work of the overleg, the escalation ladder and the verzoeken. Thin: each task
calls one service, and every service is idempotent (safe to run twice or at the same time)."""

from celery import shared_task


@shared_task
def overleggen_plannen() -> int:
    """Create the meetings of the next 4 weeks (unique per series and planned date)."""
    from escalatie.services import overleg

    return overleg.plan_overleggen()


@shared_task(bind=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def maak_verslag(self, overleg_id: int) -> int:
    """Render the verslag of a closed meeting to PDF, store it and place its e-mail (once)."""
    from escalatie.services import bespreking

    return bespreking.maak_verslag(overleg_id)


@shared_task
def escalaties_bewaken() -> int:
    """Reminders before an escalation's due date and a notice when it passes, each once."""
    from escalatie.services import escalatie

    return escalatie.bewaak_termijnen()


@shared_task
def verzoeken_bewaken() -> int:
    """Reminder on the deadline day and escalation when the deadline passed, each once."""
    from escalatie.services import verzoek

    return verzoek.bewaak_termijnen()
