"""The outbox: e-mails that must go out exactly once (DESIGN §7, verslag, reminders).

`plaats()` stores a message under a unique key in the caller's transaction: if the change it
reports rolls back, so does the message; placing it twice stores it once. After commit a task
sends it with `verstuur()`, which locks the row (SKIP LOCKED) while it talks to the mail server
and marks it sent in the same transaction. A worker killed mid-send leaves the row unsent and
unlocked (the database rolls back), and `verstuur_wachtende()` (every minute) sends it then.
"""

from django.core.files.storage import default_storage
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.utils import timezone

from omo.models import Bericht


def plaats(sleutel: str, aan, onderwerp: str, tekst: str, bijlage: str = "", bijlage_naam: str = "") -> bool:
    """Store a message to send once. Returns False when a message with this key exists."""
    aan = sorted({a.strip() for a in aan if a and a.strip()})
    if not aan:
        return False
    sleutel = sleutel[:200]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO omo_bericht (sleutel, aan, onderwerp, tekst, bijlage, bijlage_naam, "
            "aangemaakt_op, pogingen, laatste_fout) VALUES (%s, %s, %s, %s, %s, %s, now(), 0, '') "
            "ON CONFLICT (sleutel) DO NOTHING RETURNING id",
            [sleutel, aan, onderwerp[:300], tekst, bijlage, bijlage_naam[:200]],
        )
        nieuw = cursor.fetchone() is not None
    if nieuw:
        from omo.tasks import verstuur_bericht

        transaction.on_commit(lambda: verstuur_bericht.delay(sleutel))
    return nieuw


def verstuur(sleutel: str) -> bool:
    """Send the message with this key unless it was sent or is being sent. Returns whether it
    was sent now."""
    with transaction.atomic():
        bericht = (
            Bericht.objects.select_for_update(skip_locked=True)
            .filter(sleutel=sleutel, verzonden_op__isnull=True)
            .first()
        )
        if bericht is None:
            return False
        mail = EmailMessage(subject=bericht.onderwerp, body=bericht.tekst, to=list(bericht.aan))
        if bericht.bijlage:
            with default_storage.open(bericht.bijlage, "rb") as f:
                mail.attach(bericht.bijlage_naam or bericht.bijlage.rsplit("/", 1)[-1], f.read(), "application/pdf")
        mail.send()
        bericht.verzonden_op = timezone.now()
        bericht.pogingen += 1
        bericht.save(update_fields=["verzonden_op", "pogingen"])
    return True


def verstuur_wachtende(limit: int = 200) -> int:
    """Send every unsent message (their own task did not run, failed or was killed)."""
    sleutels = list(
        Bericht.objects.filter(verzonden_op__isnull=True)
        .order_by("aangemaakt_op")
        .values_list("sleutel", flat=True)[:limit]
    )
    verzonden = 0
    for sleutel in sleutels:
        try:
            verzonden += verstuur(sleutel)
        except OSError as exc:
            Bericht.objects.filter(sleutel=sleutel).update(laatste_fout=str(exc)[:500])
    return verzonden
