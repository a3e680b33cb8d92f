"""The standard routes of one declared kind of record, so a module's urls.py names its views once."""

from django.urls import path

# role: (route below the kind's prefix, the view class's suffix, as_view's arguments)
STANDARD = "list export edit detail"
ROUTES = {
    "list": ("", "ListView", {}),
    "export": ("export/", "ListView", {"exporting": True}),
    "create": ("new/", "EditView", {}),
    "detail": ("<int:pk>/", "DetailView", {}),
    "edit": ("<int:pk>/edit/", "EditView", {}),
    "transition": ("<int:pk>/transition/", "TransitionView", {}),
    "delete": ("<int:pk>/delete/", "DeleteView", {}),
}


def object_urls(views, kind: str, name: str, prefix: str = "", roles: str = STANDARD) -> list:
    """The routes of `roles` (named `<name>_<role>`) to the views module's `<kind><Role>View` classes:
    `list` at `<prefix>`, `export` (the list's sheet) at `<prefix>export/`, `edit` at `<prefix>new/`
    (`<name>_create`) and `<prefix><pk>/edit/`, `detail` at `<prefix><pk>/`, `transition` and `delete`
    at `<prefix><pk>/transition/` and `<prefix><pk>/delete/`."""
    wanted = roles.split()
    if "edit" in wanted:
        wanted.insert(wanted.index("edit"), "create")
    found = {}
    for role in wanted:
        _route, suffix, initkwargs = ROUTES[role]
        found[role] = getattr(views, f"{kind}{suffix}").as_view(**initkwargs)
    return routes(name, prefix, **found)


def routes(name: str, prefix: str = "", **views) -> list:
    """The standard routes of one kind of record to the views given by role (`list`, `export`, `create`,
    `detail`, `edit`, `transition`, `delete`), named `<name>_<role>`: for function views, or views not named
    after their kind, e.g. `routes("campaign", list=views.campaign_list, detail=views.campaign_detail)`."""
    return [path(f"{prefix}{ROUTES[role][0]}", view, name=f"{name}_{role}") for role, view in views.items()]
