from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecognitionsConfig(AppConfig):
    name = "innoladder.recognitions"
    label = "recognitions"
    verbose_name = _("资质认定与申报")
