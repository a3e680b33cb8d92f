"""Screens of the cooperation app. The three modules (cooperation, patents introduced, talents) share
one shape, so each is declared as a `Module` and the views below serve all three."""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from innoladder.core.services import StaleEditError, posted_version
from innoladder.core.xlsx import Column
from innoladder.services import crud
from innoladder.services.crud import Col
from innoladder.services.templatetags.service_tags import wan

from . import selectors, services
from .forms import (
    CooperationFilterForm,
    CooperationForm,
    PatentFilterForm,
    PatentIntroductionForm,
    TalentFilterForm,
    TalentForm,
)
from .models import Cooperation, PatentIntroduction, Talent


@dataclass(frozen=True)
class Module:
    name: str  # url prefix: <name>_list, <name>_detail, ...
    title: str
    model: type
    select: Callable
    filter_form: type
    apply_filter: Callable
    form: type
    create: Callable
    update: Callable
    update_kwarg: str
    columns: Callable[[], list[Col]]
    export_columns: list[Column]
    detail: Callable[[object], list[tuple[str, object]]]


def _cooperation_detail(c):
    return [
        (_("企业"), c.enterprise.name),
        (_("合作高校/院所"), c.partner),
        (_("合作方式"), c.get_kind_display()),
        (_("合同金额(万元)"), wan(c.amount)),
        (_("签订日期"), c.signed_on),
        (_("结束日期"), c.ends_on),
        (_("合作成果"), c.outcome),
    ]


def _patent_detail(p):
    return [
        (_("引进企业"), p.enterprise.name),
        (_("专利号"), p.patent_number),
        (_("专利类型"), p.get_kind_display()),
        (_("引进方式"), p.get_mode_display()),
        (_("转让/许可方"), p.source),
        (_("引进日期"), p.introduced_on),
        (_("金额(万元)"), wan(p.amount)),
        (_("知识产权档案"), _("已登记为受让取得") if p.ip_record_id else ""),
    ]


def _talent_detail(t):
    return [
        (_("姓名"), t.name),
        (_("企业"), t.enterprise.name),
        (_("人才类别"), t.get_category_display()),
        (_("专业领域"), t.field),
        (_("状态"), t.get_status_display()),
        (_("入库/认定日期"), t.recorded_on),
        (_("身份证号"), t.id_display),
    ]


MODULES = {
    "cooperation": Module(
        name="cooperation",
        title=gettext_lazy("产学研合作"),
        model=Cooperation,
        select=selectors.cooperation_list,
        filter_form=CooperationFilterForm,
        apply_filter=selectors.filter_cooperation,
        form=CooperationForm,
        create=services.cooperation_create,
        update=services.cooperation_update,
        update_kwarg="cooperation",
        columns=lambda: [
            Col(_("合作项目名称"), lambda c: c.title, lambda c: c.get_absolute_url()),
            Col(_("企业"), lambda c: c.enterprise.name),
            Col(_("合作高校/院所"), lambda c: c.partner),
            Col(_("合作方式"), lambda c: c.get_kind_display()),
            Col(_("合同金额(万元)"), lambda c: wan(c.amount)),
            Col(_("签订日期"), lambda c: c.signed_on),
        ],
        export_columns=[
            Column("合作项目名称", "title", width=40),
            Column("企业名称", "enterprise.name", width=30),
            Column("合作高校/院所", "partner", width=24),
            Column("合作方式", lambda c: c.get_kind_display()),
            Column("合同金额", "amount", "money_wan"),
            Column("签订日期", "signed_on", "date", 12),
            Column("结束日期", "ends_on", "date", 12),
            Column("合作成果", "outcome", width=40),
        ],
        detail=_cooperation_detail,
    ),
    "patent": Module(
        name="patent",
        title=gettext_lazy("专利引进"),
        model=PatentIntroduction,
        select=selectors.patent_list,
        filter_form=PatentFilterForm,
        apply_filter=selectors.filter_patents,
        form=PatentIntroductionForm,
        create=services.patent_introduction_create,
        update=services.patent_introduction_update,
        update_kwarg="intro",
        columns=lambda: [
            Col(_("专利名称"), lambda p: p.title, lambda p: p.get_absolute_url()),
            Col(_("专利号"), lambda p: p.patent_number),
            Col(_("引进企业"), lambda p: p.enterprise.name),
            Col(_("引进方式"), lambda p: p.get_mode_display()),
            Col(_("转让/许可方"), lambda p: p.source),
            Col(_("引进日期"), lambda p: p.introduced_on),
            Col(_("金额(万元)"), lambda p: wan(p.amount)),
        ],
        export_columns=[
            Column("专利号", "patent_number", width=20),
            Column("专利名称", "title", width=40),
            Column("专利类型", lambda p: p.get_kind_display()),
            Column("引进企业", "enterprise.name", width=30),
            Column("引进方式", lambda p: p.get_mode_display()),
            Column("转让/许可方", "source", width=24),
            Column("引进日期", "introduced_on", "date", 12),
            Column("金额", "amount", "money_wan"),
        ],
        detail=_patent_detail,
    ),
    "talent": Module(
        name="talent",
        title=gettext_lazy("人才"),
        model=Talent,
        select=selectors.talent_list,
        filter_form=TalentFilterForm,
        apply_filter=selectors.filter_talents,
        form=TalentForm,
        create=services.talent_create,
        update=services.talent_update,
        update_kwarg="talent",
        columns=lambda: [
            Col(_("姓名"), lambda t: t.name, lambda t: t.get_absolute_url()),
            Col(_("企业"), lambda t: t.enterprise.name),
            Col(_("人才类别"), lambda t: t.get_category_display()),
            Col(_("专业领域"), lambda t: t.field),
            Col(_("状态"), lambda t: t.get_status_display()),
            Col(_("入库/认定日期"), lambda t: t.recorded_on),
        ],
        export_columns=[
            Column("姓名", "name", width=12),
            Column("企业名称", "enterprise.name", width=30),
            Column("人才类别", lambda t: t.get_category_display()),
            Column("专业领域", "field"),
            Column("状态", lambda t: t.get_status_display()),
            Column("入库/认定日期", "recorded_on", "date", 12),
            Column("年度", "year", "int", 8),
        ],
        detail=_talent_detail,
    ),
}


IMPORTS = {"cooperation": "cooperation_projects", "talent": "talents"}


def _filtered(request, module: Module):
    form = module.filter_form(request.GET or None)
    qs = module.select(request.user)
    if form.is_valid():
        qs = module.apply_filter(qs, **form.cleaned_data)
    return form, qs


@login_required
def object_list(request, module: str):
    m = MODULES[module]
    form, qs = _filtered(request, m)
    return crud.list_page(
        request,
        title=m.title,
        queryset=qs,
        columns=m.columns(),
        form=form,
        create_url=reverse(f"{m.name}_create"),
        export_url=reverse(f"{m.name}_export"),
        import_url=reverse("import_upload", args=[IMPORTS[module]]) if module in IMPORTS else "",
    )


@login_required
def object_export(request, module: str):
    m = MODULES[module]
    form, qs = _filtered(request, m)
    return crud.export_response(
        request,
        filename=f"{m.title}.xlsx",
        title=str(m.title),
        columns=m.export_columns,
        rows=qs,
        form=form,
        model=m.model,
    )


@login_required
def object_detail(request, module: str, pk: int):
    m = MODULES[module]
    obj = selectors.get(m.select(request.user), pk)
    can_edit = m.select(request.user, "change").filter(pk=pk).exists()
    can_delete = module == "talent" and m.select(request.user, "delete").filter(pk=pk).exists()
    return render(
        request,
        "cooperation/detail.html",
        {
            "title": f"{m.title}：{obj}",
            "fields": m.detail(obj),
            "edit_url": reverse(f"{m.name}_edit", args=[pk]) if can_edit else "",
            "delete_url": reverse("talent_delete", args=[pk]) if can_delete else "",
            "back_url": reverse(f"{m.name}_list"),
        },
    )


@login_required
def object_create(request, module: str):
    m = MODULES[module]
    crud.require_writer(request.user)
    form = m.form(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            obj = m.create(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form.add_error(None, crud.error_text(exc))
        else:
            messages.success(request, _("已保存。"))
            return redirect(obj)
    return crud.form_page(
        request, title=_("新增%(title)s") % {"title": m.title}, form=form, back_url=reverse(f"{m.name}_list")
    )


@login_required
def object_edit(request, module: str, pk: int):
    m = MODULES[module]
    obj = selectors.get(m.select(request.user, "change"), pk)
    version = obj.version
    form = m.form(request.POST or None, instance=obj, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            m.update(
                user=request.user,
                expected_version=posted_version(request.POST),
                **{m.update_kwarg: obj},
                **form.cleaned_data,
            )
        except StaleEditError as exc:
            form.add_error(None, exc.message)
        except ValidationError as exc:
            form.add_error(None, crud.error_text(exc))
        else:
            messages.success(request, _("已保存。"))
            return redirect(obj)
    return crud.form_page(
        request,
        title=_("编辑%(title)s") % {"title": m.title},
        form=form,
        back_url=obj.get_absolute_url(),
        version=version,
    )


@login_required
@require_POST
def talent_delete(request, pk: int):
    talent = selectors.get(selectors.talent_list(request.user, "delete"), pk)
    services.talent_delete(talent=talent, user=request.user)
    messages.success(request, _("人才记录已删除。"))
    return redirect("talent_list")
