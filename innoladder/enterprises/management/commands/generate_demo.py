import time

from django.core.management.base import BaseCommand, CommandError

from innoladder.core import pagecache
from innoladder.enterprises import demo_data, generator
from innoladder.enterprises.models import Park


class Command(BaseCommand):
    help = "生成合成演示企业（含年度数据与知识产权），用于规模测试；相同 --seed 生成相同数据"

    def add_arguments(self, parser):
        parser.add_argument("--enterprises", type=int, required=True, help="企业数量")
        parser.add_argument("--park", default=demo_data.GOLMUD, help="园区名称（不存在时新建）")
        parser.add_argument("--years", type=int, default=3, help="每家企业的年度数据年数")
        parser.add_argument("--until", type=int, default=None, help="最近一个年度（默认上一年）")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--batch-size", type=int, default=2000)

    def handle(self, *args, **options):
        count = options["enterprises"]
        if count < 1:
            raise CommandError("--enterprises 须为正整数")
        if not 1 <= options["years"] <= 20:
            raise CommandError("--years 须在1至20之间")
        park, _ = Park.objects.get_or_create(
            name=options["park"], defaults={"division_code": generator.DIVISION, "is_demo": True}
        )
        started = time.monotonic()
        verbosity = options["verbosity"]

        def progress(done: int) -> None:
            if verbosity > 1:
                self.stdout.write(f"已生成 {done}/{count}")

        result = generator.generate(
            count=count,
            park=park,
            years=options["years"],
            seed=options["seed"],
            until=options["until"],
            batch_size=options["batch_size"],
            progress=progress,
        )
        pagecache.bump()  # generated rows carry no audit entries: the pages kept so far are stale
        self.stdout.write(
            self.style.SUCCESS(
                f"已在{park.name}生成 {result.enterprises} 家企业、年度数据 {result.annual_rows} 行、"
                f"知识产权 {result.ip_rows} 件，用时 {time.monotonic() - started:.1f} 秒"
            )
        )
