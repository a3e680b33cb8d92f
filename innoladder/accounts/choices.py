from django.db import models


class Role(models.TextChoices):
    # The business role over every park (kept as "admin" so existing accounts and scoping keep their meaning).
    ADMIN = "admin", "园区管理员"
    OFFICER = "officer", "园区工作人员"
    AGENCY = "agency", "服务机构"
    ENTERPRISE = "enterprise", "企业用户"
    AUDITOR = "auditor", "审计员"
    # Reads (never changes) every park of one region (市州 or 省) and writes the region's own reports.
    REGIONAL = "regional", "区域管理人员"
    # 三权分立 (等保 2.0 §8.1.5): three administrator duties, never held by one account, no business data.
    SYSADMIN = "sysadmin", "系统管理员"
    SECADMIN = "secadmin", "安全管理员"
    AUDITADMIN = "auditadmin", "审计管理员"


class RequestKind(models.TextChoices):
    """What a second security administrator must approve (two-person rule)."""

    MFA_RESET = "mfa_reset", "重置双因素认证"
    PASSWORD_RESET = "password_reset", "重置密码"
    ROLE_GRANT = "role_grant", "授予管理或审计角色"


class RequestStatus(models.TextChoices):
    PENDING = "pending", "待复核"
    APPROVED = "approved", "已批准并执行"
    REJECTED = "rejected", "已驳回"
