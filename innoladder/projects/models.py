import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import OPTIONAL_MONEY, StatusChange, detail_url, optional_fk, status_fields
from innoladder.enterprises.models import EnterpriseChild, enterprise_fk

from .choices import ProjectLevel, ProjectStatus


class Project(EnterpriseChild):
    """An S&T plan project (科技计划项目) led by one enterprise; scoped through the lead enterprise."""

    enterprise = enterprise_fk("plan_projects", _("承担企业"))
    partners = models.ManyToManyField(
        "enterprises.Enterprise", blank=True, related_name="partner_projects", verbose_name=_("合作企业")
    )
    partner_institutions = models.CharField(_("合作高校/院所"), max_length=300, blank=True)
    programme = models.CharField(_("计划类别"), max_length=100)
    level = models.CharField(_("级别"), max_length=20, choices=ProjectLevel.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    batch = models.CharField(_("批次"), max_length=50, blank=True)
    number = models.CharField(_("项目编号"), max_length=60, blank=True)
    title = models.CharField(_("项目名称"), max_length=300)
    government_funding = models.DecimalField(_("财政资助(元)"), **OPTIONAL_MONEY)
    self_raised = models.DecimalField(_("自筹资金(元)"), **OPTIONAL_MONEY)
    starts_on = models.DateField(_("开始日期"), null=True, blank=True)
    ends_on = models.DateField(_("结束日期"), null=True, blank=True)
    applied_on = models.DateField(_("申报日期"), null=True, blank=True)
    approved_on = models.DateField(_("立项日期"), null=True, blank=True)
    finished_on = models.DateField(_("结题/终止日期"), null=True, blank=True)
    status = models.CharField(
        _("状态"), max_length=20, choices=ProjectStatus.choices, default=ProjectStatus.APPLIED
    )
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("科技计划项目")
        ordering = ["-year", "title"]
        indexes = [models.Index(fields=["status"]), models.Index(fields=["approved_on"])]

    def __str__(self):
        return self.title

    get_absolute_url = detail_url("project_detail")


class ProjectHistory(StatusChange):
    """One status change of a project: who, when, from, to, comment."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="history")
    from_status, to_status = status_fields(ProjectStatus.choices)
    on = models.DateField(_("日期"))
    at = models.DateTimeField(_("记录时间"), auto_now_add=True)

    class Meta(StatusChange.Meta):
        verbose_name = verbose_name_plural = _("项目状态记录")


class Milestone(EnterpriseChild):
    """A project milestone with a due date (shown in the obligations calendar until done)."""

    scope_enterprise_path = "project__enterprise"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="milestones")
    title = models.CharField(_("节点"), max_length=200)
    due_on = models.DateField(_("截止日期"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = _("项目节点")
        ordering = ["due_on", "id"]

    def __str__(self):
        return self.title


def report_path(instance, filename):
    # Never the user's file name: a random name with the checked extension.
    return f"projects/reports/{uuid.uuid4().hex}.{instance.extension}"


class ProgressReport(EnterpriseChild):
    """A progress report of a project with an optional checked attachment (served through a scoped view)."""

    scope_enterprise_path = "project__enterprise"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="reports")
    reported_on = models.DateField(_("报告日期"))
    summary = models.TextField(_("进展情况"))
    attachment = models.FileField(_("附件"), upload_to=report_path, blank=True, max_length=200)
    original_name = models.CharField(_("原文件名"), max_length=200, blank=True)
    extension = models.CharField(_("类型"), max_length=8, blank=True)
    size = models.PositiveIntegerField(_("大小(字节)"), default=0)
    uploaded_by = optional_fk(settings.AUTH_USER_MODEL)

    class Meta:
        verbose_name = verbose_name_plural = _("项目进展报告")
        ordering = ["-reported_on", "-id"]

    def __str__(self):
        return f"{self.project} {self.reported_on}"
