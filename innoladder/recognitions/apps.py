from django.apps import AppConfig


class RecognitionsConfig(AppConfig):
    name = "innoladder.recognitions"
    label = "recognitions"
    verbose_name = "资质认定与申报"
