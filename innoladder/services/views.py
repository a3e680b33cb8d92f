from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innoladder.accounts.choices import Role
from innoladder.core.scoping import VIEW, for_user
from innoladder.core.services import MissingVersionError, StaleEditError, posted_version
from innoladder.core.xlsx import Column
from innoladder.enterprises.models import Enterprise
from innoladder.enterprises.selectors import enterprise_get

from . import crud, selectors, services
from .choices import REQUEST_TRANSITIONS, RequestStatus
from .crud import Col
from .forms import RatingForm, RequestFilterForm, RequestForm, TransitionForm, VisitFilterForm, VisitForm
from .models import EnterpriseRequest, Visit

MODULES = (
    ("visit_list", gettext_lazy("走访记录"), gettext_lazy("走访、上门服务及企业走访日志")),
    ("request_list", gettext_lazy("企业诉求"), gettext_lazy("诉求受理、办理、办结与满意度评价")),
    ("project_list", gettext_lazy("科技计划项目"), gettext_lazy("项目申报、立项、在研、验收全过程")),
    ("cooperation_list", gettext_lazy("产学研合作"), gettext_lazy("企业与高校、科研院所的合作项目")),
    ("patent_list", gettext_lazy("专利引进"), gettext_lazy("受让或许可引进的专利")),
    ("talent_list", gettext_lazy("人才"), gettext_lazy("领军人才、拔尖人才、技术学科带头人储备")),
    ("fund_list", gettext_lazy("扶持资金与创新券"), gettext_lazy("资金项目申报、拨付与创新券余额")),
    ("contract_list", gettext_lazy("技术合同登记"), gettext_lazy("技术合同认定登记与税收优惠")),
    ("policy_list", gettext_lazy("政策库"), gettext_lazy("政策文件与免申即享匹配")),
    ("event_list", gettext_lazy("活动与培训"), gettext_lazy("政策宣传活动与培训班")),
)


@login_required
def services_home(request):
    modules = []
    for url_name, title, text in MODULES:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        modules.append({"url": url, "title": title, "text": text})
    today = timezone.localdate()
    return render(
        request,
        "services/home.html",
        {"modules": modules, "counts": selectors.request_counts(request.user, today)},
    )


# --- visits -------------------------------------------------------------------------------------


def _names(items) -> str:
    return "、".join(str(item) for item in items)


def _staff(visit) -> str:
    return "、".join([str(u) for u in visit.staff.all()] + ([visit.staff_names] if visit.staff_names else []))


def _visit_enterprises(request, visit):
    """The visit's enterprises the user may see (one scope query per request, not per row)."""
    if request.user.role == Role.ADMIN:
        return list(visit.enterprises.all())
    if not hasattr(request, "_visible_enterprise_ids"):
        visible = for_user(Enterprise.objects.all(), request.user, VIEW).values_list("pk", flat=True)
        request._visible_enterprise_ids = set(visible)
    return [e for e in visit.enterprises.all() if e.pk in request._visible_enterprise_ids]


def _filtered_visits(request):
    form = VisitFilterForm(request.GET or None)
    qs = selectors.visit_list(request.user)
    if form.is_valid():
        qs = selectors.filter_visits(qs, **form.cleaned_data)
    return form, qs


@login_required
def visit_list(request):
    form, qs = _filtered_visits(request)
    columns = [
        Col(_("走访日期"), lambda v: v.visited_on, lambda v: v.get_absolute_url()),
        Col(_("走访企业"), lambda v: _names(_visit_enterprises(request, v))),
        Col(_("走访部门"), lambda v: v.department),
        Col(_("走访人员"), _staff),
        Col(_("服务机构"), lambda v: v.agency or ""),
        Col(_("走访内容"), lambda v: "、".join(v.topic_labels)),
    ]
    return crud.list_page(
        request,
        title=_("走访记录"),
        queryset=qs,
        columns=columns,
        form=form,
        create_url=reverse("visit_create"),
        export_url=reverse("visit_export"),
        import_url=reverse("import_upload", args=["service_visits"]),
        pending_import=selectors.pending_import_rows(request.user).count(),
        apply_import_url=reverse("visit_import_apply"),
    )


@login_required
def visit_export(request):
    form, qs = _filtered_visits(request)
    columns = [
        Column("走访日期", "visited_on", "date", 12),
        Column("走访企业", lambda v: _names(_visit_enterprises(request, v)), width=40),
        Column("走访部门", "department"),
        Column("走访人员", _staff, width=24),
        Column("服务机构", lambda v: v.agency.name if v.agency else ""),
        Column("走访内容", lambda v: "、".join(v.topic_labels), width=30),
        Column("走访记录", "notes", width=50),
        Column("后续跟进", "follow_up", width=40),
    ]
    return crud.export_response(
        request, filename="走访记录.xlsx", title="走访记录", columns=columns, rows=qs, form=form, model=Visit
    )


@login_required
@require_POST
def visit_import_apply(request):
    crud.require_writer(request.user)
    created = services.visit_import_apply(user=request.user)
    messages.success(request, _("已转入 %(n)d 次走访。") % {"n": created})
    return redirect("visit_list")


@login_required
def visit_detail(request, pk):
    visit = selectors.visit_get(request.user, pk)
    requests_qs = selectors.request_list(request.user).filter(visit=visit)
    can_edit = selectors.visit_list(request.user, "change").filter(pk=visit.pk).exists()
    return render(
        request,
        "services/visit_detail.html",
        {
            "visit": visit,
            "enterprises": selectors.visible_enterprises(request.user, visit),
            "requests": requests_qs,
            "can_edit": can_edit,
        },
    )


def _visit_fields(form) -> dict:
    data = dict(form.cleaned_data)
    return {
        "enterprises": list(data.pop("enterprises")),
        "staff": list(data.pop("staff")),
        **data,
    }


@login_required
def visit_create(request):
    crud.require_writer(request.user)
    form = VisitForm(request.POST or None, user=request.user, initial={"visited_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            visit = services.visit_create(user=request.user, **_visit_fields(form))
        except ValidationError as exc:
            form.add_error(None, crud.error_text(exc))
        else:
            messages.success(request, _("走访记录已保存。"))
            return redirect(visit)
    return crud.form_page(request, title=_("新增走访记录"), form=form, back_url=reverse("visit_list"))


@login_required
def visit_edit(request, pk):
    visit = selectors.visit_get(request.user, pk, "change")
    version = visit.version
    form = VisitForm(request.POST or None, instance=visit, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_update(
                visit=visit,
                user=request.user,
                expected_version=posted_version(request.POST),
                **_visit_fields(form),
            )
        except StaleEditError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, crud.error_text(exc))
        else:
            messages.success(request, _("走访记录已更新。"))
            return redirect(visit)
    return crud.form_page(
        request, title=_("编辑走访记录"), form=form, back_url=visit.get_absolute_url(), version=version
    )


@login_required
def enterprise_visit_log(request, enterprise_pk):
    enterprise = enterprise_get(request.user, enterprise_pk)
    log = selectors.enterprise_visit_log(request.user, enterprise)
    return render(
        request,
        "services/visit_log.html",
        {"enterprise": enterprise, "log": log, "repeats": sum(1 for row in log if row["repeated"])},
    )


# --- requests ------------------------------------------------------------------------------------


def _filtered_requests(request):
    form = RequestFilterForm(request.GET or None)
    qs = selectors.request_list(request.user)
    if form.is_valid():
        qs = selectors.filter_requests(qs, on=timezone.localdate(), **form.cleaned_data)
    return form, qs


@login_required
def request_list(request):
    form, qs = _filtered_requests(request)
    today = timezone.localdate()
    columns = [
        Col(_("诉求事项"), lambda r: r.title, lambda r: r.get_absolute_url()),
        Col(_("企业"), lambda r: r.enterprise.name),
        Col(_("类别"), lambda r: r.category.name),
        Col(_("提出日期"), lambda r: r.raised_on),
        Col(_("办理时限"), lambda r: r.due_on, css=lambda r: "table-danger" if r.overdue_on(today) else ""),
        Col(
            _("状态"),
            lambda r: r.get_status_display() + (_("（超期）") if r.overdue_on(today) else ""),
            css=lambda r: "text-danger fw-bold" if r.overdue_on(today) else "",
        ),
        Col(_("责任部门"), lambda r: r.department),
        Col(_("满意度"), lambda r: r.satisfaction or ""),
    ]
    return crud.list_page(
        request,
        title=_("企业诉求"),
        queryset=qs,
        columns=columns,
        form=form,
        create_url=reverse("request_create"),
        export_url=reverse("request_export"),
        can_write=request.user.role != Role.AUDITOR,
    )


@login_required
def request_export(request):
    form, qs = _filtered_requests(request)
    today = timezone.localdate()
    columns = [
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
    return crud.export_response(
        request,
        filename="企业诉求.xlsx",
        title="企业诉求",
        columns=columns,
        rows=qs,
        form=form,
        model=EnterpriseRequest,
    )


@login_required
def request_detail(request, pk, error=""):
    req = selectors.request_get(request.user, pk)
    can_handle = selectors.request_list(request.user, "change").filter(pk=req.pk).exists()
    allowed = REQUEST_TRANSITIONS.get(req.status, ())
    transition_form = TransitionForm(initial={"version": req.version})
    transition_form.fields["to_status"].choices = [(s.value, s.label) for s in allowed]
    can_rate = (
        request.user.role == Role.ENTERPRISE
        and request.user.enterprise_id == req.enterprise_id
        and req.status == RequestStatus.RESOLVED
    )
    return render(
        request,
        "services/request_detail.html",
        {
            "req": req,
            "history": req.history.select_related("actor"),
            "can_handle": can_handle and bool(allowed),
            "can_edit": can_handle,
            "transition_form": transition_form,
            "can_rate": can_rate,
            "rating_form": RatingForm(
                initial={"score": req.satisfaction or 5, "note": req.satisfaction_note}
            ),
            "overdue": req.is_overdue,
            "error": error,
        },
    )


@login_required
def request_create(request):
    user = request.user
    if user.role == Role.ENTERPRISE:
        if user.enterprise_id is None:
            raise Http404
    else:
        crud.require_writer(user)
    initial = {"raised_on": timezone.localdate()}
    if request.GET.get("visit"):
        visit = selectors.visit_list(user, "change").filter(pk=request.GET["visit"]).first()
        if visit is not None:
            initial["visit"] = visit.pk
            initial["enterprise"] = visit.enterprises.first()
    form = RequestForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        if user.role == Role.ENTERPRISE:
            data["enterprise"] = user.enterprise
        try:
            req = services.request_create(user=user, **data)
        except ValidationError as exc:
            form.add_error(None, crud.error_text(exc))
        else:
            messages.success(request, _("诉求已提交。"))
            return redirect(req)
    return crud.form_page(request, title=_("提出诉求"), form=form, back_url=reverse("request_list"))


@login_required
def request_edit(request, pk):
    req = selectors.request_get(request.user, pk, "change")
    version = req.version
    form = RequestForm(request.POST or None, instance=req, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_update(
                request=req,
                user=request.user,
                expected_version=posted_version(request.POST),
                **form.cleaned_data,
            )
        except StaleEditError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, crud.error_text(exc))
        else:
            messages.success(request, _("诉求已更新。"))
            return redirect(req)
    return crud.form_page(
        request, title=_("编辑诉求"), form=form, back_url=req.get_absolute_url(), version=version
    )


@login_required
@require_POST
def request_transition(request, pk):
    req = selectors.request_get(request.user, pk, "change")
    form = TransitionForm(request.POST)
    if not form.is_valid():
        if "version" in form.errors:
            return request_detail(request, pk, error=MissingVersionError().message)
        return request_detail(request, pk, error=_("请选择办理操作。"))
    try:
        services.request_transition(
            request=req,
            user=request.user,
            to_status=form.cleaned_data["to_status"],
            comment=form.cleaned_data["comment"],
            resolution=form.cleaned_data["resolution"],
            expected_version=form.cleaned_data["version"],
        )
    except StaleEditError as exc:
        return request_detail(request, pk, error=exc.message)
    except ValidationError as exc:
        return request_detail(request, pk, error=crud.error_text(exc))
    messages.success(request, _("办理状态已更新。"))
    return redirect(req)


@login_required
@require_POST
def request_rate(request, pk):
    req = selectors.request_get(request.user, pk)
    form = RatingForm(request.POST)
    if not form.is_valid():
        return request_detail(request, pk, error=_("请选择满意度。"))
    try:
        services.request_rate(
            request=req, user=request.user, score=form.cleaned_data["score"], note=form.cleaned_data["note"]
        )
    except ValidationError as exc:
        return request_detail(request, pk, error=crud.error_text(exc))
    messages.success(request, _("感谢您的评价。"))
    return redirect(req)
