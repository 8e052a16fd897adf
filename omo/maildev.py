"""E-mail in development (`make run`): every mail is kept as a file and the log gets one line.

The web process and the Celery worker both send mail, so the mails are written to one folder
(`OMO_MAILMAP`, `.data/mails` by default) that the page of sent mails reads (`omo.views.
verzonden_mails`, only while DEBUG). Production sends through SMTP and tests keep mails in memory;
neither uses this backend.
"""

import email
import email.policy
import os
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone


def _map() -> Path:
    return Path(settings.OMO_MAILMAP)


class EmailBackend(BaseEmailBackend):
    """Writes each message to `OMO_MAILMAP` as an .eml file and prints one line to stdout."""

    def send_messages(self, email_messages):
        if not email_messages:
            return 0
        folder = _map()
        folder.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            name = f"{time.time_ns()}-{os.getpid()}-{sent}.eml"
            temporary = folder / f".{name}"
            temporary.write_bytes(message.message().as_bytes())
            temporary.rename(folder / name)  # the page never reads half a mail
            recipients = ", ".join(message.recipients())
            sys.stdout.write(f"[mail] {message.subject} → {recipients}\n")
            sys.stdout.flush()
            sent += 1
        return sent


@dataclass
class Mail:
    naam: str
    verzonden: datetime
    onderwerp: str
    aan: str
    van: str
    tekst: str


def verzonden_mails(limit: int = 100) -> list[Mail]:
    """The newest `limit` mails the development backend kept, newest first."""
    folder = _map()
    if not folder.is_dir():
        return []
    files = sorted((f for f in folder.glob("*.eml")), key=lambda f: f.name, reverse=True)[:limit]
    mails = []
    for path in files:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        body = message.get_body(preferencelist=("plain", "html"))
        stamp = int(path.name.split("-", 1)[0]) / 1e9
        mails.append(
            Mail(
                naam=path.stem,
                verzonden=datetime.fromtimestamp(stamp, tz=timezone.get_current_timezone()),
                onderwerp=str(message.get("Subject", "")),
                aan=str(message.get("To", "")),
                van=str(message.get("From", "")),
                tekst=body.get_content() if body is not None else "",
            )
        )
    return mails
