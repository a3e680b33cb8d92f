from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "innoladder.api"
    label = "api"
    verbose_name = "数据接口"

    def ready(self):
        from . import schema  # noqa: F401  (registers the token authentication with the schema generator)
