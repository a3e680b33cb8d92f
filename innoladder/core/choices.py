"""Choice sets that several apps share, declared once so that a value keeps one label everywhere."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    """The level of whoever grants an award, recognises an enterprise or issues a policy, highest first."""

    INTERNATIONAL = "international", _("国际")
    NATIONAL = "national", _("国家级")
    PROVINCIAL = "provincial", _("省级")
    MUNICIPAL = "municipal", _("市级")
    PARK = "park", _("园区级")


def level_members(*names: str) -> list[tuple[str, tuple[str, str]]]:
    """The members of ``Level`` called ``names``, in that order, for ``models.TextChoices(name, members)``:
    an app whose records only take some of the levels declares them with the same values and labels."""
    return [(name, (Level[name].value, Level[name].label)) for name in names]
