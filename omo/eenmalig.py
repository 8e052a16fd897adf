"""One-time tokens: a form that acts (books money, creates a case, a scenario, a request …) acts
once, however often it is sent.

Every such form carries a fresh token (`{% eenmalig %}` from the `eenmalig` tag library). The
view claims it in the same database transaction as the action (`eenmaal` or `claim`): an
INSERT … ON CONFLICT DO NOTHING. A second POST with the same token (a double click, a resubmit,
the back button) waits for the first to finish; if that one committed, the second does nothing
and is told so — and, when the first one remembered where its result lives (`Sleutel.onthoud`),
is sent there. If the first failed (a refusal, an invalid form), its transaction rolled the
claim back: the token is free again and the corrected form can be sent.

    with eenmalig.eenmaal(request, "casus aanmelden") as sleutel:
        casus = services.aanmelden(...)
        sleutel.onthoud(reverse("casus_detail", args=[casus.pk]))

Tokens older than a week are forgotten by a nightly task (`omo.tasks.eenmalige_sleutels_opruimen`).
"""

import secrets
from contextlib import contextmanager

from django.db import connection, transaction
from django.utils.translation import gettext as _

from omo.weigering import Weigering

VELD = "eenmalig"


class AlVerwerkt(Exception):
    """This form was already processed; `url` is where its result lives (may be empty)."""

    def __init__(self, url: str = ""):
        super().__init__(url)
        self.url = url


def nieuw_token() -> str:
    return secrets.token_urlsafe(24)


def _token(request) -> str:
    token = request.POST.get(VELD, "")
    if not token or len(token) > 64:
        raise Weigering(_("Dit formulier mist zijn eenmalige sleutel; laad de pagina opnieuw en probeer het nog eens."))
    return token


def claim(request, doel: str = "") -> str:
    """Claim the posted token for this user, inside the caller's transaction. Raises `AlVerwerkt`
    (with the remembered url) when it was used before, `Weigering` when the form has none."""
    token = _token(request)
    with connection.cursor() as cur:
        cur.execute(
            """INSERT INTO omo_eenmalig (token, gebruiker_id, gebruikt_op, doel, url) VALUES (%s, %s, now(), %s, '')
               ON CONFLICT (token) DO NOTHING RETURNING token""",
            [token, request.user.pk, doel[:300]],
        )
        if cur.fetchone() is None:
            cur.execute("SELECT url FROM omo_eenmalig WHERE token = %s AND gebruiker_id = %s", [token, request.user.pk])
            rij = cur.fetchone()
            raise AlVerwerkt(rij[0] if rij else "")
    return token


class Sleutel:
    """The claimed token of one POST; `onthoud(url)` records where the result lives, so a repeat
    of the same form is sent there."""

    def __init__(self, token: str):
        self.token = token

    def onthoud(self, url: str) -> None:
        from omo.models import Eenmalig

        Eenmalig.objects.filter(token=self.token).update(url=str(url)[:500])


@contextmanager
def eenmaal(request, doel: str = ""):
    """One transaction around the claim and the action: a refusal inside rolls both back."""
    with transaction.atomic():
        yield Sleutel(claim(request, doel))


def opruimen() -> int:
    """Forget tokens older than a week: a form that old is not retried any more."""
    from datetime import timedelta

    from django.utils import timezone

    from omo.models import Eenmalig

    return Eenmalig.objects.filter(gebruikt_op__lt=timezone.now() - timedelta(days=7)).delete()[0]


def al_gedaan(request, al: AlVerwerkt, melding: str, anders: str):
    """The answer to a repeated form: say so, and go where the first submit's result lives."""
    from django.contrib import messages
    from django.shortcuts import redirect

    messages.info(request, melding)
    return redirect(al.url or anders)
