"""A mail backend for the killed-worker test: it marks that sending started, then takes a
minute before it marks the message delivered — long enough to kill the worker in between."""

import os
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend


class EmailBackend(BaseEmailBackend):
    def send_messages(self, messages):
        map_ = Path(os.environ["OMO_TEST_MAILDIR"])
        (map_ / "bezig").write_text("\n".join(m.subject for m in messages))
        time.sleep(60)
        with open(map_ / "verzonden", "a") as f:
            for m in messages:
                f.write(m.subject + "\n")
        return len(messages)
