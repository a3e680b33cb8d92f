from django.conf import settings
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innoladder.core.labels import Labels
from innoladder.core.models import detail_url, optional_fk
from innoladder.core.scoping import ScopedQuerySet
from innoladder.enterprises.models import enterprise_fk

from . import choices as c
from .serialize import CompactJSONEncoder


class Assessment(models.Model):
    """One run of every rule set for one enterprise on one date, with the facts it used.

    The facts snapshot, the rule-set versions and the settings are stored once per assessment; the
    verdict of each rule set is stored in its SchemeResult row. Pages re-explain a past result by
    running the stored rule-set versions on the stored snapshot (``snapshots.explain``), so the
    enterprise's later data changes never alter it; the criterion texts and the next-step plan are
    not stored a second time.
    """

    scope_enterprise_path = "enterprise"

    enterprise = enterprise_fk("assessments")
    assessed_on = models.DateField(gettext_lazy("评估基准日"))
    run_by = optional_fk(settings.AUTH_USER_MODEL, gettext_lazy("评估人"))
    job = optional_fk("core.Job", gettext_lazy("批量任务"))
    # serialize.snapshot_dict: the engine's facts JSON without fields at their default value.
    facts = models.JSONField(gettext_lazy("评估所用数据快照"), default=dict, encoder=CompactJSONEncoder)
    versions = models.JSONField(gettext_lazy("规则版本"), default=dict, encoder=CompactJSONEncoder)
    settings = models.JSONField(
        gettext_lazy("口径设置（仅记与默认不同者）"), default=dict, encoder=CompactJSONEncoder
    )
    # None: every rule set reads the fiscal year its rule prescribes on ``assessed_on``. A year: the user
    # explicitly chose to assess on the latest year with data instead (shown as such on every verdict).
    data_year = models.PositiveSmallIntegerField(
        gettext_lazy("选定的数据年度（最近有数据的年度）"), null=True, blank=True
    )
    is_latest = models.BooleanField(gettext_lazy("最新一次"), default=True)
    is_demo = models.BooleanField(gettext_lazy("演示数据"), default=False)
    created_at = models.DateTimeField(gettext_lazy("评估时间"), auto_now_add=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = gettext_lazy("评估")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["enterprise", "is_latest"])]

    def __str__(self):
        return f"{self.enterprise} {self.assessed_on} 评估"

    get_absolute_url = detail_url("assessment_detail")


SCHEME_LABEL, OUTCOME_LABEL = Labels(c.SCHEME_CHOICES), Labels(c.Outcome.choices)


class SchemeResult(models.Model):
    """The verdict of one versioned rule set within an assessment (criterion detail: ``snapshots``)."""

    scope_enterprise_path = "enterprise"

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scheme_results")
    enterprise = enterprise_fk("+")
    scheme = models.CharField(gettext_lazy("认定类型"), max_length=30, choices=c.SCHEME_CHOICES)
    ruleset_version = models.CharField(gettext_lazy("规则版本"), max_length=40)
    outcome = models.CharField(gettext_lazy("结论"), max_length=20, choices=c.Outcome.choices)
    standing = models.CharField(gettext_lazy("梯度位置"), max_length=10, choices=c.Standing.choices)
    score = models.DecimalField(gettext_lazy("得分"), max_digits=6, decimal_places=2, null=True, blank=True)
    score_low = models.DecimalField(
        gettext_lazy("得分下限"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    score_high = models.DecimalField(
        gettext_lazy("得分上限"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    met_count = models.PositiveSmallIntegerField(gettext_lazy("满足项数"), default=0)
    total_count = models.PositiveSmallIntegerField(gettext_lazy("评价项数"), default=0)
    conditions_met = models.PositiveSmallIntegerField(gettext_lazy("满足条件数"), default=0)
    conditions_total = models.PositiveSmallIntegerField(gettext_lazy("条件总数"), default=0)
    unmet = models.PositiveSmallIntegerField(gettext_lazy("未满足条件数"), default=0)
    # The fiscal year the verdict read as "last year" (None: the rule set reads no annual data).
    data_year = models.PositiveSmallIntegerField(gettext_lazy("数据年度"), null=True, blank=True)
    # True when the user chose to assess on the latest year with data instead of the rule's year.
    data_year_fallback = models.BooleanField(gettext_lazy("按最近有数据的年度评估"), default=False)
    # True when the enterprise has no figures at all for ``data_year``.
    data_year_missing = models.BooleanField(gettext_lazy("缺少数据年度的数据"), default=False)
    is_latest = models.BooleanField(gettext_lazy("最新一次"), default=True)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = gettext_lazy("分项评估结果")
        ordering = ["assessment", "id"]
        indexes = [models.Index(fields=["is_latest", "scheme", "standing"])]

    def __str__(self):
        return f"{self.enterprise_id} {SCHEME_LABEL(self.scheme)} {OUTCOME_LABEL(self.outcome)}"

    @property
    def data_year_text(self) -> str:
        """The data year as shown next to the verdict, e.g. 「2025年度数据」 or 「缺少2025年度数据」."""
        return data_year_text(
            self.data_year, fallback=self.data_year_fallback, missing=self.data_year_missing
        )


def data_year_text(year: int | None, *, fallback: bool = False, missing: bool = False) -> str:
    """The data year beside a verdict: 「2025年度数据」, 「缺少2025年度数据」 or the chosen fallback year."""
    if year is None:
        return ""
    if missing:
        return _("缺少%(year)s年度数据") % {"year": year}
    if fallback:
        return _("按%(year)s年度数据评估（最近有数据的年度）") % {"year": year}
    return _("%(year)s年度数据") % {"year": year}
