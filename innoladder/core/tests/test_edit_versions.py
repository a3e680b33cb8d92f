# ruff: noqa: E501 -- one checked form per line in CASES
"""Optimistic locking on every edit form: a POST without the version the form was loaded at, or with a
version that is no longer the stored one, is refused with a clear message and changes nothing; the same
POST with the version saves (so the refusal is the version's doing, not bad data).

Each form is posted back as a browser would submit it (the page's own form, read from its HTML) with one
field changed. A view that passes an expected version to a service and is not listed here fails
`test_every_view_that_takes_a_version_is_checked`, so a new edit form joins the check by adding a line.
"""

import datetime as dt
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve

from innoladder.accounts.choices import Role
from innoladder.core.management.commands.load_demo import DEMO_ORDER, load_apps
from innoladder.core.models import AuditEntry
from innoladder.core.testing.factories import UserFactory
from innoladder.core.testing.forms import post_forms

ADMIN = "version-check-admin"  # who opens and posts every form
MISSING = "缺少版本号"
STALE = "已被他人修改"
# Demo data of the apps whose forms are checked, in load_demo's order (accounts, assessments and reports not
# needed).
DEMO_APPS = tuple(app for app in DEMO_ORDER if app not in ("accounts", "assessments", "reports"))


@dataclass
class Case:
    """One edit form: `target()` gives (the edited object, the page with the form, the URL it posts to)."""

    url_name: str
    target: Callable[[], tuple[object, str, str]]
    field: str | None  # the field changed in the POST; None: the POST itself is the change (a transition)
    value: Callable[[object], str] | str = ""
    extra: dict = field(default_factory=dict)


def _model(label):
    from django.apps import apps

    return apps.get_model(label)


def _first(label, **filters):
    obj = _model(label).objects.filter(**filters).order_by("pk").first()
    assert obj is not None, f"no {label} {filters} in the demo data"
    return obj


def _admin():
    return _model("accounts.User").objects.get(username=ADMIN)


def _page(label, url, **filters):
    def target():
        obj = _first(label, **filters)
        page = url.format(o=obj)
        return obj, page, page

    return target


def _transition(label, detail, action, **filters):
    def target():
        obj = _first(label, **filters)
        return obj, detail.format(o=obj), action.format(o=obj)

    return target


def _report_section():
    from innoladder.enterprises.models import Park
    from innoladder.reports.services import report_edit_section, report_generate

    user = _admin()
    today = dt.date.today()
    report = report_generate(
        user=user, park=Park.objects.get(name="格尔木工业园"), start=dt.date(today.year - 1, 1, 1), end=today
    )
    section = report.sections[0]["key"]
    edit = report_edit_section(user=user, report=report, section=section, text="第一稿", expected_version=0)
    url = f"/reports/{report.pk}/edit/{section}/"
    return edit, url, url


def _person():
    from innoladder.enterprises import services
    from innoladder.enterprises.models import Enterprise, Person

    if not Person.objects.exists():
        user = _admin()
        enterprise = Enterprise.objects.order_by("pk").first()
        services.person_create(enterprise=enterprise, user=user, data={"name": "张工", "position": "工程师"})
    return _page("enterprises.Person", "/enterprises/person/{o.pk}/edit/")()


def _open_submission():
    """A form of an annual filing campaign opened today (the demo's own campaigns are all filed)."""
    from innoladder.collection.services import campaign_open
    from innoladder.enterprises.models import Park

    user = _admin()
    today = dt.date.today()
    campaign = campaign_open(
        user=user,
        park=Park.objects.get(name="格尔木工业园"),
        title="年度数据填报（版本号检查）",
        fiscal_year=today.year - 1,
        fields=["employees", "tech_staff"],
        opens_on=today,
        deadline=today + dt.timedelta(days=30),
    )
    submission = campaign.submissions.order_by("pk").first()
    url = f"/collection/forms/{submission.pk}/"
    return submission, url, url


def _rule_table():
    """A rule table not yet enabled, with one condition (the demo enters none)."""
    from decimal import Decimal

    from innoladder.ruletables import services
    from innoladder.ruletables.models import RuleTable

    if not RuleTable.objects.exists():
        services.ruletable_save(
            user=_admin(),
            conditions=[services.ConditionInput("rd_expense", "last_year", ">=", Decimal(500))],
            tier="tech_innovative_sme",
            title="2026年修订版",
            effective_from=dt.date(2026, 1, 1),
            effective_to=None,
            source="《优质中小企业梯度培育管理办法》",
        )
    return RuleTable.objects.order_by("pk").first()


def _rule_table_page(path):
    def target():
        table = _rule_table()
        detail = f"/ruletables/tables/{table.pk}/"
        return table, detail if path == "publish/" else detail + path, detail + path

    return target


def _other_status(enterprise):
    from innoladder.enterprises.choices import EnterpriseStatus

    return next(v for v in EnterpriseStatus.values if v != enterprise.status)


# fmt: off
CASES = [
    Case("enterprise_edit", _page("enterprises.Enterprise", "/enterprises/{o.pk}/edit/"), "address", "昆仑南路1号"),
    Case("enterprise_status", _page("enterprises.Enterprise", "/enterprises/{o.pk}/status/"), "status", _other_status),
    Case("annualdata_edit", _page("enterprises.AnnualData", "/enterprises/{o.enterprise_id}/annual-data/{o.year}/"), "source_note", "年报核对"),
    Case("iprecord_edit", _page("enterprises.IPRecord", "/enterprises/ip/{o.pk}/edit/"), "title", "一种提锂方法"),
    Case("award_edit", _page("enterprises.Award", "/enterprises/award/{o.pk}/edit/"), "project", "盐湖综合利用"),
    Case("standard_edit", _page("enterprises.StandardWork", "/enterprises/standard/{o.pk}/edit/"), "title", "碳酸锂"),
    Case("institution_edit", _page("enterprises.RDInstitution", "/enterprises/institution/{o.pk}/edit/"), "approved_by", "青海省科学技术厅"),
    Case("incident_edit", _page("enterprises.Incident", "/enterprises/incident/{o.pk}/edit/"), "description", "已整改"),
    Case("person_edit", _person, "position", "总工程师"),
    Case("fund_application_edit", _page("funding.FundApplication", "/funding/applications/{o.pk}/edit/", status="applied"), "note", "补充材料"),
    Case("programme_edit", _page("funding.Programme", "/funding/programmes/{o.pk}/edit/"), "issuer", "园区管委会"),
    Case("voucher_use_edit", _page("funding.VoucherUse", "/funding/vouchers/{o.pk}/edit/"), "provider", "检测中心"),
    Case("policy_edit", _page("policies.Policy", "/policies/{o.pk}/edit/"), "summary", "修订后的摘要"),
    Case("promo_edit", _page("policies.Campaign", "/policies/campaigns/{o.pk}/edit/"), "description", "走访"),
    Case("training_edit", _page("policies.TrainingEvent", "/policies/trainings/{o.pk}/edit/"), "place", "西宁"),
    Case("contract_edit", _page("contracts.TechContract", "/contracts/{o.pk}/edit/"), "note", "补充说明"),
    Case("cooperation_edit", _page("cooperation.Cooperation", "/cooperation/projects/{o.pk}/edit/"), "outcome", "样机"),
    Case("patent_edit", _page("cooperation.PatentIntroduction", "/cooperation/patents/{o.pk}/edit/"), "source", "高校"),
    Case("talent_edit", _page("cooperation.Talent", "/cooperation/talents/{o.pk}/edit/"), "field", "新材料"),
    Case("project_edit", _page("projects.Project", "/projects/{o.pk}/edit/"), "title", "盐湖提锂中试"),
    Case("project_transition", _transition("projects.Project", "/projects/{o.pk}/", "/projects/{o.pk}/transition/", status__in=["applied", "approved", "in_progress", "midterm"]), None),
    Case("visit_edit", _page("services.Visit", "/services/visits/{o.pk}/edit/"), "notes", "了解用工需求"),
    Case("request_edit", _page("services.EnterpriseRequest", "/services/requests/{o.pk}/edit/"), "description", "融资"),
    Case("request_transition", _transition("services.EnterpriseRequest", "/services/requests/{o.pk}/", "/services/requests/{o.pk}/transition/", status="pending"), None),
    Case("rnd_project_edit", _page("rnd.RDProject", "/rnd/projects/{o.pk}/edit/"), "name", "锂盐提纯工艺研究"),
    Case("rnd_line_edit", _page("rnd.LedgerLine", "/rnd/lines/{o.pk}/edit/"), "summary", "材料费"),
    Case("rnd_profile_edit", _page("rnd.TaxYearProfile", "/rnd/enterprises/{o.enterprise_id}/{o.year}/profile/"), "offsets", "1000"),
    Case("rnd_rule_edit", _page("rnd.SubsidyRule", "/rnd/subsidy-rules/{o.pk}/edit/"), "title", "研发投入补助"),
    Case("recognition_edit", _page("recognitions.Recognition", "/recognitions/{o.pk}/edit/"), "note", "复核"),
    Case("batch_edit", _page("recognitions.Batch", "/recognitions/batches/{o.pk}/edit/"), "note", "第二批"),
    Case("application_detail", _page("recognitions.Application", "/recognitions/applications/{o.pk}/", status__in=["intent", "preparing", "submitted", "reviewing", "publicised"]), "note", "补正材料"),
    Case("report_edit", _report_section, "text", "第二稿"),
    Case("submission_detail", _open_submission, "employees", "123", {"save": ["1"]}),
    Case("ruletable_edit", _rule_table_page("edit/"), "title", "2026年修订版（第二稿）"),
    Case("ruletable_publish", _rule_table_page("publish/"), None),
]
# fmt: on


def _state(obj):
    """Every stored column of the object, read again from the database."""
    fresh = type(obj)._default_manager.get(pk=obj.pk)
    return {f.attname: getattr(fresh, f.attname) for f in fresh._meta.concrete_fields}


def _form(case, html, page, action):
    candidates = [
        form
        for form in post_forms(html)
        if (form.action or page) == action and (case.field is None or case.field in form.data)
    ]
    versioned = [form for form in candidates if set(form.data) & {"version", "_version", "expected_version"}]
    if not versioned:
        return None, None
    form = versioned[0]
    name = next(n for n in ("version", "_version", "expected_version") if n in form.data)
    return dict(form.data), name


def _check(client, case) -> list[str]:
    obj, page, action = case.target()
    assert resolve(action).url_name == case.url_name, (action, resolve(action).url_name)
    response = client.get(page)
    assert response.status_code == 200, (case.url_name, page, response.status_code)
    data, version_name = _form(case, response.content.decode(), page, action)
    if data is None:
        return [f"{case.url_name}: no POST form to {action} with a version field on {page}"]
    if case.field is not None:
        data[case.field] = [case.value(obj) if callable(case.value) else case.value]
    data.update(case.extra)
    before, entries = _state(obj), AuditEntry.objects.count()
    problems = []
    for label, version, expected in (("missing", None, MISSING), ("stale", "999999", STALE)):
        posted = {k: v for k, v in data.items() if k != version_name}
        if version is not None:
            posted[version_name] = [version]
        refused = client.post(action, posted)
        body = refused.content.decode()
        if refused.status_code != 200 or expected not in body:
            problems.append(
                f"{case.url_name}: {label} version answered {refused.status_code} without “{expected}”"
            )
        if _state(obj) != before or AuditEntry.objects.count() != entries:
            problems.append(f"{case.url_name}: a POST with a {label} version changed the record")
    saved = client.post(action, data)
    if saved.status_code != 302:
        problems.append(f"{case.url_name}: the POST with its version was not saved ({saved.status_code})")
    elif _state(obj) == before:
        problems.append(
            f"{case.url_name}: the POST with its version changed nothing, so the check proves nothing"
        )
    return problems


def test_every_edit_form_refuses_a_missing_or_stale_version_and_changes_nothing(client, db):
    assert load_apps(DEMO_APPS) == list(DEMO_APPS)
    admin = UserFactory(username=ADMIN, role=Role.ADMIN, is_staff=True)
    client.force_login(admin)
    problems = []
    for case in CASES:
        problems += _check(client, case)
    assert not problems, "\n".join(problems)


def _views(patterns, prefix=""):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            yield from _views(entry.url_patterns)
        elif isinstance(entry, URLPattern) and entry.name:
            callback = entry.callback
            yield entry.name, getattr(callback, "view_class", None) or inspect.unwrap(callback)


def _class_source(klass) -> str:
    """A class's code; "" for one composed by `type()` from declared bases (cooperation's pages), whose
    code is that of its bases, read in turn."""
    try:
        return inspect.getsource(klass)
    except OSError:
        return ""


def _source(view) -> str:
    """The view's code and that of the module's own helpers it calls (`_programme_save`, `_save`); for a
    class-based view, its class and the project's classes it is built on (the view kit's edit view)."""
    if inspect.isclass(view):
        bases = [k for k in view.__mro__ if k.__module__.startswith("innoladder.")]
        return "\n".join(_class_source(k) for k in bases)
    module = inspect.getmodule(view)
    parts = [inspect.getsource(view)]
    for name in view.__code__.co_names:
        helper = getattr(module, name, None)
        if inspect.isfunction(helper) and helper.__module__ == module.__name__ and name.startswith("_"):
            parts.append(inspect.getsource(helper))
    return "\n".join(parts)


def test_every_view_that_takes_a_version_is_checked():
    """By view function, create pages left out (a new record has no version another editor could move)."""
    taking, checked = {}, set()
    names = {case.url_name for case in CASES}
    for name, view in _views(get_resolver().url_patterns):
        module = inspect.getmodule(view)
        if module is None or not module.__name__.startswith("innoladder.") or name.endswith("_create"):
            continue
        if "expected_version" in _source(view):
            taking.setdefault(view, set()).add(name)
            if name in names:
                checked.add(view)
    unchecked = {view.__qualname__: sorted(n) for view, n in taking.items() if view not in checked}
    assert not unchecked, f"edit views that take a version but have no line in CASES: {unchecked}"
    listed = {n for names_of_view in taking.values() for n in names_of_view}
    assert names <= listed, f"CASES lists views that take no version: {names - listed}"


@pytest.mark.parametrize("raw", [None, "", " ", "abc", "1.5", "-1", "１"])
def test_a_version_that_is_missing_or_not_a_number_is_refused(raw):
    from innoladder.core.services import MissingVersionError, posted_version

    with pytest.raises(MissingVersionError):
        posted_version({} if raw is None else {"version": raw})
    assert posted_version({"version": " 7 "}) == 7
    assert posted_version({"expected_version": 0}, "expected_version") == 0
