from django.apps import AppConfig


class EnterprisesConfig(AppConfig):
    name = "innoladder.enterprises"
    label = "enterprises"
    verbose_name = "企业档案"
