from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "innoladder.projects"
    label = "projects"
    verbose_name = _("科技计划项目")
