from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "innoladder.core"
    label = "core"
    verbose_name = _("基础")

    def ready(self):
        # Job handlers register themselves when their module is imported, and so does the check below.
        from . import job_handlers, migration_check  # noqa: F401

        job_handlers.load_all()
        # A migration or a flush changes data without audit entries: the pages kept so far are stale.
        from django.db.models.signals import post_migrate

        from . import pagecache

        post_migrate.connect(pagecache.bump_after_migrate, sender=self)
