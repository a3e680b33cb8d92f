"""What each role sees first. Other apps add panels by listing a `home_panels(user)` function here."""

from innoladder.accounts.choices import Role

from .contributions import app_modules


def home_context(user) -> dict:
    panels = []
    for _, module in app_modules("home"):
        panels.extend(module.home_panels(user))
    panels.sort(key=lambda p: p.get("order", 100))
    return {"role": Role(user.role), "panels": panels}
