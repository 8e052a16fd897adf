"""Celery tasks of the cases: thin wrappers around services."""

from celery import shared_task

from casussen.services import plan


@shared_task
def evaluaties_melden() -> int:
    return plan.meld_evaluaties()
