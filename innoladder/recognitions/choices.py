from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.choices import level_members


class Scheme(models.TextChoices):
    """Recognition schemes, named by the glossary's rule-set ids."""

    TSME = "tsme", _("科技型中小企业")
    HNTE = "hnte", _("高新技术企业")
    INNOVATIVE_SME = "innovative_sme", _("创新型中小企业")
    SRDI_SME = "srdi_sme", _("专精特新中小企业")
    LITTLE_GIANT = "little_giant", _("专精特新“小巨人”企业")
    TECH_INNOVATIVE_SME = "tech_innovative_sme", _("科技和创新型中小企业")
    QH_TECH_ENTERPRISE = "qh_tech_enterprise", _("青海省科技型企业")
    QH_TECH_LITTLE_GIANT = "qh_tech_little_giant", _("青海省科技小巨人企业")
    OTHER = "other", _("其他")


RecognitionLevel = models.TextChoices(
    "RecognitionLevel", level_members("NATIONAL", "PROVINCIAL", "MUNICIPAL", "PARK")
)


class RecognitionStatus(models.TextChoices):
    VALID = "valid", _("有效")
    EXPIRING = "expiring", _("即将到期")
    EXPIRED = "expired", _("已到期")
    REVOKED = "revoked", _("已撤销")
    CANCELLED = "cancelled", _("已取消")


HELD_STATUSES = (RecognitionStatus.VALID, RecognitionStatus.EXPIRING)


class ValidityKind(models.TextChoices):
    """How a scheme's validity end is computed from the issue date."""

    YEARS_FROM_ISSUE = "years_from_issue", _("自发证之日起N年")
    REGISTRATION_YEAR = "registration_year", _("登记当年有效（至12月31日）")
    YEARS_TO_YEAR_END = "years_to_year_end", _("N年，至期满年度12月31日")


class ApplicationKind(models.TextChoices):
    NEW = "new", _("首次认定")
    RENEWAL = "renewal", _("重新认定")


class ApplicationStatus(models.TextChoices):
    INTENT = "intent", _("意向")
    PREPARING = "preparing", _("材料准备")
    SUBMITTED = "submitted", _("已提交")
    REVIEWING = "reviewing", _("评审中")
    PUBLICISED = "publicised", _("已公示")
    PASSED = "passed", _("通过")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("撤回")


S = ApplicationStatus
OPEN_STATUSES = (S.INTENT, S.PREPARING, S.SUBMITTED, S.REVIEWING, S.PUBLICISED)
DECIDED_STATUSES = (S.PASSED, S.REJECTED)
FINAL_STATUSES = (S.PASSED, S.REJECTED, S.WITHDRAWN)

# The workflow: from-status → allowed to-statuses. Anything else is refused.
TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.INTENT: (S.PREPARING, S.WITHDRAWN),
    S.PREPARING: (S.SUBMITTED, S.INTENT, S.WITHDRAWN),
    S.SUBMITTED: (S.REVIEWING, S.PREPARING, S.WITHDRAWN),
    S.REVIEWING: (S.PUBLICISED, S.REJECTED, S.WITHDRAWN),
    S.PUBLICISED: (S.PASSED, S.REJECTED),
    S.PASSED: (),
    S.REJECTED: (),
    S.WITHDRAWN: (),
}

# Review steps only the bureau (admin/officer) may take; enterprises and agencies prepare and submit.
STAFF_ONLY_TARGETS = frozenset({S.REVIEWING, S.PUBLICISED, S.PASSED, S.REJECTED})


class ChangeKind(models.TextChoices):
    NAME = "name", _("名称变更")
    MATERIAL = "material", _("重大变化（分立、合并、重组、经营业务变化）")
    RELOCATION = "relocation", _("迁移")


class DocumentKind(models.TextChoices):
    APPLICATION_FORM = "form", _("申报书")
    FINANCIAL = "financial", _("财务审计报告")
    IP = "ip", _("知识产权证明")
    CERTIFICATE = "certificate", _("证书")
    OTHER = "other", _("其他材料")
