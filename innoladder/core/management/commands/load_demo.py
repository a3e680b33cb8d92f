import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

# Apps whose demo data others build on come first.
DEMO_ORDER = (
    "enterprises",
    "accounts",
    "recognitions",
    "rnd",
    "projects",
    "services",
    "cooperation",
    "funding",
    "contracts",
    "policies",
    "collection",
    "assessments",  # last: assesses with the recognitions, ledgers and data above
    "reports",
)


class Command(BaseCommand):
    help = "载入格尔木工业园演示数据（标记为演示数据，可重复执行）"

    def handle(self, *args, **options):
        loaded = []
        with transaction.atomic():
            for app in DEMO_ORDER:
                try:
                    module = importlib.import_module(f"innoladder.{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name in (f"innoladder.{app}", f"innoladder.{app}.demo"):
                        continue
                    raise
                module.load()
                loaded.append(app)
        self.stdout.write(self.style.SUCCESS("演示数据已载入：" + "、".join(loaded)))
