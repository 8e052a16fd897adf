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
}
