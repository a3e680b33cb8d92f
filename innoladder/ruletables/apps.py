from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RuletablesConfig(AppConfig):
    name = "innoladder.ruletables"
    label = "ruletables"
    verbose_name = _("认定标准与规则表")
