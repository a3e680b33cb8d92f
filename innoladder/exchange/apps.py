from django.apps import AppConfig


class ExchangeConfig(AppConfig):
    name = "innoladder.exchange"
    label = "exchange"
    verbose_name = "省级平台数据交换"
