from functools import partial

from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.translation import get_language

from .navigation import menu_for

# The menu depends on nothing but the role (its entries, their URLs) and the language: built once per
# process for each (role, language, URL prefix) instead of reversing every entry on every page. The role
# is read with the user on every request, so a changed role shows its own menu at the next page.
_MENUS: dict[tuple, list] = {}
# Its markup (_menu.html), likewise once per (role, language, URL prefix) and current page: the page only
# decides which entry is marked active. Rendering it on every page cost about 1 ms (issue 23).
_MENU_HTML: dict[tuple, str] = {}


def navigation(request):
    """The menu, built once per request (panels rendered with the request reuse it)."""
    user = getattr(request, "user", None)
    if user is None:
        return {"menu": []}
    menu = getattr(request, "_innoladder_menu", None)
    if menu is None:
        menu = cached_menu(user)
        request._innoladder_menu = menu
    return {"menu": menu, "menu_html": partial(menu_html, request, menu)}


def cached_menu(user) -> list:
    if not user.is_authenticated:
        return []
    key = (user.role, get_language(), get_script_prefix())
    menu = _MENUS.get(key)
    if menu is None:
        menu = _MENUS[key] = menu_for(user)
    return menu


def menu_html(request, menu: list) -> str:
    """The menu's markup with the current page's entry active (base.html asks for it when it shows it)."""
    match = getattr(request, "resolver_match", None)
    active = match.url_name if match is not None else None
    key = (request.user.role, get_language(), get_script_prefix(), active)
    html = _MENU_HTML.get(key)
    if html is None:
        html = _MENU_HTML[key] = render_to_string("_menu.html", {"menu": menu, "active": active})
    return html
