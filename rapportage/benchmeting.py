"""The child process of `manage.py bench_rapportage`: renders a report once in a fresh
interpreter. A module of its own without model imports at the top, so that a spawned process can
import it before Django is set up."""

import resource
import time


def render_in_kind(database, rapport_pk, publiek, zender):
    """In a fresh process: render the PDF once; send (seconds, peak MB of this process, pages, bytes)."""
    import django

    django.setup()
    from django.conf import settings as django_settings

    # The same database as the parent (a test run uses its own test database).
    django_settings.DATABASES["default"]["NAME"] = database
    from rapportage.models import Rapport
    from rapportage.services import rapporten

    rapport = Rapport.objects.get(pk=rapport_pk)
    begin = time.perf_counter()
    pdf, paginas = rapporten.render_pdf(rapport, publiek=publiek)
    duur = time.perf_counter() - begin
    piek = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    zender.send((duur, piek, paginas, len(pdf)))
    zender.close()
