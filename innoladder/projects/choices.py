from django.db import models


class ProjectLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    MUNICIPAL = "municipal", "市级"


class ProjectStatus(models.TextChoices):
    APPLIED = "applied", "申报"
    APPROVED = "approved", "立项"
    IN_PROGRESS = "in_progress", "在研"
    MIDTERM = "midterm", "中期检查"
    ACCEPTANCE = "acceptance", "验收"
    CLOSED = "closed", "结题"
    TERMINATED = "terminated", "终止"


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
