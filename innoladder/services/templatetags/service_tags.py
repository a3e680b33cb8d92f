from django import template

from innoladder.core.viewkit.tables import wan

register = template.Library()
register.filter("wan", wan)
