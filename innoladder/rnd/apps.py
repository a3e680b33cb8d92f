from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RndConfig(AppConfig):
    name = "innoladder.rnd"
    label = "rnd"
    verbose_name = _("研发费用")
