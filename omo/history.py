"""Audit of changes: every domain model is decorated with `@tracked()`.

Database triggers (django-pghistory) write an append-only event row for every insert, update
and delete, also for bulk operations and raw SQL. The request context (user, url, method, ip,
request id) is attached by `omo.middleware.AuditContextMiddleware`. Use `pghistory.context(...)`
around work outside a request (tasks, commands) to say what made the change.
"""

import pghistory


def tracked(**kwargs):
    """Track inserts, updates (with before/after) and deletes of a model."""
    return pghistory.track(
        pghistory.InsertEvent(), pghistory.UpdateEvent(), pghistory.DeleteEvent(), **kwargs
    )
