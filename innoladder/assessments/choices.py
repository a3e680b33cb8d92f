from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.eligibility.plan import NAMES
from innoladder.ruletables.english import translate_lazy


class Outcome(models.TextChoices):
    ELIGIBLE = "eligible", _("符合条件")
    NOT_ELIGIBLE = "not_eligible", _("不符合")
    INSUFFICIENT = "insufficient_data", _("数据不足")


class Standing(models.TextChoices):
    """Where an enterprise stands on one tier; ordered from nearest to farthest."""

    HELD = "held", _("已持有")
    ELIGIBLE = "eligible", _("已符合条件")
    CLOSE = "close", _("接近")
    FAR = "far", _("差距较大")
    UNKNOWN = "unknown", _("数据不足")


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
    **NAMES,  # the engine's built-in tiers, in ladder order
    # No built-in rules: assessed only when an administrator's rule table is in force (``ruletables``).
    "qh_tech_little_giant": "青海省科技小巨人企业",
}
SCHEME_CHOICES = [(scheme, translate_lazy(name)) for scheme, name in SCHEME_NAMES.items()]
