from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "innoladder.core"
    label = "core"
    verbose_name = "基础"

    def ready(self):
        # Job handlers register themselves when their module is imported.
        from . import job_handlers

        job_handlers.load_all()
