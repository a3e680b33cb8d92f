from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from innoladder.core.models import (
    NATURAL_KEY,
    StatusChange,
    Tracked,
    detail_url,
    optional_fk,
    status_fields,
    unique_key,
)
from innoladder.core.scoping import ScopedQuerySet
from innoladder.enterprises.models import EnterpriseChild, enterprise_fk

from . import rules
from .choices import RequestStatus, Topic


class RequestCategory(models.Model):
    """A kind of enterprise request with its handling time limit in calendar days (configurable)."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("类别"), max_length=50, unique=True)
    days = models.PositiveSmallIntegerField(_("办理时限(天)"))
    order = models.PositiveSmallIntegerField(_("排序"), default=0)
    active = models.BooleanField(_("启用"), default=True)

    class Meta:
        verbose_name = verbose_name_plural = _("诉求类别")
        ordering = ["order", "name"]

    def __str__(self):
        return gettext("%(name)s（%(days)s天）") % {"name": self.name, "days": self.days}


class Visit(Tracked):
    """A visit (走访/上门服务) to one or more enterprises by park staff and/or a service agency.

    Scoped through its enterprises: a user sees the visit when they may see any of them.
    """

    scope_enterprise_path = "enterprises"

    visited_on = models.DateField(_("走访日期"))
    enterprises = models.ManyToManyField(
        "enterprises.Enterprise", related_name="visits", verbose_name=_("走访企业")
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="service_visits", verbose_name=_("走访人员")
    )
    department = models.CharField(_("走访部门"), max_length=100, blank=True)
    staff_names = models.CharField(_("其他走访人员"), max_length=200, blank=True)
    agency = optional_fk(
        "accounts.ServiceAgency", _("服务机构"), on_delete=models.PROTECT, related_name="visits"
    )
    topics = models.JSONField(_("走访内容"), default=list, blank=True)
    notes = models.TextField(_("走访记录"), blank=True)
    follow_up = models.TextField(_("后续跟进"), blank=True)
    created_by = optional_fk(settings.AUTH_USER_MODEL)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    objects = ScopedQuerySet.as_manager()

    class Meta:
        verbose_name = verbose_name_plural = _("走访记录")
        ordering = ["-visited_on", "-id"]
        indexes = [models.Index(fields=["visited_on"])]

    def __str__(self):
        return gettext("%(date)s 走访") % {"date": self.visited_on}

    def named(self) -> str:
        """The visit with the enterprises it visited, for choices where visits of one day must be told
        apart (reads `enterprises.all()`: prefetch them for a list)."""
        names = gettext("、").join(enterprise.name for enterprise in self.enterprises.all())
        return gettext("%(date)s 走访 %(names)s") % {"date": self.visited_on, "names": names}

    get_absolute_url = detail_url("visit_detail")

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels.get(code, code)) for code in self.topics]


class EnterpriseRequest(EnterpriseChild):
    """An enterprise's request (诉求), raised in a visit or by the enterprise user, handled to a deadline."""

    enterprise = enterprise_fk("service_requests")
    visit = optional_fk(Visit, _("来源走访"), related_name="requests")
    category = models.ForeignKey(RequestCategory, on_delete=models.PROTECT, verbose_name=_("诉求类别"))
    title = models.CharField(_("诉求事项"), max_length=200)
    description = models.TextField(_("诉求内容"), blank=True)
    raised_on = models.DateField(_("提出日期"))
    raised_by = optional_fk(settings.AUTH_USER_MODEL)
    department = models.CharField(_("责任部门"), max_length=100, blank=True)
    responsible = models.CharField(_("责任人"), max_length=50, blank=True)
    due_on = models.DateField(_("办理时限"))
    status = models.CharField(
        _("状态"), max_length=20, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    return_reason = models.CharField(_("退回原因"), max_length=300, blank=True)
    resolution = models.TextField(_("办理结果"), blank=True)
    resolved_on = models.DateField(_("办结日期"), null=True, blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    satisfaction_note = models.CharField(_("评价意见"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("演示数据"), default=False)

    class Meta:
        verbose_name = verbose_name_plural = _("企业诉求")
        ordering = ["-raised_on", "-id"]
        indexes = [models.Index(fields=["status", "due_on"]), models.Index(fields=["raised_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True)
                | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="services_request_satisfaction_1_5",
            )
        ]

    def __str__(self):
        return self.title

    get_absolute_url = detail_url("request_detail")

    def overdue_on(self, on) -> bool:
        return rules.is_overdue(self.due_on, self.status, on)

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(timezone.localdate())


class RequestHistory(StatusChange):
    """One status change of a request: who, when, from, to and why."""

    request = models.ForeignKey(EnterpriseRequest, on_delete=models.CASCADE, related_name="history")
    from_status, to_status = status_fields(RequestStatus.choices)

    class Meta(StatusChange.Meta):
        verbose_name = verbose_name_plural = _("诉求办理记录")


class VisitImportRow(EnterpriseChild):
    """One row of an imported visit sheet (one enterprise per row), waiting to become a Visit.

    The shared Excel framework writes rows with bulk inserts and cannot set a visit's several enterprises,
    so rows land here first; `services.visit_import_apply` then turns rows with the same date, department,
    topics and notes into one Visit covering all their enterprises.
    """

    enterprise = enterprise_fk("visit_import_rows")
    visited_on = models.DateField(_("走访日期"))
    department = models.CharField(_("走访部门"), max_length=100)
    staff_names = models.CharField(_("走访人员"), max_length=200, blank=True)
    topics = models.CharField(_("走访内容"), max_length=200)
    notes = models.TextField(_("走访记录"), blank=True)
    follow_up = models.TextField(_("后续跟进"), blank=True)
    agency = optional_fk("accounts.ServiceAgency", on_delete=models.PROTECT)
    visit = optional_fk(Visit)

    class Meta:
        verbose_name = verbose_name_plural = _("走访导入行")
        ordering = ["visited_on", "id"]
        constraints = [unique_key("enterprise", "visited_on", "department", name=NATURAL_KEY)]

    def __str__(self):
        return f"{self.enterprise} {self.visited_on} {self.department}"
