"""The main menu for base.html (`omo.menu`)."""

from django import template

from omo import menu

register = template.Library()


@register.simple_tag(takes_context=True)
def hoofdmenu(context):
    request = context["request"]
    return menu.hoofdmenu(request.user, request.path)
