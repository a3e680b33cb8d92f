"""How the apps contribute to core's pages and jobs without core importing them: each app may have a module
of an agreed name (`home`, `obligations`, `enterprise_panels`, `job_handlers`) that core looks up here."""

import importlib
from types import ModuleType

from django.apps import apps


def app_modules(name: str, *, include_core: bool = False) -> list[tuple[str, ModuleType]]:
    """(app label, its `<app>.<name>` module) for every InnoLadder app that has one, in app order. An app
    without the module is skipped; an import error inside the module is raised."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("innoladder.") or (
            config.name == "innoladder.core" and not include_core
        ):
            continue
        try:
            found.append((config.label, importlib.import_module(f"{config.name}.{name}")))
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.{name}":
                raise
    return found
