from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ServicesConfig(AppConfig):
    name = "innoladder.services"
    label = "services"
    verbose_name = _("走访与诉求")
