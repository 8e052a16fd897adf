"""Dutch display formats: money is shown as `€ 1.234,56` (DESIGN §4), never rounded earlier."""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django import template

register = template.Library()


def format_euro(value, decimals: int = 2) -> str:
    if value is None or value == "":
        return ""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return ""
    quant = Decimal(1).scaleb(-decimals)
    amount = amount.quantize(quant, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    whole, _, frac = f"{abs(amount):.{decimals}f}".partition(".")
    groups = []
    while whole:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    text = ".".join(groups)
    if decimals:
        text += "," + frac
    return f"€\u00a0{sign}{text}"


@register.filter
def euro(value):
    """12345.5 → '€ 12.345,50' (non-breaking space after the sign)."""
    return format_euro(value)


@register.filter
def euro_rond(value):
    """12345.5 → '€ 12.346' for charts and ranges."""
    return format_euro(value, 0)


@register.filter
def duur(value):
    """A timedelta in Dutch words: '3 dagen en 4 uur', '2 uur en 5 minuten', '1 minuut'."""
    if value is None:
        return ""
    seconds = int(value.total_seconds())
    days, rest = divmod(seconds, 86400)
    hours, rest = divmod(rest, 3600)
    minutes = rest // 60

    def unit(n, one, many):
        return f"{n} {one if n == 1 else many}"

    if days:
        parts = [unit(days, "dag", "dagen")] + ([unit(hours, "uur", "uur")] if hours else [])
    elif hours:
        parts = [unit(hours, "uur", "uur")] + ([unit(minutes, "minuut", "minuten")] if minutes else [])
    else:
        parts = [unit(max(minutes, 0), "minuut", "minuten")]
    return " en ".join(parts)


@register.filter
def auditwaarde(value):
    """A value from the audit log as the rest of the page shows it: a moment (stored in UTC as
    ISO text) in local time as "07-12-2026 15:49:17", nothing as "∅"."""
    from datetime import UTC

    from django.utils import timezone
    from django.utils.dateformat import format as date_format
    from django.utils.dateparse import parse_datetime

    if value is None:
        return "∅"
    if isinstance(value, str) and len(value) >= 19 and value[4] == "-" and "T" in value:
        try:
            moment = parse_datetime(value)
        except ValueError:
            moment = None
        if moment is not None:
            if timezone.is_naive(moment):
                moment = timezone.make_aware(moment, UTC)
            return date_format(timezone.localtime(moment), "d-m-Y H:i:s")
    return value
