from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "innoladder.api"
    label = "api"
    verbose_name = _("数据接口")

    def ready(self):
        from . import schema  # noqa: F401  (registers the token authentication with the schema generator)
