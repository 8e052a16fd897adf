"""The Celery app for the killed-worker test of the deadline scan: the project's app, with the
test's own queue as the default queue, so the e-mail tasks that the scan queues after commit
go to the same worker (and to no other worker on the broker)."""

import os

from omo.celery import app

app.conf.task_default_queue = os.environ["OMO_TEST_QUEUE"]
