from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "innoladder.services"
    label = "services"
    verbose_name = "走访与诉求"
