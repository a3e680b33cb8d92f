from django.apps import AppConfig


class CooperationConfig(AppConfig):
    name = "innoladder.cooperation"
    label = "cooperation"
    verbose_name = "产学研与人才"
