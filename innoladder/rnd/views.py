"""Screens of the R&D ledger: parse input, call one selector or service, render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_POST

from innoladder.core import viewkit as vk
from innoladder.core.scoping import CHANGE, VIEW, is_staff_role
from innoladder.core.services import StaleEditError, posted_version
from innoladder.core.xlsx import Column, export, xlsx_response

from . import checks, outputs, selectors, services
from . import choices as c
from .forms import AwardForm, LedgerLineForm, RDProjectForm, SubsidyRuleForm, TaxYearProfileForm
from .imports import LEDGER_LINES
from .models import SubsidyRule


def _int(value, default: int) -> int:
    return int(value) if str(value).isdigit() else default


def _default_year() -> int:
    return timezone.localdate().year - 1


@login_required
def home(request):
    user = request.user
    year = _int(request.GET.get("year"), _default_year())
    parks = selectors.park_list(user)
    if parks.exists():
        park = parks.filter(pk=_int(request.GET.get("park"), 0)).first() or parks.first()
        rows = selectors.park_overview(user, park, year)
        return render(
            request,
            "rnd/home_park.html",
            {
                "park": park,
                "parks": parks,
                "year": year,
                "rows": rows,
                "years": selectors.park_years(user, park),
                "ledger_total": sum((r.ledger_total for r in rows), 0),
                "deduction_total": sum((r.extra_deduction or 0 for r in rows), 0),
                "subsidy_total": sum((r.subsidy or 0 for r in rows), 0),
                "rules": selectors.rule_list(user).filter(park=park),
                "can_manage": selectors.can_manage_rules(user),
            },
        )
    projects = selectors.project_list(user).order_by("enterprise__name", "code")
    return render(request, "rnd/home_enterprise.html", {"projects": projects, "year": year})


@login_required
def project_list(request):
    qs = selectors.project_list(request.user).order_by("enterprise__name", "code")
    if request.GET.get("enterprise", "").isdigit():
        qs = qs.filter(enterprise_id=int(request.GET["enterprise"]))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "rnd/project_list.html",
        {"page": page, "enterprises": selectors.enterprise_list(request.user, CHANGE)},
    )


@login_required
def project_detail(request, pk):
    project = selectors.project_get(request.user, pk)
    year = _int(request.GET.get("year"), _default_year())
    start, end = selectors.year_range(year)
    lines = project.lines.filter(date__gte=start, date__lte=end).order_by("date", "voucher_no", "line_no")
    return render(
        request,
        "rnd/project_detail.html",
        {
            "project": project,
            "year": year,
            "ledger": outputs.project_ledger(project, year, lines),
            "categories": outputs.LEDGER_COLUMNS,
            "can_change": selectors.user_can_change(request.user, project.enterprise),
        },
    )


class RDEditView(vk.ObjectEditView):
    """The research ledger's forms: created under their enterprise or project, field errors on fields."""

    template_name, errors_by_field = "viewkit/form.html", True

    parent_name = ""  # a new record is created under `self.<parent_name>`, from the URL's `<parent_name>_pk`
    parent_get = None  # (user, pk, action) -> that record, in change scope (else 404)

    def check_create(self):
        parent = type(self).parent_get(self.request.user, self.kwargs[f"{self.parent_name}_pk"], CHANGE)
        setattr(self, self.parent_name, parent)

    def form_kwargs(self):
        return {}

    def fields(self, form) -> dict:
        return {f: form.cleaned_data[f] for f in form.Meta.fields}


class RDProjectEditView(RDEditView):
    select, form_class = selectors.project_list, RDProjectForm
    create, update, instance_kwarg = services.project_create, services.project_update, "project"
    created_message = updated_message = _lazy("研发项目已保存")
    parent_name, parent_get = "enterprise", selectors.enterprise_get

    def data(self, form, project):
        return self.fields(form) if project else {"enterprise": self.enterprise, **self.fields(form)}

    def page_title(self, project):
        return _("%(name)s · 研发项目") % {"name": (project.enterprise if project else self.enterprise).name}


@login_required
def line_list(request):
    qs = selectors.line_filter(selectors.line_list(request.user), request.GET)
    if request.GET.get("export") == "xlsx":
        columns = [
            Column("企业", "enterprise.name", width=28),
            Column("项目编号", "project.code", width=14),
            Column("项目名称", "project.name", width=28),
            Column("日期", "date", kind="date", width=12),
            Column("凭证号", "voucher_no", width=12),
            Column("行号", "line_no", kind="int", width=6),
            Column("摘要", "summary", width=30),
            Column("费用类别", lambda r: r.get_category_display(), width=16),
            Column("明细科目", "sub_category", width=16),
            Column("金额(元)", "amount", kind="money_yuan"),
            Column("金额", "amount", kind="money_wan"),
            Column("委托境外个人", lambda r: "是" if r.overseas_individual else "否", width=8),
        ]
        return export(
            "研发费用辅助账明细.xlsx",
            "辅助账明细",
            columns,
            qs.order_by("enterprise__name", "date", "voucher_no", "line_no").iterator(chunk_size=2000),
            user=request.user,
            filters=dict(request.GET.items()),
            object_type="rnd.LedgerLine",
        )
    page = Paginator(qs.order_by("-date", "voucher_no", "line_no"), 50).get_page(request.GET.get("page"))
    return render(
        request,
        "rnd/line_list.html",
        {
            "page": page,
            "categories": c.Category.choices,
            "enterprises": selectors.enterprise_list(request.user)
            .filter(ledger_lines__isnull=False)
            .distinct(),
            "params": request.GET,
            "query": vk.querystring(request),
            "can_import": LEDGER_LINES.is_allowed(request.user),
        },
    )


class LineEditView(RDEditView):
    select, form_class = selectors.line_list, LedgerLineForm
    create, update, instance_kwarg = services.line_create, services.line_update, "line"
    created_message = updated_message = _lazy("辅助账明细已保存")
    parent_name, parent_get = "project", selectors.project_get

    def get_object(self, action=VIEW):
        line = super().get_object(action)
        self.project = line.project
        return line

    def form_kwargs(self):
        projects = selectors.project_list(self.request.user, CHANGE)
        return {"projects": projects.filter(enterprise_id=self.project.enterprise_id)}

    def initial(self):
        return {"project": self.project}

    def success_url(self, line):
        return f"{line.project.get_absolute_url()}?year={line.date.year}"

    def page_title(self, line):
        return _("%(name)s · 辅助账明细") % {"name": self.project}


@login_required
@require_POST
def line_delete(request, pk):
    line = selectors.line_get(request.user, pk, CHANGE)
    project, year = line.project, line.date.year
    services.line_delete(user=request.user, line=line)
    messages.success(request, _("辅助账明细已删除"))
    return redirect(f"{project.get_absolute_url()}?year={year}")


def _computation_context(request, enterprise, year):
    run = selectors.latest_run(enterprise, year)
    projects = {p.code: p for p in enterprise.rd_projects.all()}
    start, end = selectors.year_range(year)
    lines = selectors.lines_of_year(enterprise, year).select_related("project").order_by("date", "voucher_no")
    by_project: dict[int, list] = {}
    for line in lines:
        by_project.setdefault(line.project_id, []).append(line)
    ledgers = [
        outputs.project_ledger(p, year, by_project[p.pk]) for p in projects.values() if p.pk in by_project
    ]
    return {
        "enterprise": enterprise,
        "year": year,
        "run": run,
        "ledgers": ledgers,
        "categories": outputs.LEDGER_COLUMNS,
        "warnings": checks.warnings_for(enterprise, year),
        "push_rows": services.annual_push_preview(enterprise, year),
        "profile": selectors.tax_profile(enterprise, year),
        "totals": selectors.ledger_totals(enterprise, year),
        "can_change": selectors.user_can_change(request.user, enterprise),
        "can_push": is_staff_role(request.user) and selectors.user_can_change(request.user, enterprise),
        "stale": run is not None
        and run.inputs_hash != services.inputs_hash(services.deduction_input(enterprise, year)),
    }


@login_required
def computation(request, enterprise_pk, year):
    user = request.user
    if request.method == "POST":
        enterprise = selectors.enterprise_get(user, enterprise_pk, CHANGE)
        action = request.POST.get("action")
        try:
            if action == "compute":
                run = services.compute_for(enterprise=enterprise, year=year, user=user)
                messages.success(
                    request, _("已计算：加计扣除额%(amount)s元") % {"amount": f"{run.extra_deduction:,.2f}"}
                )
            elif action == "push":
                if not is_staff_role(user):
                    raise Http404
                services.annual_push(
                    user=user,
                    enterprise=enterprise,
                    year=year,
                    confirm_difference=request.POST.get("confirm") == "1",
                )
                messages.success(request, _("研发费用已写入年度数据"))
            else:
                raise Http404
        except ValidationError as exc:
            messages.error(request, "；".join(exc.messages))
        return redirect("rnd_computation", enterprise.pk, year)
    enterprise = selectors.enterprise_get(user, enterprise_pk)
    return render(request, "rnd/computation.html", _computation_context(request, enterprise, year))


@login_required
def computation_xlsx(request, enterprise_pk, year):
    enterprise = selectors.enterprise_get(request.user, enterprise_pk)
    run = selectors.latest_run(enterprise, year)
    if run is None:
        raise Http404
    context = _computation_context(request, enterprise, year)
    content, rows = outputs.workbook(run, context["ledgers"])
    services.export_audit(
        user=request.user,
        title=f"{enterprise.name}{year}年度研发支出辅助账",
        rows=rows,
        filters={"enterprise": enterprise.pk, "year": year},
    )
    return xlsx_response(f"{enterprise.name}{year}年度研发支出辅助账.xlsx", content)


@login_required
def profile_edit(request, enterprise_pk, year):
    enterprise = selectors.enterprise_get(request.user, enterprise_pk, CHANGE)
    profile = selectors.tax_profile(enterprise, year)
    form = TaxYearProfileForm(request.POST or None, instance=profile)
    if request.method == "POST" and form.is_valid():
        try:
            fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
            services.tax_profile_save(
                user=request.user,
                enterprise=enterprise,
                year=year,
                expected_version=posted_version(request.POST),
                **fields,
            )
            messages.success(request, _("年度税务信息已保存"))
            return redirect("rnd_computation", enterprise.pk, year)
        except (ValidationError, StaleEditError) as exc:
            form.add_error(None, getattr(exc, "message", None) or "；".join(exc.messages))
    return render(
        request,
        "viewkit/form.html",
        {
            "form": form,
            "title": _("%(name)s · %(year)s年度税务信息") % {"name": enterprise.name, "year": year},
            "version": str(profile.version if profile else 0),  # "0": no profile yet, still posted
        },
    )


@login_required
def rule_list(request):
    rules = selectors.rule_list(request.user)
    if not selectors.park_list(request.user).exists():
        raise Http404
    return render(
        request,
        "rnd/rule_list.html",
        {"rules": rules, "can_manage": selectors.can_manage_rules(request.user)},
    )


@login_required
def rule_edit(request, pk=None):
    user = request.user
    if not selectors.can_manage_rules(user):
        raise Http404
    rule = selectors.rule_get(user, pk, CHANGE) if pk is not None else SubsidyRule()
    version = rule.version if pk is not None else None
    form = SubsidyRuleForm(request.POST or None, instance=rule, parks=selectors.park_list(user))
    if request.method == "POST" and form.is_valid():
        try:
            expected = posted_version(request.POST) if pk is not None else None
            rule = services.rule_save(user=user, rule=form.save(commit=False), expected_version=expected)
            messages.success(request, _("补助规则已保存"))
            return redirect("rnd_rule_detail", rule.pk)
        except (ValidationError, StaleEditError) as exc:
            form.add_error(None, getattr(exc, "message", None) or "；".join(exc.messages))
    return render(
        request, "viewkit/form.html", {"form": form, "title": _("研发投入补助规则"), "version": version}
    )


@login_required
def rule_detail(request, pk):
    user = request.user
    rule = selectors.rule_get(user, pk)
    form = AwardForm(request.POST or None, initial={"awarded_on": timezone.localdate()})
    if request.method == "POST":
        rule = selectors.rule_get(user, pk, CHANGE)
        if form.is_valid():
            done = 0
            for enterprise in selectors.enterprise_list(user, CHANGE).filter(park=rule.park):
                if selectors.latest_run(enterprise, rule.tax_year) is None:
                    continue
                try:
                    services.subsidy_award(
                        user=user,
                        rule=rule,
                        enterprise=enterprise,
                        awarded_on=form.cleaned_data["awarded_on"],
                    )
                    done += 1
                except ValidationError as exc:
                    messages.warning(request, f"{enterprise.name}：{'；'.join(exc.messages)}")
            messages.success(request, _("已按规则计算并记录%(n)s家企业的补助") % {"n": done})
            return redirect("rnd_rule_detail", rule.pk)
    rows = []
    for enterprise in selectors.enterprise_list(user).filter(park=rule.park):
        run, result = services.subsidy_for(rule, enterprise)
        if run is not None:
            rows.append({"enterprise": enterprise, "run": run, "result": result})
    awards = rule.awards.select_related("enterprise").filter(
        enterprise__in=selectors.enterprise_list(user).filter(park=rule.park)
    )
    return render(
        request,
        "rnd/rule_detail.html",
        {
            "rule": rule,
            "rows": rows,
            "awards": awards,
            "award_total": sum((a.amount for a in awards), 0),
            "form": form,
            "can_manage": selectors.can_manage_rules(user),
        },
    )
