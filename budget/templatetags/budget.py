from decimal import Decimal

from django import template
from django.utils.html import format_html

from budget.eenmalig import nieuw_token

register = template.Library()


@register.simple_tag
def eenmalig():
    """The hidden one-time token of a money form."""
    return format_html('<input type="hidden" name="eenmalig" value="{}">', nieuw_token())


@register.filter
def negatief(bedrag):
    return -(bedrag or Decimal("0"))
