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
from urllib.parse import quote
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
        "DATABASE_URL": f"postgresql://{quote(db['USER'])}:{quote(db['PASSWORD'] or '')}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}",
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
