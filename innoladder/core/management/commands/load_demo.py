import importlib

from django.core.management.base import BaseCommand
from django.db import transaction

from innoladder.core import pagecache, schedule

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


def load_apps(apps=DEMO_ORDER) -> list[str]:
    """Load the demo data of `apps` in the order given (an app without a demo module is passed over);
    the apps loaded."""
    loaded = []
    for app in apps:
        try:
            module = importlib.import_module(f"innoladder.{app}.demo")
        except ModuleNotFoundError as exc:
            if exc.name in (f"innoladder.{app}", f"innoladder.{app}.demo"):
                continue
            raise
        module.load()
        loaded.append(app)
    return loaded


class Command(BaseCommand):
    help = "载入格尔木工业园演示数据（标记为演示数据，可重复执行）"

    def handle(self, *args, **options):
        with transaction.atomic():
            loaded = load_apps()
            # Demo rows are written without audit entries: the pages kept so far are stale.
            pagecache.changed("load_demo", transaction.get_connection().alias)
        self.stdout.write(self.style.SUCCESS("演示数据已载入：" + "、".join(loaded)))
        # Today's reminder run, claimed like a worker tick claims it (the worker then runs it, and does
        # not run it a second time today); already claimed today when the demo is loaded again.
        if schedule.run_due(names=("recognitions.reminders",)):
            self.stdout.write("已提交到期提醒任务（由后台任务进程运行）")
