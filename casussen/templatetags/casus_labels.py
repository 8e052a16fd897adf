"""Labels of case choices for long lists.

`casus.get_status_display()` rebuilds a dictionary of lazy translations on every call; on a list
of 25 cases with two labels each that is several milliseconds. These filters build the
dictionary once per language.
"""

from functools import lru_cache

from django import template
from django.utils.translation import get_language

from casussen.models import Casus, Status

register = template.Library()


@lru_cache(maxsize=16)
def _labels(kind: str, language: str) -> dict[str, str]:
    choices = {"status": Status.choices, "urgentie": Casus.Urgentie.choices}[kind]
    return {value: str(label) for value, label in choices}


@register.filter
def statuslabel(value):
    return _labels("status", get_language())[value]


@register.filter
def urgentielabel(value):
    return _labels("urgentie", get_language())[value]


@register.simple_tag
def casus_tabs(casus):
    """The tabs other apps add to the case layout (casussen.uitbreidingen)."""
    from casussen import uitbreidingen

    return uitbreidingen.tabs(casus)
