from django import template
from django.utils.html import format_html

from omo.eenmalig import VELD, nieuw_token

register = template.Library()


@register.simple_tag
def eenmalig():
    """The hidden one-time token of a form that acts (see omo.eenmalig)."""
    return format_html('<input type="hidden" name="{}" value="{}">', VELD, nieuw_token())
