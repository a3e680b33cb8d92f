"""Check the audit log's hash chain (core.audit_chain); exit code 1 at the first broken link."""

from django.core.management.base import BaseCommand, CommandError

from innoladder.core import audit_chain, audit_check


class Command(BaseCommand):
    help = "校验审计日志哈希链：报告第一个断点（记录 ID 与时间），校验失败时退出码为 1 并通知安全管理员"

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-alert",
            action="store_true",
            help="只校验：不写审计记录、不通知安全管理员（例如在只读副本上）",
        )

    def handle(self, *args, **options):
        if options["no_alert"]:
            result = audit_chain.verify()
        else:
            result = audit_check.verify_and_alert()
        if not result.ok:
            raise CommandError(result.summary(), returncode=1)
        self.stdout.write(self.style.SUCCESS(result.summary()))
