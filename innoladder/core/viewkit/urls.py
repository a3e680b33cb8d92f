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
    patterns = []
    for role in wanted:
        route, suffix, initkwargs = ROUTES[role]
        view = getattr(views, f"{kind}{suffix}").as_view(**initkwargs)
        patterns.append(path(f"{prefix}{route}", view, name=f"{name}_{role}"))
    return patterns
