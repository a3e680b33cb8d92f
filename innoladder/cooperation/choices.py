from django.db import models


class CooperationKind(models.TextChoices):
    ENTRUSTED = "entrusted", "委托开发"
    JOINT = "joint", "合作研发"
    TRANSFER = "transfer", "技术转让"
    SERVICE = "service", "技术咨询与服务"
    PLATFORM = "platform", "共建研发平台"
    TRAINING = "training", "人才联合培养"
    OTHER = "other", "其他"


class IntroductionMode(models.TextChoices):
    TRANSFER = "transfer", "转让"
    LICENSE = "license", "许可"


class TalentCategory(models.TextChoices):
    LEADING = "leading", "领军人才"
    TOP = "top", "拔尖人才"
    DISCIPLINE_LEADER = "discipline_leader", "技术学科带头人"
    OTHER = "other", "其他"


class TalentStatus(models.TextChoices):
    RESERVED = "reserved", "储备"
    RECOGNISED = "recognised", "已认定"
