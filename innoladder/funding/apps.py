from django.apps import AppConfig


class FundingConfig(AppConfig):
    name = "innoladder.funding"
    label = "funding"
    verbose_name = "扶持资金与创新券"
