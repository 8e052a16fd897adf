"""Asking the rules: the one way services and views decide "may this user".

Services call `vereis(user, "app.regel", obj)`, which raises the project's refusal
(`omo.weigering.Weigering`, a Dutch message; nothing changes). Views call `vereis_pagina`
(403) or load their object with `laad` (404 for an object the user may not see, so a foreign
object does not reveal that it exists). Templates ask the same rules with `{% has_perm %}`;
list querysets use the rule's twin (`omo.rules.tweeling`).

Refused attempts are written to the access log: who tried which object, when, from where.
"""

import rules
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from omo.audit import log_access, log_geweigerd
from omo.weigering import Weigering


def mag(user, perm: str, obj=None) -> bool:
    """Whether the rule `perm` allows `user` (on `obj`). Answered from the cached roles."""
    return rules.has_perm(perm, user, obj)


def vergeet(user) -> None:
    """Drop what the rules cached on `user` for the request (roles, funds held, cases shared,
    contact links: the attributes starting with `_omo_`), so the next question reads it anew."""
    for naam in [n for n in list(vars(user)) if n.startswith("_omo_")]:
        vars(user).pop(naam, None)


def vereis(user, perm: str, obj=None, melding=None, veld=None) -> None:
    """For services: refuse with `melding` (or a general Dutch message) when `perm` says no.

    A service decides on the facts of now, not on what was cached on a user object that may
    have lived longer than a request (a task, a shell, a test): the caches are read anew."""
    vergeet(user)
    if not mag(user, perm, obj):
        raise Weigering(melding or _("Dit mag je niet doen. Er is niets veranderd."), veld)


def vereis_pagina(request, perm: str, obj=None) -> None:
    """For views: 403 when `perm` says no (a page the user's roles do not include)."""
    if not mag(request.user, perm, obj):
        raise PermissionDenied


def laad(request, queryset, pk, perm: str, *, rol: str | None = None, log: bool = True):
    """The object `pk` of `queryset` when the rule `perm` lets `request.user` see it.

    - 403 when `rol` (a rule without object: may the user use these pages at all) says no;
    - 404 when there is no such object or `perm` says no, whether or not it exists;
    - with `log`, the view is written to the access log.
    Both refusals are written to the access log as well.
    """
    model = queryset.model
    if rol is not None and not mag(request.user, rol):
        log_geweigerd(request, model, pk)
        raise PermissionDenied
    obj = queryset.filter(pk=pk).first()
    if obj is None or not mag(request.user, perm, obj):
        log_geweigerd(request, model, pk)
        raise Http404
    if log:
        log_access(request, obj)
    return obj


def toegestaan(user, perm: str, ids) -> set:
    """Of the objects `ids`, those the list rule `perm` lets `user` open: one query through the
    rule's twin (`omo.rules.tweeling`), for a list page that links each row only where the
    viewer may follow the link."""
    from django.apps import apps

    from omo.rules import TWEELINGEN

    ids = {pk for pk in ids if pk is not None}
    if not ids:
        return set()
    twin = TWEELINGEN[perm]
    model = apps.get_model(twin.model)
    return set(model.objects.filter(twin.q(user), pk__in=ids).values_list("pk", flat=True))


def wie_mag(perm: str, obj=None) -> list:
    """The active users for whom the rule `perm` holds (on `obj`), each once, in a stable
    order: who is told. Every user with a role is asked; their roles are read in one query."""
    from omo.models import User
    from omo.roles import ROLLEN

    kandidaten = (
        User.objects.filter(is_active=True, groups__name__in=list(ROLLEN))
        .distinct()
        .order_by("pk")
        .prefetch_related("groups")
    )
    return [user for user in kandidaten if mag(user, perm, obj)]
