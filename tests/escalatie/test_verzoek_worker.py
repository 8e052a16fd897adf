"""Exactly once with a real Celery worker that is killed while it sends an e-mail: the outbox
row stays unsent (the database rolls back the dead worker's transaction and releases its
lock), and the next run sends it — once."""

import datetime
import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection

from escalatie.models import Contactpersoon
from escalatie.services import verzoek as services
from omo import berichten
from omo.models import Bericht

AMS = ZoneInfo("Europe/Amsterdam")
ROOT = Path(__file__).resolve().parents[2]


def werker_database_url(name: str) -> str:
    """DATABASE_URL of this run (a local server, or the embedded one with its own host, port or
    socket) with the test database's name: what a worker process started by a test connects to."""
    parts = urlsplit(os.environ["DATABASE_URL"])
    return urlunsplit(parts._replace(path=f"/{name}"))


def _wacht(voorwaarde, seconden=60):
    eind = time.monotonic() + seconden
    while time.monotonic() < eind:
        if voorwaarde():
            return True
        time.sleep(0.2)
    return False


@pytest.mark.django_db(transaction=True)
def test_worker_killed_mid_send_leaves_the_mail_for_the_next_run(make_user, team_a, klare_casus, organisatie, tmp_path):
    from omo.tasks import verstuur_bericht

    consulent = make_user("consulent", team=team_a)
    contact = Contactpersoon.objects.create(organisatie=organisatie, naam="Petra", rol="R", mandaat="M", email="petra@example.org")
    verzoek = services.stuur_verzoek(klare_casus(casushouder=consulent).pk, consulent, contact.pk, "Ontruiming",
                                     "Kan het wachten?", now=datetime.datetime(2026, 12, 1, 9, tzinfo=AMS))
    sleutel = f"verzoek-{verzoek.pk}-uitnodiging"
    queue = f"omo-kill-{uuid.uuid4().hex[:8]}"
    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "omo.settings_test",
        "DATABASE_URL": werker_database_url(db["NAME"]),
        "OMO_TEST_EMAIL_BACKEND": "tests.escalatie.traag_backend.EmailBackend",
        "OMO_TEST_MAILDIR": str(tmp_path),
        "PYTHONPATH": str(ROOT),
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "omo", "worker", "-Q", queue, "--pool=solo", "-l", "warning",
         "--without-gossip", "--without-mingle", "--without-heartbeat"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )
    try:
        verstuur_bericht.apply_async(args=[sleutel], queue=queue)
        assert _wacht(lambda: (tmp_path / "bezig").exists()), "de worker begon niet met versturen"
        # The worker holds the row lock while it sends: nobody else sends this message now.
        assert berichten.verstuur(sleutel) is False
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    assert not (tmp_path / "verzonden").exists()
    assert Bericht.objects.get(sleutel=sleutel).verzonden_op is None
    # The database notices the dead connection and rolls it back; the next run sends once.
    assert _wacht(lambda: berichten.verstuur_wachtende() == 1, 30)
    assert berichten.verstuur_wachtende() == 0
    assert [m.to for m in mail.outbox] == [["petra@example.org"]]
    assert Bericht.objects.get(sleutel=sleutel).verzonden_op is not None
    connection.close()


def _wachtend_op_slot(cursor) -> int | None:
    cursor.execute(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' "
        "AND query LIKE '%%INSERT INTO omo_bericht%%'"  # pghistory may put its context in front
    )
    rij = cursor.fetchone()
    return rij[0] if rij else None


def _backend_weg(pid) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE pid = %s", [pid])
        return cursor.fetchone()[0] == 0


@pytest.mark.django_db(transaction=True)
def test_scan_in_a_killed_worker_sends_each_reminder_and_escalation_once(make_user, team_a, klare_casus, organisatie, tmp_path):
    """A real worker runs the deadline scan and is killed twice: first after it claimed a reminder
    but before it committed (it waits for a lock the test holds), then after it committed while
    it sends the reminder. The next scan and `verstuur_wachtende` then produce every e-mail
    exactly once."""
    import psycopg
    from django.utils import timezone

    from escalatie.models import Verzoek
    from escalatie.tasks import verzoeken_bewaken
    from omo.werkdagen import AMSTERDAM

    consulent = make_user("consulent", team=team_a)
    make_user("omo")
    baas = Contactpersoon.objects.create(organisatie=organisatie, naam="Henk", rol="R", mandaat="M", email="henk@example.org")
    contact = Contactpersoon.objects.create(organisatie=organisatie, naam="Petra", rol="R", mandaat="M",
                                            email="petra@example.org", escalatiecontact=baas)
    nu = timezone.now()
    vandaag = timezone.localtime(nu, AMSTERDAM).date()
    te_herinneren, te_escaleren = (
        services.stuur_verzoek(klare_casus(casushouder=consulent, titel=t).pk, consulent, contact.pk, t, "Kan het?", now=nu)
        for t in ("Herinneren", "Escaleren")
    )
    # Due now: a deadline tonight (reminder day) and one that passed an hour ago.
    Verzoek.objects.filter(pk=te_herinneren.pk).update(
        deadline=datetime.datetime.combine(vandaag, datetime.time.max, tzinfo=AMSTERDAM))
    Verzoek.objects.filter(pk=te_escaleren.pk).update(deadline=nu - datetime.timedelta(hours=1))
    Bericht.objects.update(verzonden_op=nu)  # the invitations are not what this test is about
    herinnering, escalatie = f"verzoek-{te_herinneren.pk}-herinnering", f"verzoek-{te_escaleren.pk}-escalatie"

    queue = f"omo-scan-{uuid.uuid4().hex[:8]}"
    db = settings.DATABASES["default"]
    dsn = werker_database_url(db["NAME"])
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "omo.settings_test", "DATABASE_URL": dsn, "PYTHONPATH": str(ROOT),
           "OMO_TEST_EMAIL_BACKEND": "tests.escalatie.traag_backend.EmailBackend", "OMO_TEST_MAILDIR": str(tmp_path),
           "OMO_TEST_QUEUE": queue}

    def start_worker():
        return subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "tests.escalatie.verzoek_celery", "worker", "-Q", queue, "--pool=solo",
             "-l", "warning", "--without-gossip", "--without-mingle", "--without-heartbeat"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
        )

    def kill(worker):
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=10)

    # 1. Killed before commit: the test holds the reminder's outbox key in an open transaction, so
    #    the worker's scan claims the reminder and then waits on that key.
    blokkade = psycopg.connect(dsn)
    blokkade.execute(
        "INSERT INTO omo_bericht (sleutel, aan, onderwerp, tekst, bijlage, bijlage_naam, aangemaakt_op, pogingen, laatste_fout) "
        "VALUES (%s, %s, 'x', 'x', '', '', now(), 0, '')", [herinnering, ["blokkade@example.org"]],
    )
    worker = start_worker()
    try:
        verzoeken_bewaken.apply_async(queue=queue)
        with connection.cursor() as cursor:
            assert _wacht(lambda: _wachtend_op_slot(cursor) is not None), "de scan in de worker wachtte niet op de sleutel"
            pid = _wachtend_op_slot(cursor)
        kill(worker)
    finally:
        kill(worker)
        blokkade.rollback()
        blokkade.close()
    # The dead worker's transaction is rolled back by the database: nothing was claimed.
    assert _wacht(lambda: _backend_weg(pid), 30)
    assert Verzoek.objects.filter(pk__in=[te_herinneren.pk, te_escaleren.pk], herinnerd_op__isnull=True,
                                  status=Verzoek.Status.OPEN).count() == 2
    assert not Bericht.objects.filter(sleutel__in=[herinnering, escalatie]).exists()

    # 2. Killed after commit, while it sends the reminder it claimed (the mail backend takes a minute).
    worker = start_worker()
    try:
        verzoeken_bewaken.apply_async(queue=queue)
        assert _wacht(lambda: (tmp_path / "bezig").exists()), "de worker begon niet met versturen"
        kill(worker)
    finally:
        kill(worker)
    assert not (tmp_path / "verzonden").exists()
    assert Bericht.objects.filter(sleutel__in=[herinnering, escalatie], verzonden_op__isnull=True).count() == 2
    te_herinneren.refresh_from_db()
    te_escaleren.refresh_from_db()
    assert te_herinneren.herinnerd_op is not None and te_escaleren.status == Verzoek.Status.VERLOPEN

    # 3. The next scan claims nothing again; the outbox sends the two e-mails, once each.
    assert services.bewaak_termijnen() == 0
    verzonden = []
    assert _wacht(lambda: verzonden.append(berichten.verstuur_wachtende()) or sum(verzonden) == 2, 30)
    assert services.bewaak_termijnen() == 0 and berichten.verstuur_wachtende() == 0
    ontvangen = sorted((m.to[0], m.subject.split(":")[0]) for m in mail.outbox)
    assert ontvangen == [("henk@example.org", "Termijn verstreken"), ("petra@example.org", "Herinnering")]
    assert Bericht.objects.filter(sleutel__in=[herinnering, escalatie], verzonden_op__isnull=True).count() == 0
    connection.close()
