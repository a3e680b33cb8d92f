from django.db import models
from django.utils.translation import gettext_lazy as _


class Topic(models.TextChoices):
    UPGRADE = "upgrade", _("企业升级")
    PROJECT = "project", _("项目申报")
    FUNDING = "funding", _("争取资金")
    INNOVATION = "innovation", _("创新需求")
    RND_LEDGER = "rnd_ledger", _("研发费用归集")
    POLICY = "policy", _("政策宣传")
    OTHER = "other", _("其他")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待受理")
    IN_PROGRESS = "in_progress", _("办理中")
    RESOLVED = "resolved", _("已办结")
    RETURNED = "returned", _("退回")


OPEN_STATUSES = (RequestStatus.PENDING, RequestStatus.IN_PROGRESS)

# from-status → allowed to-statuses
REQUEST_TRANSITIONS = {
    RequestStatus.PENDING: (RequestStatus.IN_PROGRESS, RequestStatus.RETURNED),
    RequestStatus.IN_PROGRESS: (RequestStatus.RESOLVED, RequestStatus.RETURNED),
    RequestStatus.RESOLVED: (),
    RequestStatus.RETURNED: (),
}
