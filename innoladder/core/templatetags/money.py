"""`{% load money %}`: `wan`, `yuan` and `percent` (see core/money.py); an argument replaces the "—"
shown for an unknown amount (`{{ v|yuan:"" }}` leaves the cell blank)."""

from django import template

from innoladder.core import money

register = template.Library()
register.filter("wan", money.wan)
register.filter("yuan", money.yuan)
register.filter("percent", money.percent)
