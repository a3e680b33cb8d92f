"""Registry screens: parse input, call one selector or service, render. Out of scope → 404."""

import datetime as dt
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from innoladder.core import enterprise_page, pagecache, xlsx
from innoladder.core.scoping import CHANGE, DELETE, is_staff_role
from innoladder.core.services import StaleEditError, posted_version
from innoladder.core.viewkit.forms import put_errors

from . import exports, forms, selectors, services, tables
from .models import AnnualData, Award, Incident, IPRecord, Person, RDInstitution, StandardWork

PAGE_SIZE = 50
COUNT_CAP = 10_000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP rows: an exact count of 100,000 matches costs a full scan and helps nobody."""

    capped = False

    @cached_property
    def count(self) -> int:
        # Only the ids: the page's other columns would make SQLite read whole rows instead of an index.
        found = self.object_list.order_by().values("pk")[: COUNT_CAP + 1].count()
        self.capped = found > COUNT_CAP
        return min(found, COUNT_CAP)


@login_required
@pagecache.cached_page  # kept whole per user and query until the next write (docs/adr/0008-page-cache.md)
def enterprise_list(request):
    filterset, queryset = selectors.enterprise_search(request.user, request.GET)
    queryset = queryset.prefetch_related(None).values_list(*tables.ROW_FIELDS, named=True)
    page = CappedPaginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    parks, officers = selectors.enterprise_row_names(
        rows, dict(filterset.park_options), filterset.officer_names
    )
    params = request.GET.copy()
    params.pop("page", None)
    return render(
        request,
        "enterprises/enterprise_list.html",
        {
            "filterset": filterset,
            "page_obj": page,
            "object_list": rows,
            "rows": tables.enterprise_rows(rows, parks, officers),
            "querystring": params.urlencode(),
            "current_sort": request.GET.get("sort", ""),
            "can_create": is_staff_role(request.user),
        },
    )


def _filtered(request):
    _, queryset = selectors.enterprise_search(request.user, request.GET)
    if request.GET.get("enterprise", "").isdigit():
        queryset = queryset.filter(pk=int(request.GET["enterprise"]))
    return queryset


def _export(request, filename: str, sheet: str, columns, rows):
    """The registry's sheets: the rows of the filtered list, read in chunks, audited with the filters."""
    return xlsx.export(
        filename,
        sheet,
        columns,
        rows.iterator(chunk_size=2000),
        user=request.user,
        filters=request.GET.dict(),
        object_type=rows.model._meta.label,
    )


@login_required
def enterprise_export(request):
    return _export(request, "企业名单.xlsx", "企业名单", exports.ENTERPRISE_COLUMNS, _filtered(request))


@login_required
def annualdata_export(request):
    rows = selectors.annual_data_for(request.user, _filtered(request))
    rows = rows.order_by("enterprise__name", "-year", "pk")
    return _export(request, "企业年度数据.xlsx", "年度数据", exports.ANNUAL_COLUMNS, rows)


@login_required
def iprecord_export(request):
    rows = selectors.ip_records_for(request.user, _filtered(request))
    return _export(request, "知识产权清单.xlsx", "知识产权", exports.IP_COLUMNS, rows)


@login_required
@require_GET
def enterprise_pick(request):
    """Matches for a form's searchable enterprise picker (htmx): names the user may act on, at most 20."""
    field = request.GET.get("field", "enterprise")
    text = request.GET.get(f"{field}__q", "")
    enterprises, more = selectors.enterprise_pick(request.user, text)
    return render(
        request, "enterprises/_pick_results.html", {"enterprises": enterprises, "more": more, "query": text}
    )


@login_required
def enterprise_detail(request, pk: int):
    """The registry's own sections; each module's section and the timeline load as fragments."""
    file = selectors.enterprise_file(request.user, pk)
    return render(
        request,
        "enterprises/enterprise_detail.html",
        {
            "enterprise": file.enterprise,
            "file": file,
            "sections": enterprise_page.sections(),
            "is_staff": is_staff_role(request.user),
        },
    )


@login_required
@require_GET
def enterprise_section(request, pk: int, label: str):
    """One module's section of the enterprise page (htmx fragment); empty when it has nothing to show."""
    enterprise = selectors.enterprise_get(request.user, pk)
    panels = enterprise_page.section_panels(label, request, enterprise)
    if panels is None:
        raise Http404
    return render(request, "enterprises/_sections.html", {"panels": panels})


@login_required
@require_GET
def enterprise_timeline(request, pk: int):
    """The 大事记 of the enterprise page: the latest entries of the registry and of every module (htmx
    fragment); one more than shown is read to know whether there are older ones."""
    limit = enterprise_page.TIMELINE_EVENTS
    enterprise, own = selectors.enterprise_timeline(request.user, pk, limit + 1)
    events = sorted(
        [*enterprise_page.events(request, enterprise, limit), *own], key=lambda e: e.on, reverse=True
    )
    return render(
        request,
        "enterprises/_timeline.html",
        {"events": events[:limit], "more": len(events) > limit, "limit": limit},
    )


@login_required
@require_GET
def enterprise_listing(request, pk: int, label: str, key: str):
    """「查看全部」: every row of one list of the enterprise page, paged, scoped to this enterprise."""
    enterprise = selectors.enterprise_get(request.user, pk)
    listing = enterprise_page.listing(label, key)
    if listing is None:
        raise Http404
    page = Paginator(listing.rows(request, enterprise), enterprise_page.LISTING_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [(row, [_cell(column.value(row)) for column in listing.columns]) for row in page]
    return render(
        request,
        "enterprises/listing.html",
        {"enterprise": enterprise, "listing": listing, "page": page, "rows": rows, "label": label},
    )


def _cell(value) -> str:
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _form_view(view):
    """A registry form page: signed in, GET to show the form, POST to save it."""
    return login_required(require_http_methods(["GET", "POST"])(view))


def _form_page(
    request, form, save, *, saved: str, title: str, enterprise=None, anchor: str = "", cancel_url: str = ""
):
    """The registry's form pages: a valid POST calls `save()` (one service); a stale version or the
    service's refusal goes back on the form (on its fields), else the `saved` message and a redirect to
    the enterprise's page (at `anchor`), or to the saved record's own page when the form has no enterprise."""
    if request.method == "POST" and form.is_valid():
        try:
            result = save()
        except (StaleEditError, ValidationError) as exc:
            put_errors(form, exc, by_field=True)
        else:
            messages.success(request, saved)
            return redirect(enterprise.get_absolute_url() + anchor if enterprise is not None else result)
    if enterprise is not None and not cancel_url:
        cancel_url = enterprise.get_absolute_url()
    return render(
        request,
        "enterprises/form.html",
        {"form": form, "title": title, "enterprise": enterprise, "cancel_url": cancel_url},
    )


@_form_view
def enterprise_create(request):
    if not is_staff_role(request.user):
        raise Http404
    form = forms.EnterpriseForm(request.POST or None, user=request.user)
    return _form_page(
        request,
        form,
        lambda: services.enterprise_create(
            user=request.user,
            data=form.data_for_service(),
            override_reason=form.cleaned_data.get("override_reason", ""),
        ),
        saved=_("企业已登记"),
        title=_("登记企业"),
        cancel_url="/enterprises/",
    )


@_form_view
def enterprise_edit(request, pk: int):
    enterprise = selectors.enterprise_get(request.user, pk, CHANGE)
    form = forms.EnterpriseForm(request.POST or None, instance=enterprise, user=request.user)
    return _form_page(
        request,
        form,
        lambda: services.enterprise_update(
            enterprise=enterprise,
            user=request.user,
            data=form.data_for_service(),
            expected_version=posted_version(form.cleaned_data, "expected_version"),
            override_reason=form.cleaned_data.get("override_reason", ""),
        ),
        saved=_("企业信息已保存"),
        title=_("编辑企业信息"),
        enterprise=enterprise,
    )


@_form_view
def enterprise_status(request, pk: int):
    if not is_staff_role(request.user):
        raise Http404
    enterprise = selectors.enterprise_get(request.user, pk, CHANGE)
    form = forms.EnterpriseStatusForm(request.POST or None, initial={"expected_version": enterprise.version})
    return _form_page(
        request,
        form,
        lambda: services.enterprise_set_status(
            enterprise=enterprise,
            user=request.user,
            status=form.cleaned_data["status"],
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
            expected_version=posted_version(form.cleaned_data, "expected_version"),
        ),
        saved=_("企业状态已变更"),
        title=_("变更企业状态"),
        enterprise=enterprise,
    )


@_form_view
def annualdata_edit(request, pk: int, year: int | None = None):
    enterprise = selectors.enterprise_get(request.user, pk, CHANGE)
    instance = None
    if year is not None:
        instance = get_object_or_404(AnnualData, enterprise=enterprise, year=year)
    form = forms.AnnualDataForm(request.POST or None, instance=instance or AnnualData(enterprise=enterprise))

    def save():
        try:
            return services.annual_data_upsert(
                enterprise=enterprise,
                year=instance.year if instance else form.cleaned_data["year"],
                user=request.user,
                data=form.annual_values(),
                source=form.cleaned_data["source"],
                source_note=form.cleaned_data["source_note"],
                expected_version=posted_version(form.cleaned_data, "expected_version"),
            )
        except services.AnnualYearExists as exc:
            # The refusal points at the year's own edit page (the typed figures stay on this form).
            link = format_html(
                '{} <a href="{}">{}</a>',
                exc.messages[0],
                reverse("annualdata_edit", args=[enterprise.pk, exc.year]),
                _("修改%(year)s年度数据") % {"year": exc.year},
            )
            raise ValidationError({"year": [link]}) from exc

    return _form_page(
        request,
        form,
        save,
        saved=_("年度数据已保存"),
        anchor="#annual",
        title=_("编辑年度数据") if instance else _("录入年度数据"),
        enterprise=enterprise,
    )


@dataclass(frozen=True)
class Child:
    """One kind of child record with its form, services and URL prefix."""

    key: str
    url_name: str
    model: type
    form: type
    label: str
    create: object
    update: object
    delete: object


CHILDREN = {
    child.key: child
    for child in (
        Child("ip", "iprecord", IPRecord, forms.IPRecordForm, "知识产权",
              services.iprecord_create, services.iprecord_update, services.iprecord_delete),
        Child("award", "award", Award, forms.AwardForm, "获奖",
              services.award_create, services.award_update, services.award_delete),
        Child("standard", "standard", StandardWork, forms.StandardWorkForm, "参与标准",
              services.standard_create, services.standard_update, services.standard_delete),
        Child("institution", "institution", RDInstitution, forms.RDInstitutionForm, "研发机构",
              services.institution_create, services.institution_update, services.institution_delete),
        Child("incident", "incident", Incident, forms.IncidentForm, "不良记录",
              services.incident_create, services.incident_update, services.incident_delete),
        Child("person", "person", Person, forms.PersonForm, "人员",
              services.person_create, services.person_update, services.person_delete),
    )
}  # fmt: skip


@_form_view
def child_create(request, pk: int, kind: str):
    child = CHILDREN[kind]
    enterprise = selectors.enterprise_get(request.user, pk, CHANGE)
    form = child.form(request.POST or None, instance=child.model(enterprise=enterprise))
    return _form_page(
        request,
        form,
        lambda: child.create(enterprise=enterprise, user=request.user, data=form.data_for_service()),
        saved=_("已保存"),
        anchor=f"#{kind}",
        title=_("新增") + _(child.label),
        enterprise=enterprise,
    )


@_form_view
def child_edit(request, pk: int, kind: str):
    child = CHILDREN[kind]
    record = selectors.child_get(child.model, request.user, pk, CHANGE)
    form = child.form(request.POST or None, instance=record)
    return _form_page(
        request,
        form,
        lambda: child.update(
            record=record,
            user=request.user,
            data=form.data_for_service(),
            expected_version=posted_version(form.cleaned_data, "expected_version"),
        ),
        saved=_("已保存"),
        anchor=f"#{kind}",
        title=_("编辑") + _(child.label),
        enterprise=record.enterprise,
    )


@_form_view
def child_delete(request, pk: int, kind: str):
    child = CHILDREN[kind]
    record = selectors.child_get(child.model, request.user, pk, DELETE)
    enterprise = record.enterprise
    if request.method == "POST":
        child.delete(record=record, user=request.user)
        messages.success(request, _("已删除"))
        return redirect(enterprise.get_absolute_url() + f"#{kind}")
    return render(
        request,
        "enterprises/confirm_delete.html",
        {"record": record, "label": child.label, "enterprise": enterprise},
    )
