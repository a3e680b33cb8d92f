from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from innoladder.core import audit
from innoladder.core import viewkit as vk
from innoladder.core.models import AuditEvent
from innoladder.core.parkscope import writable_parks
from innoladder.core.scoping import VIEW, enterprise_q
from innoladder.core.xlsx import export
from innoladder.enterprises.choices import TechField

from . import choices as c
from . import exports, selectors, services
from .filtersets import CampaignFilterSet, PolicyFilterSet, TrainingFilterSet
from .forms import CampaignForm, EnrolForm, PolicyForm, ReachForm, TrainingForm


class PolicyEditBase(vk.ObjectEditView):
    """Policies, campaigns and trainings are written by park staff."""

    version_name, errors_by_field = "_version", True
    creatable = staticmethod(writable_parks)


# --- Policies ------------------------------------------------------------------------------------


class PolicyListView(vk.ObjectListView):
    select, filterset = selectors.policy_list, PolicyFilterSet
    title = _("政策库")
    creatable = staticmethod(writable_parks)
    create_url_name, export_url_name, create_label = "policy_create", "policy_export", _("新增政策")
    filename, export_columns = "政策库.xlsx", exports.POLICY_COLUMNS
    extra_context = {"extra_link": {"url": reverse_lazy("event_list"), "text": _("宣传活动与培训班")}}

    @staticmethod
    def columns():
        return [
            vk.link(_("政策名称"), lambda p: p.title),
            vk.Col(_("文号"), lambda p: p.document_number),
            vk.Col(_("发文机关"), lambda p: p.issuer),
            vk.Col(_("发文日期"), lambda p: vk.day(p.issued_on)),
            vk.Col(_("层级"), lambda p: p.get_level_display()),
            vk.Col(_("有效期"), validity),
            vk.Col(_("标签"), tag_badges),
        ]


def validity(policy):
    """The validity span, marked 已失效 once it has ended (未生效 before it begins) on today's date."""
    span = f"{vk.day(policy.valid_from) or '—'} ~ {vk.day(policy.valid_until) or '—'}"
    today = timezone.localdate()
    if policy.valid_until and policy.valid_until < today:
        state = _("已失效")
    elif policy.valid_from and policy.valid_from > today:
        state = _("未生效")
    else:
        return span
    return format_html(
        '<span class="text-nowrap">{}</span> <span class="badge text-bg-secondary">{}</span>', span, state
    )


def tag_badges(policy):
    return format_html_join("", '<span class="badge text-bg-light">{}</span> ', ((t,) for t in policy.tags))


class PolicyDetailView(vk.ObjectDetailView):
    select = selectors.policy_list
    template_name, context_object_name = "policies/policy_detail.html", "p"

    def get_context(self, policy):
        return {
            "conditions": policy.conditions.all(),
            "tiers": [c.Tier(t).label for t in policy.target_tiers if t in c.Tier.values],
            "fields": [TechField(t).label for t in policy.tech_fields if t in TechField.values],
            "can_edit": self.may("change", policy),
            "valid_now": policy.is_valid_on(timezone.localdate()),
        }


@login_required
def policy_attachment(request, pk):
    policy = selectors.policy_get(request.user, pk)
    response = vk.download(
        policy.attachment, policy.attachment_name or f"policy-{policy.pk}.pdf", "application/pdf"
    )
    audit.record(AuditEvent.EXPORT, obj=policy, user=request.user, message="下载政策附件")
    return response


class PolicyEditView(PolicyEditBase):
    select, form_class = selectors.policy_list, PolicyForm
    create, update, instance_kwarg = services.policy_create, services.policy_update, "policy"
    title_create, title_edit = _("新增政策"), _("修改政策")
    created_message, updated_message = _("政策已保存"), _("政策已更新")
    list_url_name = "policy_list"
    with_files = True

    def data(self, form, obj):
        return form.service_fields()


def _candidates(request, policy):
    on = timezone.localdate()
    matches = selectors.policy_matches(request.user, policy, on)
    return (
        [m for m in matches if m.result.matched],
        [m for m in matches if m.result.near_miss],
        [m for m in matches if not m.result.matched and not m.result.near_miss],
    )


@login_required
def policy_match(request, pk):
    policy = selectors.policy_get(request.user, pk)
    matched, near, others = _candidates(request, policy)
    return render(
        request,
        "policies/policy_match.html",
        {"p": policy, "matched": matched, "near": near, "others": others, "margin": policy.gap_margin * 100},
    )


@login_required
def policy_match_export(request, pk):
    policy = selectors.policy_get(request.user, pk)
    matched, near, _others = _candidates(request, policy)
    return export(
        f"免申即享候选名单-{policy.pk}.xlsx",
        "免申即享候选名单",
        exports.CANDIDATE_COLUMNS,
        matched + near,
        user=request.user,
        filters={"policy": policy.pk},
        object_type="policies.Policy",
    )


# --- Campaigns and training events ----------------------------------------------------------------


def _scoped_count(user, path: str):
    condition = enterprise_q(user, VIEW, path.rsplit("__", 1)[0] + "__enterprise")
    return Count(path, filter=Q(pk__in=[]) if condition is None else condition, distinct=True)


def campaign_rows(user, action=VIEW):
    return selectors.campaign_list(user, action).annotate(
        enterprise_count=_scoped_count(user, "reaches__enterprise")
    )


def training_rows(user, action=VIEW):
    return selectors.training_list(user, action).annotate(
        enterprise_count=_scoped_count(user, "enrolments__enterprise"),
        attendee_count=_scoped_count(user, "enrolments__attendees"),
    )


@login_required
def event_list(request):
    campaigns = CampaignFilterSet(request.GET, queryset=campaign_rows(request.user))
    trainings = TrainingFilterSet(request.GET, queryset=training_rows(request.user))
    return render(
        request,
        "policies/event_list.html",
        {
            "campaigns": campaigns.qs[:200],
            "trainings": trainings.qs[:200],
            "f": campaigns.posted(),
            "qs": vk.querystring(request),
            "can_create": writable_parks(request.user).exists(),
        },
    )


class CampaignExportView(vk.ObjectExportView):
    select, filterset = campaign_rows, CampaignFilterSet
    filename, columns = "宣传活动.xlsx", exports.CAMPAIGN_COLUMNS


class TrainingExportView(vk.ObjectExportView):
    select, filterset = training_rows, TrainingFilterSet
    filename, columns = "培训班.xlsx", exports.TRAINING_COLUMNS


class CampaignDetailView(vk.ObjectDetailView):
    select = selectors.campaign_list
    template_name, context_object_name = "policies/campaign_detail.html", "cmp"

    def get_context(self, campaign):
        can_edit = self.may("change", campaign)
        form = None
        if can_edit:
            form = ReachForm(
                park=campaign.park, user=self.request.user, initial={"reached_on": campaign.starts_on}
            )
        return {
            "reaches": selectors.reaches_for(self.request.user, campaign),
            "can_edit": can_edit,
            "form": form,
        }


class CampaignEditView(PolicyEditBase):
    select, form_class = selectors.campaign_list, CampaignForm
    create, update, instance_kwarg = services.campaign_create, services.campaign_update, "campaign"
    title_create, title_edit = _("新增宣传活动"), _("修改宣传活动")
    list_url_name = "event_list"


class ParkFormAction(vk.ObjectActionView):
    """Add an enterprise to a campaign or a training: the form offers the event's park's enterprises."""

    def form_kwargs(self, event):
        return {"park": event.park, "user": self.request.user}


class CampaignReachAddView(ParkFormAction):
    select, form_class = selectors.campaign_list, ReachForm
    success = _("已记录覆盖企业")

    def perform(self, campaign, form):
        services.campaign_reach_add(user=self.request.user, campaign=campaign, **form.cleaned_data)


class RowRemoveView(vk.ObjectActionView):
    """Remove one row of a campaign or training (`row`: a reach, an enrolment; its pk in `<row>_pk`): the
    event in change scope, the row's enterprise in delete scope (`row_get`), through the `remove` service."""

    row = ""
    row_get = remove = None

    def perform(self, event, form):
        found = type(self).row_get(self.request.user, event, self.kwargs[f"{self.row}_pk"])
        type(self).remove(user=self.request.user, **{self.row: found})


class CampaignReachRemoveView(RowRemoveView):
    select, row, row_get, remove = (
        selectors.campaign_list,
        "reach",
        selectors.reach_get,
        services.campaign_reach_remove,
    )


class TrainingDetailView(vk.ObjectDetailView):
    select = selectors.training_list
    template_name, context_object_name = "policies/training_detail.html", "ev"

    def get_context(self, event):
        can_edit = self.may("change", event)
        return {
            "enrolments": selectors.enrolments_for(self.request.user, event),
            "can_edit": can_edit,
            "form": EnrolForm(park=event.park, user=self.request.user) if can_edit else None,
        }


class TrainingEditView(PolicyEditBase):
    select, form_class = selectors.training_list, TrainingForm
    create, update, instance_kwarg = services.training_create, services.training_update, "event"
    title_create, title_edit = _("新增培训班"), _("修改培训班")
    list_url_name = "event_list"


class TrainingEnrolView(ParkFormAction):
    select, form_class = selectors.training_list, EnrolForm
    success = _("已报名")

    def perform(self, event, form):
        services.training_enrol(user=self.request.user, event=event, **form.cleaned_data)


class TrainingEnrolmentRemoveView(RowRemoveView):
    select, row, row_get = selectors.training_list, "enrolment", selectors.enrolment_get
    remove = services.training_enrolment_remove
