from django.apps import AppConfig


class PoliciesConfig(AppConfig):
    name = "innoladder.policies"
    label = "policies"
    verbose_name = "政策与活动"
