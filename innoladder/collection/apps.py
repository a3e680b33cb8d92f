from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "innoladder.collection"
    label = "collection"
    verbose_name = "年度填报"
