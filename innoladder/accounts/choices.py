from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    # The business role over every park (kept as "admin" so existing accounts and scoping keep their meaning).
    ADMIN = "admin", _("园区管理员")
    OFFICER = "officer", _("园区工作人员")
    AGENCY = "agency", _("服务机构")
    ENTERPRISE = "enterprise", _("企业用户")
    AUDITOR = "auditor", _("审计员")
    # Reads (never changes) every park of one region (市州 or 省) and writes the region's own reports.
    REGIONAL = "regional", _("区域管理人员")
    # 三权分立 (等保 2.0 §8.1.5): three administrator duties, never held by one account, no business data.
    SYSADMIN = "sysadmin", _("系统管理员")
    SECADMIN = "secadmin", _("安全管理员")
    AUDITADMIN = "auditadmin", _("审计管理员")


class RequestKind(models.TextChoices):
    """What a second security administrator must approve (two-person rule)."""

    MFA_RESET = "mfa_reset", _("重置双因素认证")
    PASSWORD_RESET = "password_reset", _("重置密码")
    ROLE_GRANT = "role_grant", _("授予管理或审计角色")


class RequestStatus(models.TextChoices):
    PENDING = "pending", _("待复核")
    APPROVED = "approved", _("已批准并执行")
    REJECTED = "rejected", _("已驳回")
