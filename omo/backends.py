"""Authentication backends."""

import rules
from django.contrib.auth.backends import ModelBackend


class RoleModelBackend(ModelBackend):
    """The model backend, minus the permissions that are rules (`omo.roles`, `<app>.rules`).

    Rules are answered by `rules.permissions.ObjectPermissionBackend` from the user's cached roles.
    Asking the model backend as well would cost two queries per request whenever a rule says no,
    for permissions no group can hold anyway.
    """

    def has_perm(self, user_obj, perm, obj=None):
        if rules.perm_exists(perm):
            return False
        return super().has_perm(user_obj, perm, obj)
