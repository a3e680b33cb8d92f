from django.db import models


class CampaignStatus(models.TextChoices):
    OPEN = "open", "进行中"
    CLOSED = "closed", "已结束"


class SubmissionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "未开始"
    DRAFT = "draft", "草稿"
    SUBMITTED = "submitted", "已提交"
    RETURNED = "returned", "已退回"
    ACCEPTED = "accepted", "已采纳"


# Which status may move to which: everything else is refused.
TRANSITIONS = {
    SubmissionStatus.NOT_STARTED: {SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED},
    SubmissionStatus.DRAFT: {SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED},
    SubmissionStatus.RETURNED: {SubmissionStatus.DRAFT, SubmissionStatus.SUBMITTED},
    SubmissionStatus.SUBMITTED: {SubmissionStatus.RETURNED, SubmissionStatus.ACCEPTED},
    SubmissionStatus.ACCEPTED: set(),
}
