"""Authentication backends."""

import rules
from django.contrib.auth.backends import ModelBackend


class GeenEigenRechten:
    """For an authentication backend: it grants no permission of its own (the rules do)."""

    def has_perm(self, user_obj, perm, obj=None):
        return False

    def has_module_perms(self, user_obj, app_label):
        return False

    def get_all_permissions(self, user_obj, obj=None):
        return set()

    def get_user_permissions(self, user_obj, obj=None):
        return set()

    def get_group_permissions(self, user_obj, obj=None):
        return set()


class RoleModelBackend(GeenEigenRechten, ModelBackend):
    """Django's username/password authentication, and no permissions of its own.

    Every permission of OMO is a rule (`omo.rules`, `<app>.rules`), answered by
    `rules.permissions.ObjectPermissionBackend` from the user's cached roles. A group's or a
    user's model permissions grant nothing: roles are the only way to grant access, and a
    rule that says no costs no permission queries.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        """The password, and then the rule `omo.lokaal_inloggen`: with single sign-on on, only a
        break-glass account logs in with a password. A refusal is a failed login (axes counts
        it like a wrong password); the login form tells the user to use the provider."""
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is not None and not rules.has_perm("omo.lokaal_inloggen", user):
            if request is not None:
                from omo.sso.forms import ALLEEN_SSO

                setattr(request, ALLEEN_SSO, True)
            return None
        return user

    def has_module_perms(self, user_obj, app_label):
        # The admin lists an app only for a user with module permissions: whoever may use the
        # admin at all (`omo.beheer`); each model's own rules then decide what is shown.
        return rules.has_perm("omo.beheer", user_obj)
