"""Scheduled work of the budget app. Thin: each task calls one idempotent service."""

import pghistory
from celery import shared_task

from budget.services import grootboek


@shared_task
def jaren_afsluiten() -> int:
    """Close last year for every fund (lapse or carry over, as the fund's rules say). Runs every
    night; a fund and year is closed once (unique row), so a missed or repeated run is harmless."""
    with pghistory.context(taak="budget.jaren_afsluiten"):
        return grootboek.sluit_vorig_jaar_af()
