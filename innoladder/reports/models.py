from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import Tracked, dates_in_order, detail_url, optional_fk, unique_key

from . import choices as c


class WorkReport(Tracked):
    """A generated period work report (工作总结) of one park, or of one region (its parks added up): the text
    per section and the facts behind it.

    `sections` and `facts` are the generator's output as it stood when the report was made: the facts keep
    the ids of the rows they counted, so every figure can be traced and a re-generation compared. What an
    officer edits lives in `WorkReportEdit`, never here.
    """

    park = optional_fk("enterprises.Park", _("园区"), on_delete=models.PROTECT, related_name="work_reports")
    region = optional_fk(
        "enterprises.Region", _("区域"), on_delete=models.PROTECT, related_name="work_reports"
    )
    period_start = models.DateField(_("开始日期"))
    period_end = models.DateField(_("结束日期"))
    title = models.CharField(_("标题"), max_length=200)
    sections = models.JSONField(_("生成文本"), default=list, blank=True)
    facts = models.JSONField(_("数据快照"), default=list, blank=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL, _("生成人"))
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("工作总结")
        ordering = ["-created_at", "-id"]
        constraints = [
            dates_in_order("period_start", "period_end", "workreport_period_ordered"),
            # A report counts one park or one region, never both or neither.
            models.CheckConstraint(
                condition=models.Q(park__isnull=False, region__isnull=True)
                | models.Q(park__isnull=True, region__isnull=False),
                name="workreport_park_or_region",
            ),
        ]
        indexes = [models.Index(fields=["park", "-created_at"])]

    def __str__(self):
        return self.title

    get_absolute_url = detail_url("report_detail")

    @property
    def scope(self):
        """What the report counts: its park, or its region."""
        return self.park if self.park_id is not None else self.region

    def fact(self, key: str) -> dict | None:
        for fact in self.facts:
            if fact["key"] == key:
                return fact
        return None


class WorkReportEdit(Tracked):
    """An officer's edited text of one section of a report; the generated text stays untouched."""

    report = models.ForeignKey(WorkReport, on_delete=models.CASCADE, related_name="edits")
    section = models.CharField(_("章节"), max_length=30, choices=c.Section.choices)
    text = models.TextField(_("修改后文本"))
    edited_by = optional_fk(settings.AUTH_USER_MODEL, _("修改人"))

    class Meta:
        verbose_name = verbose_name_plural = _("工作总结修改稿")
        ordering = ["report", "section"]
        constraints = [unique_key("report", "section")]

    def __str__(self):
        return f"{self.report} · {self.get_section_display()}"
