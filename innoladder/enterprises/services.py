"""Writes of the enterprise registry: every change audited, stale edits refused (optimistic locking)."""

import datetime as dt
from collections.abc import Callable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop

from innoladder.core import audit
from innoladder.core.models import AuditEvent
from innoladder.core.scoping import is_staff_role
from innoladder.core.services import StaleEditError, acting_user, object_create, object_delete, object_update
from innoladder.eligibility import size_class, uscc

from . import choices as c
from .models import AnnualData, Award, Enterprise, Incident, IPRecord, Person, RDInstitution, StandardWork

# Fields only park staff (admin, officer) may set; enterprise users and agencies keep the stored values.
STAFF_ONLY_FIELDS = ("park", "sub_zone", "pool", "assigned_officer", "status", "status_changed_on")
STALE_ANNUAL_MESSAGE = gettext_noop(
    "该年度数据已被他人修改或录入，您的修改未保存。请刷新页面查看最新数据后重新编辑。"
)


class UsccError(ValidationError):
    """A code that failed validation; carries the validator's reasons."""


class AnnualYearExists(ValidationError):
    """New figures for a year the enterprise already has: that year is to be edited instead."""

    def __init__(self, year: int):
        message = gettext("%(year)s年度数据已存在，请在该年度上修改。") % {"year": year}
        super().__init__({"year": [message]})
        self.year = year


def _is_staff(user) -> bool:
    return user is not None and is_staff_role(user)  # None: a write made by the system (imports, demo)


def check_uscc(raw: str, *, override_reason: str = "", user=None) -> tuple[str, str]:
    """Normalise and validate a code; returns (code, override reason kept).

    A failed check is refused unless a park officer (or admin) gives a reason for accepting it anyway.
    Length and character errors can never be overridden: such a string is not a code at all.
    """
    result = uscc.validate(raw or "")
    if result.ok:
        return result.code, ""
    structural = len(result.code) != 18 or any(ch not in uscc.CHARSET for ch in result.code)
    reason = (override_reason or "").strip()
    if structural or not reason:
        raise UsccError({"uscc": list(result.errors)})
    if not _is_staff(user):
        raise UsccError({"uscc": [*result.errors, "只有园区工作人员可以确认校验未通过的代码"]})
    return result.code, reason


def search_texts(former_names, tags) -> dict[str, str]:
    """An enterprise's search columns: its former names joined by spaces, its tags as "|a|b|" (the list's
    tag filter looks for "|tag|"), each cut to the column's 500 characters."""
    return {
        "former_names_text": " ".join(former_names)[:500],
        "tags_text": ("|" + "|".join(tags) + "|" if tags else "")[:500],
    }


def _sync_text_fields(enterprise: Enterprise) -> None:
    enterprise.former_names = [n.strip() for n in enterprise.former_names or [] if str(n).strip()]
    enterprise.tags = [t.strip() for t in enterprise.tags or [] if str(t).strip()]
    for name, value in search_texts(enterprise.former_names, enterprise.tags).items():
        setattr(enterprise, name, value)


def size_class_for(enterprise: Enterprise, latest: AnnualData | None) -> str:
    """Size class from the latest annual data per the 2017 statistics classification; "" if unknown."""
    if latest is None or not enterprise.industry_code:
        return ""
    result = size_class.classify(
        enterprise.industry_code,
        latest.employees,
        latest.operating_revenue if latest.operating_revenue is not None else latest.main_revenue,
        latest.total_assets,
    )
    return result.size or ""


def _latest_annual(enterprise: Enterprise) -> AnnualData | None:
    if enterprise.pk is None:
        return None
    return AnnualData.objects.filter(enterprise=enterprise).order_by("-year").first()


def _uscc_audit(enterprise: Enterprise, reason: str, user) -> None:
    if reason:
        audit.record(
            AuditEvent.UPDATE,
            obj=enterprise,
            user=user,
            changes={"uscc": enterprise.uscc, "uscc_override_reason": reason},
            message=f"统一社会信用代码校验未通过，经确认保留：{reason}",
        )


@transaction.atomic
def enterprise_create(*, user, data: dict, override_reason: str = "") -> Enterprise:
    """Register an enterprise; the code is normalised and validated, the size class computed."""
    fields = dict(data)
    code, reason = check_uscc(fields.pop("uscc", ""), override_reason=override_reason, user=user)
    fields.pop("uscc_override_reason", None)
    enterprise = Enterprise(uscc=code, uscc_override_reason=reason, **fields)
    _sync_text_fields(enterprise)
    enterprise.size_class = ""
    if Enterprise.objects.filter(uscc=code).exists():
        raise ValidationError({"uscc": ["该统一社会信用代码已登记"]})
    object_create(enterprise, user=user, message="新增企业")
    _uscc_audit(enterprise, reason, user)
    return enterprise


@transaction.atomic
def enterprise_update(
    *,
    enterprise: Enterprise,
    user,
    data: dict,
    expected_version: int | None = None,
    override_reason: str = "",
) -> Enterprise:
    """Edit an enterprise's profile. Non-staff users cannot move park, pool, officer or status."""
    fields = dict(data)
    fields.pop("uscc_override_reason", None)
    if not _is_staff(user):
        for name in STAFF_ONLY_FIELDS:
            fields.pop(name, None)
    reason = enterprise.uscc_override_reason
    if "uscc" in fields:
        raw = fields.pop("uscc")
        stored = Enterprise.objects.filter(pk=enterprise.pk).values_list("uscc", flat=True).first()
        if uscc.normalise(raw or "") != stored or override_reason.strip() != reason:
            code, reason = check_uscc(raw, override_reason=override_reason, user=user)
            if Enterprise.objects.filter(uscc=code).exclude(pk=enterprise.pk).exists():
                raise ValidationError({"uscc": ["该统一社会信用代码已登记"]})
            enterprise.uscc = code
            enterprise.uscc_override_reason = reason
            _uscc_audit(enterprise, reason, user)
    for name, value in fields.items():
        setattr(enterprise, name, value)
    _sync_text_fields(enterprise)
    enterprise.size_class = size_class_for(enterprise, _latest_annual(enterprise))
    return object_update(enterprise, user=user, expected_version=expected_version, message="修改企业信息")


@transaction.atomic
def enterprise_set_status(
    *,
    enterprise: Enterprise,
    user,
    status: str,
    on: dt.date | None = None,
    reason: str = "",
    expected_version: int | None = None,
) -> Enterprise:
    """Mark an enterprise moved out, deregistered or active again. Soft: the file and its history stay."""
    if status not in c.EnterpriseStatus.values:
        raise ValidationError({"status": ["无效的企业状态"]})
    if not _is_staff(user):
        raise ValidationError({"status": ["只有园区工作人员可以变更企业状态"]})
    if status == enterprise.status:
        raise ValidationError({"status": [f"企业当前已是“{enterprise.get_status_display()}”状态"]})
    before = enterprise.status
    enterprise.status = status
    enterprise.status_changed_on = on or timezone.localdate()
    label = c.EnterpriseStatus(status).label
    old_label = c.EnterpriseStatus(before).label
    message = f"企业状态由“{old_label}”变更为“{label}”" + (f"：{reason}" if reason else "")
    return object_update(enterprise, user=user, expected_version=expected_version, message=message)


def refresh_size_class(enterprise: Enterprise) -> None:
    """Recompute the stored size class after annual data changed (no version bump: derived value)."""
    new = size_class_for(enterprise, _latest_annual(enterprise))
    if new != enterprise.size_class:
        old = enterprise.size_class
        Enterprise.objects.filter(pk=enterprise.pk).update(size_class=new)
        enterprise.size_class = new
        audit.record(
            AuditEvent.UPDATE,
            obj=enterprise,
            changes={"size_class": [old, new]},
            message="按最新年度数据重新划分企业规模",
        )


ANNUAL_FIELDS = tuple(
    f.name
    for f in AnnualData._meta.concrete_fields
    if f.name
    not in (
        "id",
        "enterprise",
        "year",
        "source",
        "source_note",
        "confirmed_by",
        "confirmed_at",
        "created_at",
        "updated_at",
        "version",
    )
)


@transaction.atomic
def annual_data_upsert(
    *,
    enterprise: Enterprise,
    year: int,
    user,
    data: dict,
    source: str = c.DataSource.MANUAL,
    source_note: str = "",
    expected_version: int | None = None,
) -> AnnualData:
    """Create or update one fiscal year's figures, recording the source and who confirmed them when.

    `expected_version` is the version the editor saw: 0 means "no row yet". A row created or changed by
    someone else meanwhile is refused with StaleEditError; None skips the check (imports, generators).
    """
    unknown = set(data) - set(ANNUAL_FIELDS)
    if unknown:
        raise ValueError(f"unknown annual data fields: {sorted(unknown)}")
    existing = AnnualData.objects.select_for_update().filter(enterprise=enterprise, year=year).first()
    values = {
        **data,
        "source": source,
        "source_note": source_note,
        "confirmed_by": acting_user(user),
        "confirmed_at": timezone.now(),
    }
    if existing is None:
        if expected_version not in (None, 0):
            raise StaleEditError(gettext(STALE_ANNUAL_MESSAGE))
        row = AnnualData(enterprise=enterprise, year=year, **values)
        object_create(row, user=user, message=f"录入{year}年度数据")
    else:
        if expected_version == 0:
            raise AnnualYearExists(year)
        if expected_version is not None and existing.version != expected_version:
            raise StaleEditError(gettext(STALE_ANNUAL_MESSAGE))
        for name, value in values.items():
            setattr(existing, name, value)
        row = object_update(
            existing, user=user, expected_version=expected_version, message=f"修改{year}年度数据"
        )
    refresh_size_class(enterprise)
    return row


@transaction.atomic
def annual_data_delete(*, row: AnnualData, user) -> None:
    enterprise = row.enterprise
    object_delete(row, user=user, message=f"删除{row.year}年度数据")
    refresh_size_class(enterprise)


# --- child records: IP, awards, standards, R&D institutions, incidents, people ----------------------


def _check_ip(data: dict) -> None:
    errors = {}
    if data.get("acquisition") == c.IPAcquisition.TRANSFERRED and not data.get("transferred_on"):
        errors["transferred_on"] = ["受让取得的知识产权须填写受让日期"]
    applied, granted = data.get("applied_on"), data.get("granted_on")
    if applied and granted and granted < applied:
        errors["granted_on"] = ["授权日不能早于申请日"]
    expires = data.get("expires_on")
    if expires and granted and expires < granted:
        errors["expires_on"] = ["到期日不能早于授权日"]
    if errors:
        raise ValidationError(errors)


def _child_services(model, label: str, check: Callable[[dict], None] | None = None):
    """The create, update and delete services of an enterprise's child records of `model`, audited as
    新增/修改/删除`label`; `check(data)` refuses data that cannot be saved before a create or an update."""

    def create(*, enterprise: Enterprise, user, data: dict):
        if check is not None:
            check(data)
        return object_create(model(enterprise=enterprise, **data), user=user, message=f"新增{label}")

    def update(*, record, user, data: dict, expected_version: int | None = None):
        if check is not None:
            check(data)
        for name, value in data.items():
            if name != "enterprise":
                setattr(record, name, value)
        return object_update(record, user=user, expected_version=expected_version, message=f"修改{label}")

    def delete(*, record, user) -> None:
        object_delete(record, user=user, message=f"删除{label}")

    return create, update, delete


def _check_incident(data: dict) -> None:
    problem = Incident.date_problem(data.get("occurred_on"), data.get("removed_on"))
    if problem:
        raise ValidationError({"removed_on": [problem]})


iprecord_create, iprecord_update, iprecord_delete = _child_services(IPRecord, "知识产权", _check_ip)
award_create, award_update, award_delete = _child_services(Award, "获奖")
standard_create, standard_update, standard_delete = _child_services(StandardWork, "参与标准")
institution_create, institution_update, institution_delete = _child_services(RDInstitution, "研发机构")
incident_create, incident_update, incident_delete = _child_services(Incident, "不良记录", _check_incident)
person_create, person_update, person_delete = _child_services(Person, "人员")
