"""Mail in development (`make run`): one line per mail in the log, the full text on a page that
only exists while DEBUG and only for the beheerder, with the mails of every process."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.mail import EmailMessage
from django.urls import reverse

from omo import maildev

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def mailmap(settings, tmp_path):
    settings.OMO_MAILMAP = tmp_path / "mails"
    settings.DEBUG = True
    return settings.OMO_MAILMAP


def _send(subject, to, body):
    EmailMessage(subject, body, "OMO <omo@example.nl>", [to]).send()


def test_each_mail_is_one_line_in_the_log_and_whole_on_the_page(settings, mailmap, client, make_user, capsys):
    settings.EMAIL_BACKEND = "omo.maildev.EmailBackend"
    _send("Verzoek over OMO-2026-0008", "corporatie@example.nl", "Beste,\n\nGraag binnen twee werkdagen.\n")
    log = capsys.readouterr().out
    assert log == "[mail] Verzoek over OMO-2026-0008 → corporatie@example.nl\n"

    client.force_login(make_user("beheerder"))
    html = client.get(reverse("verzonden_mails")).content.decode()
    assert "Verzoek over OMO-2026-0008" in html and "corporatie@example.nl" in html
    assert "Graag binnen twee werkdagen." in html


def test_the_page_shows_mails_another_process_sent(mailmap, client, make_user):
    """The Celery worker is another process: its mails land in the same folder."""
    script = (
        "import django; django.setup();"
        "from django.core.mail import send_mail;"
        "send_mail('Herinnering uit de worker', 'Tekst', 'omo@example.nl', ['coach@example.nl'])"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "omo.settings_test", "OMO_MAILMAP": str(mailmap),
           "OMO_TEST_EMAIL_BACKEND": "omo.maildev.EmailBackend"}
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[mail] Herinnering uit de worker → coach@example.nl"
    assert [m.onderwerp for m in maildev.verzonden_mails()] == ["Herinnering uit de worker"]

    client.force_login(make_user("beheerder"))
    assert "Herinnering uit de worker" in client.get(reverse("verzonden_mails")).content.decode()


@pytest.mark.parametrize("role", ["consulent", "omo", "budgethouder", "beleid"])
def test_only_the_beheerder_opens_the_page(mailmap, client, make_user, role):
    client.force_login(make_user(role))
    assert client.get(reverse("verzonden_mails")).status_code == 403


def test_without_debug_the_page_does_not_exist_and_the_menu_does_not_offer_it(settings, mailmap, client, make_user):
    client.force_login(make_user("beheerder"))
    assert reverse("verzonden_mails") in client.get(reverse("home")).content.decode()
    settings.DEBUG = False
    assert client.get(reverse("verzonden_mails")).status_code == 404
    assert reverse("verzonden_mails") not in client.get(reverse("home")).content.decode()
