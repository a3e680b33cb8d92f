from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollectionConfig(AppConfig):
    name = "innoladder.collection"
    label = "collection"
    verbose_name = _("年度填报")
