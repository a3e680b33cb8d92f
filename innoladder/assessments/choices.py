from django.db import models


class Outcome(models.TextChoices):
    ELIGIBLE = "eligible", "符合条件"
    NOT_ELIGIBLE = "not_eligible", "不符合"
    INSUFFICIENT = "insufficient_data", "数据不足"


class Standing(models.TextChoices):
    """Where an enterprise stands on one tier; ordered from nearest to farthest."""

    HELD = "held", "已持有"
    ELIGIBLE = "eligible", "已符合条件"
    CLOSE = "close", "接近"
    FAR = "far", "差距较大"
    UNKNOWN = "unknown", "数据不足"


STANDING_ORDER = {
    Standing.ELIGIBLE: 0,
    Standing.CLOSE: 1,
    Standing.FAR: 2,
    Standing.UNKNOWN: 3,
    Standing.HELD: 4,
}

# An enterprise is "close" to a tier when at most this many of its conditions fail.
CLOSE_MAX_UNMET = 1

SCHEME_NAMES = {
    "tsme": "科技型中小企业",
    "hnte": "高新技术企业",
    "innovative_sme": "创新型中小企业",
    "tech_innovative_sme": "科技和创新型中小企业",
    "srdi_sme": "专精特新中小企业",
    "little_giant": "专精特新“小巨人”企业",
    "qh_tech_enterprise": "青海省科技型企业",
    # No built-in rules: assessed only when an administrator's rule table is in force (``ruletables``).
    "qh_tech_little_giant": "青海省科技小巨人企业",
}
SCHEME_CHOICES = list(SCHEME_NAMES.items())
