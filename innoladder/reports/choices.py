from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop


class Section(models.TextChoices):
    """The sections of a work report, in the order they are written."""

    CULTIVATION = "cultivation", _("企业培育")
    PROJECTS = "projects", _("创新驱动项目")
    SERVICES = "services", _("服务机制")
    POLICIES = "policies", _("政策落实")
    NEXT_STEPS = "next_steps", _("下一步工作")


SECTION_NUMERALS = ("一", "二", "三", "四", "五", "六")
# A section's title: its numeral (or number, in another language) and its name.
SECTION_TITLE = gettext_noop("{numeral}、{title}")
