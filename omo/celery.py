"""The Celery app: Redis broker from REDIS_URL, beat schedule in code (Europe/Amsterdam).

Tasks are thin: they call services. Queue them with `task.delay_on_commit(...)` so a task never
runs before the transaction that asked for it has committed.
"""

import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "omo.settings")

app = Celery("omo")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# The beat schedule lives here, in code, so every environment runs the same jobs.
# Times are Europe/Amsterdam (CELERY_TIMEZONE). Later issues add their jobs.
app.conf.beat_schedule = {
    "sessies-opruimen": {
        "task": "omo.tasks.sessies_opruimen",
        "schedule": crontab(hour=3, minute=15),
    },
    "notificatiemails-nasturen": {
        "task": "omo.tasks.notificatiemails_nasturen",
        "schedule": crontab(minute="*/10"),
    },
    "berichten-nasturen": {
        "task": "omo.tasks.berichten_nasturen",
        "schedule": crontab(minute="*"),
    },
    "overleggen-plannen": {
        "task": "escalatie.tasks.overleggen_plannen",
        "schedule": crontab(hour=5, minute=30),
    },
    "verzoeken-bewaken": {
        "task": "escalatie.tasks.verzoeken_bewaken",
        "schedule": crontab(minute="*/5"),
    },
    "eenmalige-sleutels-opruimen": {
        "task": "omo.tasks.eenmalige_sleutels_opruimen",
        "schedule": crontab(hour=3, minute=45),
    },
    "fondsjaren-afsluiten": {
        "task": "budget.tasks.jaren_afsluiten",
        "schedule": crontab(hour=0, minute=30),
    },
    "escalaties-bewaken": {
        "task": "escalatie.tasks.escalaties_bewaken",
        "schedule": crontab(minute=7, hour="7-18"),
    },
    "evaluaties-melden": {
        "task": "casussen.tasks.evaluaties_melden",
        "schedule": crontab(hour=7, minute=0),
    },
    "kwartaalrapportage-maken": {
        "task": "rapportage.tasks.kwartaalrapportage_maken",
        "schedule": crontab(hour=6, minute=0),
    },
    "maandcijfers-bijwerken": {
        "task": "rapportage.tasks.maandcijfers_bijwerken",
        "schedule": crontab(minute="*/5"),
    },
    "maandcijfers-opbouwen": {
        "task": "rapportage.tasks.maandcijfers_opbouwen",
        "schedule": crontab(hour=2, minute=45),
    },
    "vernietigingslijst-opstellen": {
        "task": "privacy.tasks.vernietigingslijst_opstellen",
        "schedule": crontab(day_of_month=1, hour=2, minute=30),
    },
}


# --- Audit context for tasks ----------------------------------------------------------------
# Changes made by a task are recorded with the task's name and id, as a request records its
# user and url (see omo.history).
from celery.signals import task_postrun, task_prerun  # noqa: E402

_task_contexts = {}


@task_prerun.connect
def _enter_audit_context(task_id=None, task=None, **kwargs):
    import pghistory

    context = pghistory.context(taak=task.name, taak_id=task_id)
    context.__enter__()
    _task_contexts[task_id] = context


@task_postrun.connect
def _exit_audit_context(task_id=None, **kwargs):
    context = _task_contexts.pop(task_id, None)
    if context is not None:
        context.__exit__(None, None, None)
