from django.db import models
from django.utils.translation import gettext_lazy as _


class CooperationKind(models.TextChoices):
    ENTRUSTED = "entrusted", _("委托开发")
    JOINT = "joint", _("合作研发")
    TRANSFER = "transfer", _("技术转让")
    SERVICE = "service", _("技术咨询与服务")
    PLATFORM = "platform", _("共建研发平台")
    TRAINING = "training", _("人才联合培养")
    OTHER = "other", _("其他")


class IntroductionMode(models.TextChoices):
    TRANSFER = "transfer", _("转让")
    LICENSE = "license", _("许可")


class TalentCategory(models.TextChoices):
    LEADING = "leading", _("领军人才")
    TOP = "top", _("拔尖人才")
    DISCIPLINE_LEADER = "discipline_leader", _("技术学科带头人")
    OTHER = "other", _("其他")


class TalentStatus(models.TextChoices):
    RESERVED = "reserved", _("储备")
    RECOGNISED = "recognised", _("已认定")
