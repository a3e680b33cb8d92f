from django.apps import AppConfig


class AssessmentsConfig(AppConfig):
    name = "innoladder.assessments"
    label = "assessments"
    verbose_name = "评估"
