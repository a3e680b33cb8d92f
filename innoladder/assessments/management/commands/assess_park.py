import datetime as dt
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from innoladder.assessments import services
from innoladder.enterprises.models import Enterprise, Park


class Command(BaseCommand):
    help = "同步评估一个园区全部在园企业（运维用），逐批打印进度"

    def add_arguments(self, parser):
        parser.add_argument("--park", required=True, help="园区名称")
        parser.add_argument("--on", help="评估基准日 YYYY-MM-DD（默认今天）")
        parser.add_argument("--batch-size", type=int, default=services.BATCH)
        parser.add_argument("--workers", type=int, default=None, help="并行进程数（默认按CPU核数，最多4）")

    def handle(self, *args, **options):
        park = Park.objects.filter(name=options["park"]).first()
        if park is None:
            raise CommandError(f"园区不存在：{options['park']}")
        try:
            on = dt.date.fromisoformat(options["on"]) if options["on"] else timezone.localdate()
        except ValueError:
            raise CommandError(f"日期应为 YYYY-MM-DD：{options['on']}") from None
        queryset = Enterprise.objects.filter(park=park, status="active")
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-6)
            self.stdout.write(f"已评估 {done}/{total} 家企业（{rate:.0f} 家/秒）")

        summary = services.assess_many(
            user=None,
            queryset=queryset,
            on=on,
            progress=progress,
            batch_size=options["batch_size"],
            workers=options["workers"] or services.default_workers(),
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"{park.name}：{summary['enterprises']} 家企业评估完成（基准日 {on.isoformat()}），"
                f"用时 {time.monotonic() - started:.1f} 秒"
            )
        )
