from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.choices import level_members

ProjectLevel = models.TextChoices("ProjectLevel", level_members("NATIONAL", "PROVINCIAL", "MUNICIPAL"))


class ProjectStatus(models.TextChoices):
    APPLIED = "applied", _("申报")
    APPROVED = "approved", _("立项")
    IN_PROGRESS = "in_progress", _("在研")
    MIDTERM = "midterm", _("中期检查")
    ACCEPTANCE = "acceptance", _("验收")
    CLOSED = "closed", _("结题")
    TERMINATED = "terminated", _("终止")


S = ProjectStatus
PROJECT_TRANSITIONS = {
    S.APPLIED: (S.APPROVED, S.TERMINATED),
    S.APPROVED: (S.IN_PROGRESS, S.TERMINATED),
    S.IN_PROGRESS: (S.MIDTERM, S.ACCEPTANCE, S.TERMINATED),
    S.MIDTERM: (S.IN_PROGRESS, S.ACCEPTANCE, S.TERMINATED),
    S.ACCEPTANCE: (S.CLOSED, S.TERMINATED),
    S.CLOSED: (),
    S.TERMINATED: (),
}
# Approved and not yet closed or terminated: the projects a bureau tracks.
ACTIVE_STATUSES = (S.APPROVED, S.IN_PROGRESS, S.MIDTERM, S.ACCEPTANCE)
FINAL_STATUSES = (S.CLOSED, S.TERMINATED)
