from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperationConfig(AppConfig):
    name = "innoladder.cooperation"
    label = "cooperation"
    verbose_name = _("产学研与人才")
