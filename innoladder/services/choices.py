from django.db import models


class Topic(models.TextChoices):
    UPGRADE = "upgrade", "企业升级"
    PROJECT = "project", "项目申报"
    FUNDING = "funding", "争取资金"
    INNOVATION = "innovation", "创新需求"
    RND_LEDGER = "rnd_ledger", "研发费用归集"
    POLICY = "policy", "政策宣传"
    OTHER = "other", "其他"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "待受理"
    IN_PROGRESS = "in_progress", "办理中"
    RESOLVED = "resolved", "已办结"
    RETURNED = "returned", "退回"


OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.IN_PROGRESS)

# from-status → allowed to-statuses
REQUEST_TRANSITIONS = {
    RequestStatus.PENDING: (RequestStatus.IN_PROGRESS, RequestStatus.RETURNED),
    RequestStatus.IN_PROGRESS: (RequestStatus.RESOLVED, RequestStatus.RETURNED),
    RequestStatus.RESOLVED: (),
    RequestStatus.RETURNED: (),
}
