from django.apps import AppConfig


class ProjectsConfig(AppConfig):
    name = "innoladder.projects"
    label = "projects"
    verbose_name = "科技计划项目"
