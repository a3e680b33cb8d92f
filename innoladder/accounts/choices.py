from django.db import models


class Role(models.TextChoices):
    ADMIN = "admin", "系统管理员"
    OFFICER = "officer", "园区工作人员"
    AGENCY = "agency", "服务机构"
    ENTERPRISE = "enterprise", "企业用户"
    AUDITOR = "auditor", "审计员"
