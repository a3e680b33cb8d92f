from django.apps import AppConfig


class RuletablesConfig(AppConfig):
    name = "innoladder.ruletables"
    label = "ruletables"
    verbose_name = "认定标准与规则表"
