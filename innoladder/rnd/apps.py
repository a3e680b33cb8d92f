from django.apps import AppConfig


class RndConfig(AppConfig):
    name = "innoladder.rnd"
    label = "rnd"
    verbose_name = "研发费用"
