"""Login lockout with its own failure limit per lockout parameter set (django-axes handler).

django-axes counts failures per parameter set in AXES_LOCKOUT_PARAMETERS, but compares all of
them with one AXES_FAILURE_LIMIT. OMO needs different limits: a username on one address is locked
after a few failures, while an address shared by a whole office (NAT) may see more failures
before every colleague behind it is locked out. `OMO_INLOG_LIMIETEN` in the settings gives the
limit per parameter set; this handler applies it on top of axes' database handler.
"""

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit, get_lockout_parameters
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _sleutel(parameter) -> tuple[str, ...]:
    """A lockout parameter ("ip_address" or ["username", "ip_address"]) as a sorted tuple."""
    return (parameter,) if isinstance(parameter, str) else tuple(sorted(parameter))


def limiet_voor(parameter, standaard: int) -> int:
    """The failure limit of one lockout parameter set; `standaard` when it has none of its own."""
    limieten = {_sleutel(k): v for k, v in getattr(settings, "OMO_INLOG_LIMIETEN", {}).items()}
    return limieten.get(_sleutel(parameter), standaard)


class InlogHandler(AxesDatabaseHandler):
    """The database handler, with a failure limit per lockout parameter set.

    Axes locks when `get_failures() >= AXES_FAILURE_LIMIT`, both before a login (`is_locked`)
    and after a failure (`user_login_failed`). Here `get_failures` answers on that scale:
    AXES_FAILURE_LIMIT minus the failures still left before the nearest of the limits. A set
    whose limit is AXES_FAILURE_LIMIT reports its own failure count; any set at its own limit
    makes the answer reach AXES_FAILURE_LIMIT, and so locks.
    """

    def get_failures(self, request, credentials: dict | None = None) -> int:
        standaard = get_failure_limit(request, credentials)
        parameters = get_lockout_parameters(request, credentials)
        # get_user_attempts returns one queryset per parameter set, in the same order.
        pogingen = self.get_user_attempts(request, credentials)
        over = min(
            limiet_voor(parameter, standaard) - self._aantal(attempts)
            for parameter, attempts in zip(parameters, pogingen, strict=True)
        )
        return max(standaard - over, 0)

    @staticmethod
    def _aantal(attempts) -> int:
        return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0

    def reset_user_attempts(self, request, credentials: dict | None = None) -> int:
        """After a successful login, forget only this username's failures from this address.

        Not while the session still owes its second factor (`omo.views_inloggen`), which
        calls this again once the code is right.

        Axes would delete every set: all failures from the address and all failures for the
        username. A login proves nothing about those: whoever owns one account could otherwise
        clear the address's count between rounds of guessing other usernames, and the real
        user's login would hand a distributed guess at their password a fresh count.
        """
        if request is not None and _tweede_stap_open(request):
            # The password was right, the second factor is still to come: a right password
            # must not clear the wrong codes (password, four wrong codes, password again, ...
            # would never lock). The code step resets once the code is right.
            return 0
        username = get_client_username(request, credentials)
        count, _ = AccessAttempt.objects.filter(
            username=username, ip_address=request.axes_ip_address
        ).delete()
        return count


def _tweede_stap_open(request) -> bool:
    from omo.middleware import TWEEDE_STAP_KEY

    session = getattr(request, "session", None)
    return bool(session is not None and session.get(TWEEDE_STAP_KEY))
