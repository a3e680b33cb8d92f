from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk
from innoladder.core.parkscope import writable_parks
from innoladder.core.scoping import CHANGE, is_staff_role
from innoladder.core.xlsx import export

from . import choices as c
from . import exports, selectors, services
from .filtersets import ApplicationFilterSet, BalanceFilterForm, ProgrammeFilterSet, VoucherFilterSet
from .forms import FundApplicationForm, ProgrammeForm, TransitionForm, VoucherUseForm, writable_enterprises


class FundingEditView(vk.ObjectEditView):
    """The funding forms: field errors on their fields; an edit keeps its enterprise."""

    version_name = "_version"
    errors_by_field = True
    creatable = staticmethod(writable_enterprises)

    def data(self, form, obj):
        return {k: v for k, v in form.cleaned_data.items() if obj is None or k != "enterprise"}


# --- Fund applications ---------------------------------------------------------------------------


class FundingListView(vk.ObjectListView):
    """The funding lists: one heading over the funding tabs; a new record goes to a writable enterprise."""

    heading, tabs_template = _("扶持资金与创新券"), "funding/_tabs.html"
    creatable = staticmethod(writable_enterprises)


class FundListView(FundingListView):
    select, filterset = selectors.fund_application_list, ApplicationFilterSet
    title, tab = _("扶持资金与创新券"), "applications"
    create_url_name, export_url_name, create_label = "fund_application_create", "fund_export", _("新增申请")
    filename, export_columns = "扶持资金申请.xlsx", exports.APPLICATION_COLUMNS

    @staticmethod
    def columns():
        return [
            vk.Col(_("企业"), lambda a: a.enterprise.name),
            vk.Col(
                _("扶持资金项目"),
                lambda a: f"{a.programme}{_('（')}{a.programme.get_kind_display()}{_('）')}",
            ),
            vk.link(_("申报事项"), lambda a: a.title),
            vk.amount(_("申请(万元)"), lambda a: a.requested_amount),
            vk.amount(_("批准(万元)"), lambda a: a.approved_amount),
            vk.amount(_("拨付(万元)"), lambda a: a.paid_amount),
            vk.Col(_("申请日期"), lambda a: vk.day(a.applied_on)),
            vk.Col(_("状态"), lambda a: a.get_status_display()),
        ]


class ApplicationDetailView(vk.ObjectDetailView):
    select = selectors.fund_application_list
    template_name, context_object_name = "funding/application_detail.html", "a"

    def get_context(self, application):
        can_edit = self.may(CHANGE, application)
        can_decide = (
            is_staff_role(self.request.user) and can_edit and bool(c.TRANSITIONS.get(application.status))
        )
        return {
            "history": application.history.select_related("actor"),
            "can_edit": can_edit
            and application.status not in (c.ApplicationStatus.REJECTED, c.ApplicationStatus.PAID),
            "transition_form": TransitionForm(application=application, initial={"on": timezone.localdate()})
            if can_decide
            else None,
        }


class ApplicationEditView(FundingEditView):
    select, form_class = selectors.fund_application_list, FundApplicationForm
    create, update = services.fund_application_create, services.fund_application_update
    instance_kwarg = "application"
    title_create, title_edit = _("新增扶持资金申请"), _("修改扶持资金申请")
    created_message, updated_message = _("资金申请已保存"), _("资金申请已更新")
    list_url_name = "fund_list"


class ApplicationTransitionView(vk.ObjectActionView):
    select, form_class = selectors.fund_application_list, TransitionForm
    success = _("办理完成")

    def form_kwargs(self, application):
        vk.require(is_staff_role(self.request.user))
        return {"application": application}

    def perform(self, application, form):
        services.fund_application_transition(
            application=application, user=self.request.user, **form.cleaned_data
        )


# --- Programmes ----------------------------------------------------------------------------------


class ProgrammeListView(FundingListView):
    select, filterset = selectors.programme_list, ProgrammeFilterSet
    title, tab = _("扶持资金项目"), "programmes"
    creatable = staticmethod(writable_parks)
    create_url_name, export_url_name, create_label = "programme_create", "programme_export", _("新增项目")
    filename, export_columns = "扶持资金项目.xlsx", exports.PROGRAMME_COLUMNS

    @staticmethod
    def columns():
        return [
            vk.Col(_("年度"), lambda p: p.year),
            vk.Col(_("类别"), lambda p: p.get_kind_display()),
            vk.link(_("项目名称"), lambda p: p.name),
            vk.Col(_("园区"), lambda p: p.park),
            vk.amount(_("单户上限(万元)"), lambda p: p.cap),
        ]


class ProgrammeDetailView(vk.ObjectDetailView):
    select = selectors.programme_list
    template_name, context_object_name = "funding/programme_detail.html", "p"

    def get_context(self, programme):
        rules = programme.voucher_rules() if programme.kind == c.ProgrammeKind.VOUCHER else None
        user = self.request.user
        return {
            "quotas": [(c.HolderType(k).label, v) for k, v in rules.annual_quota.items()] if rules else [],
            "shares": [(c.ServiceType(k).label, v) for k, v in rules.service_share.items()] if rules else [],
            "applications": selectors.fund_application_list(user).filter(programme=programme)[:100],
            "can_edit": self.may(CHANGE, programme),
        }


class ProgrammeEditView(FundingEditView):
    select, form_class = selectors.programme_list, ProgrammeForm
    create, update, instance_kwarg = services.programme_create, services.programme_update, "programme"
    title_create, title_edit = _("新增扶持资金项目"), _("修改扶持资金项目")
    created_message, updated_message = _("扶持资金项目已保存"), _("扶持资金项目已更新")
    list_url_name = "programme_list"
    creatable = staticmethod(writable_parks)

    def data(self, form, obj):
        quotas, shares = form.voucher_parameters()
        data = {k: v for k, v in form.cleaned_data.items() if not k.startswith(("quota_", "share_"))}
        if data["kind"] == c.ProgrammeKind.VOUCHER:
            data.update(voucher_quotas=quotas, voucher_shares=shares)
        return data


# --- Vouchers ------------------------------------------------------------------------------------


class VoucherListView(FundingListView):
    select, filterset = selectors.voucher_use_list, VoucherFilterSet
    title, tab = _("创新券使用"), "vouchers"
    create_url_name, export_url_name, create_label = "voucher_use_create", "voucher_use_export", _("登记使用")
    filename, export_columns = "创新券使用.xlsx", exports.VOUCHER_COLUMNS

    @staticmethod
    def columns():
        return [
            vk.Col(_("企业"), lambda u: u.enterprise.name),
            vk.link(_("使用日期"), lambda u: vk.day(u.used_on)),
            vk.Col(_("服务类型"), lambda u: u.get_service_type_display()),
            vk.Col(_("服务机构"), lambda u: u.provider),
            vk.amount(_("服务费用(万元)"), lambda u: u.fee),
            vk.amount(_("创新券支付(万元)"), lambda u: u.amount),
        ]


class VoucherDetailView(vk.ObjectDetailView):
    select = selectors.voucher_use_list
    template_name, context_object_name = "funding/voucher_detail.html", "u"

    def get_context(self, use):
        return {"can_edit": self.may(CHANGE, use)}


class VoucherEditView(FundingEditView):
    select, form_class = selectors.voucher_use_list, VoucherUseForm
    create, update, instance_kwarg = services.voucher_use_create, services.voucher_use_update, "use"
    title_create, title_edit = _("登记创新券使用"), _("修改创新券使用")
    list_url_name = "voucher_use_list"

    def success_message(self, use, created):
        return f"已登记创新券使用：{use.explanation}" if created else f"已重新计算：{use.explanation}"


def _year(request):
    raw = request.GET.get("year", "").strip()
    return int(raw) if raw.isdigit() else None


class BalanceListView(FundingListView):
    """Per enterprise and year, built by the selector (not a queryset): filtered by the year only."""

    title, tab, creatable = _("创新券余额"), "balances", None
    export_url_name = "voucher_balance_export"

    @staticmethod
    def columns():
        return [
            vk.Col(_("企业"), lambda r: r["enterprise"].name),
            vk.Col(_("年度"), lambda r: r["year"]),
            vk.Col(_("持券类型"), lambda r: r["holder_type"]),
            vk.amount(_("年度额度(万元)"), lambda r: r["quota"]),
            vk.amount(_("已用(万元)"), lambda r: r["used"]),
            vk.amount(_("剩余(万元)"), lambda r: r["remaining"]),
            vk.Col(_("使用次数"), lambda r: r["count"], align="text-end"),
        ]

    def filtered(self):
        self.filter = None
        return selectors.voucher_balances(self.request.user, _year(self.request))

    def get_context(self):
        return {"form": BalanceFilterForm(self.request.GET or None)}


@login_required
def voucher_balance_export(request):
    year = _year(request)
    rows = selectors.voucher_balances(request.user, year)
    return export(
        "创新券余额.xlsx",
        "创新券余额",
        exports.BALANCE_COLUMNS,
        rows,
        user=request.user,
        filters={"year": year},
        object_type="funding.VoucherUse",
    )
