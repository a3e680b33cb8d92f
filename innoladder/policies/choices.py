from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.choices import level_members
from innoladder.ruletables.english import translate_lazy

from .matching import FIELDS, OPERATORS, TIER_LABELS

PolicyLevel = models.TextChoices("PolicyLevel", level_members("NATIONAL", "PROVINCIAL", "MUNICIPAL", "PARK"))


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
