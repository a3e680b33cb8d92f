from django.db import models

from .matching import FIELDS, OPERATORS, TIER_LABELS


class PolicyLevel(models.TextChoices):
    NATIONAL = "national", "国家级"
    PROVINCIAL = "provincial", "省级"
    MUNICIPAL = "municipal", "市级"
    PARK = "park", "园区级"


Tier = models.TextChoices("Tier", [(k, (k, v)) for k, v in TIER_LABELS.items()])
ConditionField = models.TextChoices("ConditionField", [(k, (k, v[0])) for k, v in FIELDS.items()])
Operator = models.TextChoices("Operator", [(f"op{i}", (k, v)) for i, (k, v) in enumerate(OPERATORS.items())])


class Channel(models.TextChoices):
    VISIT = "visit", "上门走访"
    MEETING = "meeting", "政策宣讲会"
    ONLINE = "online", "线上推送"
    PHONE = "phone", "电话"
    OTHER = "other", "其他"
