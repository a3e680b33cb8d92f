from django.db import models


class Section(models.TextChoices):
    """The sections of a work report, in the order they are written."""

    CULTIVATION = "cultivation", "企业培育"
    PROJECTS = "projects", "创新驱动项目"
    SERVICES = "services", "服务机制"
    POLICIES = "policies", "政策落实"
    NEXT_STEPS = "next_steps", "下一步工作"


SECTION_NUMERALS = ("一", "二", "三", "四", "五", "六")
