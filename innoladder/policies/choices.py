from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.ruletables.english import translate_lazy

from .matching import FIELDS, OPERATORS, TIER_LABELS


class PolicyLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    PARK = "park", _("园区级")


Tier = models.TextChoices("Tier", [(k, (k, translate_lazy(v))) for k, v in TIER_LABELS.items()])
ConditionField = models.TextChoices(
    "ConditionField", [(k, (k, translate_lazy(v[0]))) for k, v in FIELDS.items()]
)
Operator = models.TextChoices("Operator", [(f"op{i}", (k, v)) for i, (k, v) in enumerate(OPERATORS.items())])


class Channel(models.TextChoices):
    VISIT = "visit", _("上门走访")
    MEETING = "meeting", _("政策宣讲会")
    ONLINE = "online", _("线上推送")
    PHONE = "phone", _("电话")
    OTHER = "other", _("其他")
