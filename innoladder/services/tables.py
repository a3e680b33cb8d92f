from django.utils import timezone
from django.utils.translation import gettext as _

from innoladder.accounts.choices import Role
from innoladder.core import viewkit as vk
from innoladder.core.scoping import VIEW, for_user
from innoladder.core.xlsx import Column
from innoladder.enterprises.models import Enterprise


def _names(items) -> str:
    return _("、").join(str(item) for item in items)


def _staff(visit) -> str:
    return _("、").join(
        [str(u) for u in visit.staff.all()] + ([visit.staff_names] if visit.staff_names else [])
    )


def _topics(visit) -> str:
    return _("、").join(visit.topic_labels)


def visit_enterprises(request):
    """The visit's enterprises the user may see (one scope query per request, not per row)."""
    if request.user.role == Role.ADMIN:
        return lambda visit: _names(visit.enterprises.all())
    visible = set(for_user(Enterprise.objects.all(), request.user, VIEW).values_list("pk", flat=True))
    return lambda visit: _names(e for e in visit.enterprises.all() if e.pk in visible)


def visit_columns(request):
    return [
        vk.link(_("走访日期"), lambda v: v.visited_on),
        vk.Col(_("走访企业"), visit_enterprises(request)),
        vk.Col(_("走访部门"), lambda v: v.department),
        vk.Col(_("走访人员"), _staff),
        vk.Col(_("服务机构"), lambda v: v.agency or ""),
        vk.Col(_("走访内容"), _topics),
    ]


def visit_export(request):
    return [
        Column("走访日期", "visited_on", "date", 12),
        Column("走访企业", visit_enterprises(request), width=40),
        Column("走访部门", "department"),
        Column("走访人员", _staff, width=24),
        Column("服务机构", lambda v: v.agency.name if v.agency else ""),
        Column("走访内容", _topics, width=30),
        Column("走访记录", "notes", width=50),
        Column("后续跟进", "follow_up", width=40),
    ]


def request_columns():
    today = timezone.localdate()
    overdue = lambda r: r.overdue_on(today)  # noqa: E731
    return [
        vk.link(_("诉求事项"), lambda r: r.title),
        vk.Col(_("企业"), lambda r: r.enterprise.name),
        vk.Col(_("类别"), lambda r: r.category.name),
        vk.Col(_("提出日期"), lambda r: r.raised_on),
        vk.Col(_("办理时限"), lambda r: r.due_on, css=lambda r: "table-danger" if overdue(r) else ""),
        vk.Col(
            _("状态"),
            lambda r: r.get_status_display() + (_("（超期）") if overdue(r) else ""),
            css=lambda r: "text-danger fw-bold" if overdue(r) else "",
        ),
        vk.Col(_("责任部门"), lambda r: r.department),
        vk.Col(_("满意度"), lambda r: r.satisfaction or ""),
    ]


def request_export():
    today = timezone.localdate()
    return [
        Column("企业名称", "enterprise.name", width=30),
        Column("诉求类别", "category.name"),
        Column("诉求事项", "title", width=30),
        Column("诉求内容", "description", width=40),
        Column("提出日期", "raised_on", "date", 12),
        Column("办理时限", "due_on", "date", 12),
        Column("状态", lambda r: r.get_status_display()),
        Column("是否超期", lambda r: "是" if r.overdue_on(today) else "否", width=8),
        Column("责任部门", "department"),
        Column("责任人", "responsible"),
        Column("办理结果", "resolution", width=40),
        Column("办结日期", "resolved_on", "date", 12),
        Column("退回原因", "return_reason", width=30),
        Column("满意度", "satisfaction", "int", 8),
    ]
