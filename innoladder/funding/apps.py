from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "innoladder.funding"
    label = "funding"
    verbose_name = _("扶持资金与创新券")
