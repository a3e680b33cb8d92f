"""What each role sees first. Other apps add panels by listing a `home_panels(user)` function here."""

import importlib

from django.apps import apps

from innoladder.accounts.choices import Role


def home_context(user) -> dict:
    panels = []
    for config in apps.get_app_configs():
        if not config.name.startswith("innoladder.") or config.name == "innoladder.core":
            continue
        try:
            module = importlib.import_module(f"{config.name}.home")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.home":
                raise
            continue
        panels.extend(module.home_panels(user))
    panels.sort(key=lambda p: p.get("order", 100))
    return {"role": Role(user.role), "panels": panels}
