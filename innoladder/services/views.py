from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innoladder.accounts.choices import Role
from innoladder.core import viewkit as vk
from innoladder.enterprises.selectors import enterprise_get

from . import selectors, services, tables
from .choices import REQUEST_TRANSITIONS, RequestStatus
from .filtersets import RequestFilterSet, VisitFilterSet
from .forms import RatingForm, RequestForm, TransitionForm, VisitForm

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


class VisitListView(vk.ObjectListView):
    select, filterset = selectors.visit_list, VisitFilterSet
    title = gettext_lazy("走访记录")
    create_url_name, export_url_name = "visit_create", "visit_export"

    filename = "走访记录.xlsx"

    def get_columns(self):
        return tables.visit_columns(self.request)

    def get_export_columns(self):
        return tables.visit_export(self.request)

    def get_context(self):
        return {
            "import_url": reverse("import_upload", args=["service_visits"]),
            "pending_import": selectors.pending_import_rows(self.request.user).count(),
            "apply_import_url": reverse("visit_import_apply"),
        }


@login_required
@require_POST
def visit_import_apply(request):
    vk.require_writer(request.user)
    created = services.visit_import_apply(user=request.user)
    messages.success(request, _("已转入 %(n)d 次走访。") % {"n": created})
    return redirect("visit_list")


class VisitDetailView(vk.ObjectDetailView):
    select = selectors.visit_list
    template_name, context_object_name = "services/visit_detail.html", "visit"

    def get_context(self, visit):
        return {
            "enterprises": selectors.visible_enterprises(self.request.user, visit),
            "requests": selectors.request_list(self.request.user).filter(visit=visit),
            "can_edit": self.may("change", visit),
        }


class VisitEditView(vk.ObjectEditView):
    select, form_class = selectors.visit_list, VisitForm
    create, update, instance_kwarg = services.visit_create, services.visit_update, "visit"
    title_create, title_edit = gettext_lazy("新增走访记录"), gettext_lazy("编辑走访记录")
    created_message, updated_message = gettext_lazy("走访记录已保存。"), gettext_lazy("走访记录已更新。")
    list_url_name = "visit_list"

    def initial(self):
        return {"visited_on": timezone.localdate()}

    def data(self, form, obj):
        data = dict(form.cleaned_data)
        return {"enterprises": list(data.pop("enterprises")), "staff": list(data.pop("staff")), **data}


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


class RequestListView(vk.ObjectListView):
    select, filterset = selectors.request_list, RequestFilterSet
    title = gettext_lazy("企业诉求")
    create_url_name, export_url_name = "request_create", "request_export"

    filename, columns, export_columns = "企业诉求.xlsx", tables.request_columns, tables.request_export

    def get_context(self):
        return {"can_write": self.request.user.role not in (Role.AUDITOR, Role.REGIONAL)}


class RequestDetailView(vk.ObjectDetailView):
    select = selectors.request_list
    template_name, context_object_name = "services/request_detail.html", "req"

    def get_context(self, req):
        user = self.request.user
        can_handle = self.may("change", req)
        allowed = REQUEST_TRANSITIONS.get(req.status, ())
        transition_form = TransitionForm(initial={"version": req.version})
        vk.offer_transitions(transition_form, RequestStatus, allowed)
        can_rate = (
            user.role == Role.ENTERPRISE
            and user.enterprise_id == req.enterprise_id
            and req.status == RequestStatus.RESOLVED
        )
        return {
            "history": req.history.select_related("actor"),
            "can_handle": can_handle and bool(allowed),
            "can_edit": can_handle,
            "transition_form": transition_form,
            "can_rate": can_rate,
            "rating_form": RatingForm(
                initial={"score": req.satisfaction or 5, "note": req.satisfaction_note}
            ),
            "overdue": req.is_overdue,
        }


class RequestEditView(vk.ObjectEditView):
    """Enterprise users raise requests on their own enterprise; staff writers on any they may change."""

    select, form_class = selectors.request_list, RequestForm
    create, update, instance_kwarg = services.request_create, services.request_update, "request"
    title_create, title_edit = gettext_lazy("提出诉求"), gettext_lazy("编辑诉求")
    created_message, updated_message = gettext_lazy("诉求已提交。"), gettext_lazy("诉求已更新。")
    list_url_name = "request_list"

    def check_create(self):
        user = self.request.user
        if user.role != Role.ENTERPRISE:
            super().check_create()
        elif user.enterprise_id is None:
            raise Http404

    def initial(self):
        initial = {"raised_on": timezone.localdate()}
        if self.request.GET.get("visit"):
            visit = (
                selectors.visit_list(self.request.user, "change").filter(pk=self.request.GET["visit"]).first()
            )
            if visit is not None:
                initial["visit"] = visit.pk
                initial["enterprise"] = visit.enterprises.first()
        return initial

    def data(self, form, obj):
        data = dict(form.cleaned_data)
        if obj is None and self.request.user.role == Role.ENTERPRISE:
            data["enterprise"] = self.request.user.enterprise
        return data


class RequestAction(vk.ObjectActionView):
    select, detail_view = selectors.request_list, RequestDetailView


class RequestTransitionView(vk.ObjectTransitionView, RequestAction):
    form_class, transition, instance_kwarg = TransitionForm, services.request_transition, "request"
    invalid_message, success = gettext_lazy("请选择办理操作。"), gettext_lazy("办理状态已更新。")


class RequestRateView(RequestAction):
    action = "view"
    form_class = RatingForm
    invalid_message = gettext_lazy("请选择满意度。")
    success = gettext_lazy("感谢您的评价。")

    def perform(self, req, form):
        services.request_rate(
            request=req,
            user=self.request.user,
            score=form.cleaned_data["score"],
            note=form.cleaned_data["note"],
        )
