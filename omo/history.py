"""Audit of changes: every domain model is decorated with `@tracked()`.

Database triggers (django-pghistory) write an append-only event row for every insert, update
and delete, also for bulk operations and raw SQL. The request context (user, url, method, ip,
request id) is attached by `omo.middleware.AuditContextMiddleware`. Use `pghistory.context(...)`
around work outside a request (tasks, commands) to say what made the change.
"""

import pghistory
from django.db import models


def tijdindex() -> dict:
    """The event table's Meta: an index on the time of the event, so the change log can be
    read per period (the privacy officer's logboek) without reading every event table whole.
    A new Index per table: Django names it after the model."""
    return {"indexes": [models.Index(fields=["pgh_created_at"])]}


def tracked(**kwargs):
    """Track inserts, updates (with before/after) and deletes of a model."""
    kwargs.setdefault("meta", tijdindex())
    return pghistory.track(
        pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **kwargs
    )
