from django.db import models
from django.utils.translation import gettext_lazy as _


class CampaignStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class SubmissionStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("未开始")
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("已提交")
    RETURNED = "returned", _("已退回")
    ACCEPTED = "accepted", _("已采纳")


# Which status may move to which: everything else is refused.
TRANSITIONS = {
    SubmissionStatus.NOT_STARTED: {SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED},
    SubmissionStatus.DRAFT: {SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED},
    SubmissionStatus.RETURNED: {SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED},
    SubmissionStatus.SUBMITTED: {SubmissionStatus.RETURNED, SubmissionStatus.ACCEPTED},
    SubmissionStatus.ACCEPTED: set(),
}
