"""Template filters of the reports: `{% load rapportage %}`.

- `{{ n|aantal:publiek }}`: '< 3' for 1 and 2 in the public version, else '1.234'.

The figures themselves are drawn from a weergave (`rapportage.weergave`), not by tags.
"""

from django import template

from omo import grafieken as g

register = template.Library()


@register.filter
def aantal(value, publiek=False):
    return g.count_text(value, publiek)
