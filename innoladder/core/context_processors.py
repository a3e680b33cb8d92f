from django.urls import get_script_prefix
from django.utils.translation import get_language

from .navigation import menu_for

# The menu depends on nothing but the role (its entries, their URLs) and the language: built once per
# process for each (role, language, URL prefix) instead of reversing every entry on every page. The role
# is read with the user on every request, so a changed role shows its own menu at the next page.
_MENUS: dict[tuple, list] = {}


def navigation(request):
    """The menu, built once per request (panels rendered with the request reuse it)."""
    user = getattr(request, "user", None)
    if user is None:
        return {"menu": []}
    menu = getattr(request, "_innoladder_menu", None)
    if menu is None:
        menu = cached_menu(user)
        request._innoladder_menu = menu
    return {"menu": menu}


def cached_menu(user) -> list:
    if not user.is_authenticated:
        return []
    key = (user.role, get_language(), get_script_prefix())
    menu = _MENUS.get(key)
    if menu is None:
        menu = _MENUS[key] = menu_for(user)
    return menu
