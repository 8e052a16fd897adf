"""State changes of the shared core. Views and tasks call these; they never write models."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from omo.models import Notificatie
from omo.toegang import mag


def onderwerp_van(obj, actie: str = "") -> str:
    """The key of an action on `obj` that notifications ask for: "budget.aanvraag:12", or with
    `actie` "budget.aanvraag:12:achteraf" when one object has several."""
    return f"{obj._meta.label_lower}:{obj.pk}" + (f":{actie}" if actie else "")


def notify(
    user, text: str, link: str = "", key: str = "", *, doel=None, onderwerp: str = "", vraag: str = "",
    mail: bool = True,
) -> Notificatie:
    """Notify `user` in the app and by e-mail, once per (`user`, `key`).

    A link names the rule of the page it opens: `doel=("app.regel", obj)`. The notification
    carries the link only when that rule lets `user` open it (the text still tells them), so a
    notification never offers a page that answers 403 or 404.

    Calling it again with the same key (a retried task, a second run of a scheduled job) returns
    the existing notification and sends nothing: a unique constraint guarantees it, also when
    two processes try at the same moment. The e-mail is sent by a task after commit.

    A notification that asks for an action names it: `onderwerp` (`onderwerp_van(obj)`) and
    `vraag`, the words that ask ("wacht op je besluit"), shown only while it is open. The service
    that performs the action or makes it moot calls `handel_af(onderwerp)`.

    `mail=False`: in the app only, when the caller sends its own, fuller e-mail (`omo.berichten`).
    """
    if not key:
        raise ValueError("notify() heeft een sleutel nodig om dubbele meldingen te voorkomen.")
    if link and not (link.startswith("/") and not link.startswith("//")):
        raise ValueError("notify() accepteert alleen een link binnen OMO (beginnend met '/').")
    if link and doel is None:
        raise ValueError("notify() met een link heeft doel=(regel, object) nodig: wie mag de pagina openen?")
    if link and not mag(user, *doel):
        link = ""
    regel, obj = doel if (link and doel) else ("", None)
    try:
        with transaction.atomic():
            notificatie = Notificatie.objects.create(
                gebruiker=user, tekst=text[:500], link=link[:500], sleutel=key[:200],
                vraag=vraag[:200], onderwerp=onderwerp[:120], regel=regel[:100],
                object_id=getattr(obj, "pk", None),
                gemaild_op=None if mail else timezone.now(),  # no mail: nothing to send, now or later
            )
    except IntegrityError:
        return Notificatie.objects.get(gebruiker=user, sleutel=key[:200])
    if mail and user.email:
        from omo.tasks import verstuur_notificatiemail

        verstuur_notificatiemail.delay_on_commit(notificatie.pk)
    return notificatie


def send_notificatie_mail(notificatie_id: int) -> bool:
    """Send the e-mail of one notification, at most once. Returns whether a mail was sent."""
    with transaction.atomic():
        notificatie = (
            Notificatie.objects.select_for_update()
            .select_related("gebruiker")
            .filter(pk=notificatie_id, gemaild_op__isnull=True)
            .first()
        )
        if notificatie is None or not notificatie.gebruiker.email:
            return False
        link = notificatie.link
        if link.startswith("/"):
            link = settings.OMO_BASE_URL.rstrip("/") + link
        body = notificatie.volledige_tekst + (f"\n\n{link}" if link else "")
        body += "\n\n" + _("Dit bericht is verstuurd door OMO, %(gemeente)s.") % {
            "gemeente": settings.OMO_GEMEENTE
        }
        send_mail(
            subject=_("OMO: %(tekst)s") % {"tekst": notificatie.volledige_tekst[:80]},
            message=body,
            from_email=None,
            recipient_list=[notificatie.gebruiker.email],
        )
        notificatie.gemaild_op = timezone.now()
        notificatie.save(update_fields=["gemaild_op"])
    return True


def send_pending_mails(limit: int = 500) -> int:
    """Send the mails of notifications whose task never ran (e.g. the broker was down).

    Only notifications older than 5 minutes (their own task had its chance) and younger than
    2 days (older news is not worth a mail any more). Returns the number of mails sent.
    """
    now = timezone.now()
    ids = list(
        Notificatie.objects.filter(
            gemaild_op__isnull=True,
            gebruiker__email__gt="",
            aangemaakt_op__lt=now - timedelta(minutes=5),
            aangemaakt_op__gt=now - timedelta(days=2),
        )
        .order_by("aangemaakt_op")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(send_notificatie_mail(pk) for pk in ids)


def mark_read(user, notificatie_ids=None) -> int:
    """Mark the user's unread notifications (all, or the given ids) as read."""
    qs = Notificatie.objects.filter(gebruiker=user, gelezen_op__isnull=True)
    if notificatie_ids is not None:
        qs = qs.filter(pk__in=notificatie_ids)
    return qs.update(gelezen_op=timezone.now())


def handel_af(*onderwerpen: str, now=None) -> int:
    """Finish every open notification about these actions, for every recipient: the action was
    done or became moot (decided, withdrawn, decided by someone else). A finished notification
    no longer counts as unread and no longer asks. Returns how many were finished."""
    onderwerpen = [o for o in onderwerpen if o]
    if not onderwerpen:
        return 0
    return Notificatie.objects.filter(onderwerp__in=onderwerpen, afgehandeld_op__isnull=True).update(
        afgehandeld_op=now or timezone.now()
    )


def markeer_geopend(user, path: str) -> int:
    """Mark the user's unread notifications that link to `path` as read: they opened it."""
    return Notificatie.objects.filter(
        gebruiker=user, link=path, gelezen_op__isnull=True, afgehandeld_op__isnull=True
    ).update(gelezen_op=timezone.now())
