from decimal import Decimal

from django import template

register = template.Library()


@register.filter
def negatief(bedrag):
    return -(bedrag or Decimal("0"))
