"""The check behind every authorisation matrix of tests/escalatie: request one URL as each
actor, each request in a rolled-back savepoint, and compare with what the rules say.

OK = 200, or a redirect that is not to the login page (a refusal with a message included).
An anonymous visitor must be sent to the login page unless the URL is public.
"""

from django.db import transaction
from django.urls import reverse

OK = "ok"
ANONIEM = "anoniem"


def fouten(client, url, method, expected, actoren, publiek=False) -> list[str]:
    """The actors whose response differs from `expected` (actor → OK or a status code)."""
    failures = []
    for actor in [ANONIEM, *actoren]:
        client.logout()
        if actor != ANONIEM:
            client.force_login(actoren[actor])
        with transaction.atomic():
            response = getattr(client, method)(url)
            transaction.set_rollback(True)
        status = response.status_code
        naar_login = status == 302 and response["Location"].startswith(reverse("login"))
        verwacht = OK if (actor == ANONIEM and publiek) else expected.get(actor, "login")
        if verwacht == "login":
            ok = naar_login
        elif verwacht == OK:
            ok = status in (200, 302) and not naar_login
        else:
            ok = status == verwacht
        if not ok:
            failures.append(f"{actor}: {status} (verwacht {verwacht})")
    return failures
