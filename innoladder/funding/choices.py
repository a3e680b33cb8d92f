from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.eligibility.voucher import HOLDER_LABELS, SERVICE_LABELS
from innoladder.ruletables.english import translate_lazy


class ProgrammeKind(models.TextChoices):
    FACTOR = "factor", _("生产要素")
    TRANSFORMATION = "transformation", _("转型升级")
    VOUCHER = "voucher", _("创新券")
    RD_SUBSIDY = "rd_subsidy", _("研发投入补助")
    OTHER = "other", _("其他")


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("申请")
    ACCEPTED = "accepted", _("已受理")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("未批准")
    PAID = "paid", _("已拨付")


# Allowed workflow moves: 申请 → 已受理 → 已批准 (or 未批准) → 已拨付.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    ApplicationStatus.APPLIED: (ApplicationStatus.ACCEPTED,),
    ApplicationStatus.ACCEPTED: (ApplicationStatus.APPROVED, ApplicationStatus.REJECTED),
    ApplicationStatus.APPROVED: (ApplicationStatus.PAID,),
    ApplicationStatus.REJECTED: (),
    ApplicationStatus.PAID: (),
}

HolderType = models.TextChoices("HolderType", [(k, (k, translate_lazy(v))) for k, v in HOLDER_LABELS.items()])
ServiceType = models.TextChoices(
    "ServiceType", [(k, (k, translate_lazy(v))) for k, v in SERVICE_LABELS.items()]
)
