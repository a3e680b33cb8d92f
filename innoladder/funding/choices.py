from django.db import models

from innoladder.eligibility.voucher import HOLDER_LABELS, SERVICE_LABELS


class ProgrammeKind(models.TextChoices):
    FACTOR = "factor", "生产要素"
    TRANSFORMATION = "transformation", "转型升级"
    VOUCHER = "voucher", "创新券"
    RD_SUBSIDY = "rd_subsidy", "研发投入补助"
    OTHER = "other", "其他"


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", "申请"
    ACCEPTED = "accepted", "已受理"
    APPROVED = "approved", "已批准"
    REJECTED = "rejected", "未批准"
    PAID = "paid", "已拨付"


# Allowed workflow moves: 申请 → 已受理 → 已批准 (or 未批准) → 已拨付.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ApplicationStatus.APPLIED: (ApplicationStatus.ACCEPTED,),
    ApplicationStatus.ACCEPTED: (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED),
    ApplicationStatus.APPROVED: (ApplicationStatus.PAID,),
    ApplicationStatus.REJECTED: (),
    ApplicationStatus.PAID: (),
}

HolderType = models.TextChoices("HolderType", [(k, (k, v)) for k, v in HOLDER_LABELS.items()])
ServiceType = models.TextChoices("ServiceType", [(k, (k, v)) for k, v in SERVICE_LABELS.items()])
