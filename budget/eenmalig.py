"""One-time tokens for money POSTs: a double click or a retried request books once.

Every money form carries a fresh token (`{% eenmalig %}`). The view claims it in the same
database transaction as the booking (`claim`): an INSERT … ON CONFLICT DO NOTHING. A second POST
with the same token waits for the first to finish; if that one committed, the second books
nothing and is told so; if it failed (a refusal), the token is free again and the corrected form
can be sent."""

import secrets

from django.db import connection
from django.utils.translation import gettext as _

from omo.weigering import Weigering


class AlVerwerkt(Exception):
    """This form was already processed."""


def nieuw_token() -> str:
    return secrets.token_urlsafe(24)


def claim(request, doel: str = ""):
    token = request.POST.get("eenmalig", "")
    if not token or len(token) > 64:
        raise Weigering(_("Dit formulier mist zijn eenmalige sleutel; laad de pagina opnieuw en probeer het nog eens."))
    with connection.cursor() as cur:
        cur.execute(
            """INSERT INTO budget_eenmalig (token, gebruiker_id, gebruikt_op, doel) VALUES (%s, %s, now(), %s)
               ON CONFLICT (token) DO NOTHING RETURNING token""",
            [token, request.user.pk, doel[:300]],
        )
        if cur.fetchone() is None:
            raise AlVerwerkt
