from .navigation import menu_for


def navigation(request):
    """The menu, built once per request (panels rendered with the request reuse it)."""
    user = getattr(request, "user", None)
    if user is None:
        return {"menu": []}
    menu = getattr(request, "_innoladder_menu", None)
    if menu is None:
        menu = menu_for(user)
        request._innoladder_menu = menu
    return {"menu": menu}
