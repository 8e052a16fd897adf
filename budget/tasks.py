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


@shared_task
def eenmalige_sleutels_opruimen() -> int:
    """Forget one-time tokens older than a week: a form that old is not retried any more."""
    from datetime import timedelta

    from django.utils import timezone

    from budget.models import Eenmalig

    return Eenmalig.objects.filter(gebruikt_op__lt=timezone.now() - timedelta(days=7)).delete()[0]
