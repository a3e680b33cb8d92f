"""Writes of the policies app, all audited (core.services or audit.record in the same transaction)."""

from django.db import transaction

from innoladder.core import audit
from innoladder.core import viewkit as vk
from innoladder.core.models import AuditEvent
from innoladder.core.services import StaleEditError, object_create, object_delete

from .models import (
    Campaign,
    CampaignReach,
    Policy,
    PolicyCondition,
    TrainingAttendee,
    TrainingEnrolment,
    TrainingEvent,
)


def _replace_conditions(policy: Policy, conditions, user) -> None:
    """conditions: iterable of (field, operator, threshold); the old set is replaced and both are audited."""
    before = [str(c) for c in policy.conditions.all()]
    policy.conditions.all().delete()
    for field, operator, threshold in conditions:
        cond = PolicyCondition(policy=policy, field=field, operator=operator, threshold=threshold)
        cond.full_clean()
        cond.save()
    after = [str(c) for c in policy.conditions.all()]
    if before != after:
        audit.record(
            AuditEvent.UPDATE,
            obj=policy,
            user=user,
            changes={"conditions": [before, after]},
            message="匹配条件变更",
        )


def _policy_snapshot(policy: Policy) -> dict:
    """audit.snapshot, with the attachment as its stored name (a FieldFile is not JSON)."""
    data = {}
    for field in policy._meta.concrete_fields:
        if field.name in ("created_at", "updated_at"):
            continue
        value = getattr(policy, field.attname)
        data[field.attname] = (value.name or "") if field.name == "attachment" else audit._plain(value)
    return data


@transaction.atomic
def policy_create(*, user, conditions=(), **fields) -> Policy:
    upload = fields.get("attachment")
    if upload and not fields.get("attachment_name"):
        fields["attachment_name"] = upload.name[-200:]
    policy = Policy(**fields)
    policy.full_clean()
    policy.save()
    audit.record(AuditEvent.CREATE, obj=policy, user=user, changes={"after": _policy_snapshot(policy)})
    _replace_conditions(policy, conditions, user)
    return policy


@transaction.atomic
def policy_update(
    *, policy: Policy, user, conditions=None, expected_version: int | None = None, **fields
) -> Policy:
    current = Policy.objects.select_for_update().get(pk=policy.pk)
    if expected_version is not None and current.version != expected_version:
        raise StaleEditError()
    before = _policy_snapshot(current)
    upload = fields.get("attachment")
    if upload and upload != policy.attachment:
        fields["attachment_name"] = upload.name[-200:]
    for name, value in fields.items():
        setattr(policy, name, value)
    policy.version = current.version + 1
    policy.full_clean()
    policy.save()
    changes = audit.diff(before, _policy_snapshot(policy))
    changes.pop("version", None)
    if changes:
        audit.record(AuditEvent.UPDATE, obj=policy, user=user, changes=changes)
    if conditions is not None:
        _replace_conditions(policy, conditions, user)
    return policy


campaign_create, campaign_update = vk.creator(Campaign), vk.updater("campaign")


def campaign_reach_add(
    *, user, campaign: Campaign, enterprise, reached_on, channel, note: str = ""
) -> CampaignReach:
    from django.core.exceptions import ValidationError

    if enterprise.park_id != campaign.park_id:
        raise ValidationError("只能记录本园区的企业")
    reach = CampaignReach(
        campaign=campaign, enterprise=enterprise, reached_on=reached_on, channel=channel, note=note
    )
    return object_create(reach, user=user)


def campaign_reach_remove(*, user, reach: CampaignReach) -> None:
    object_delete(reach, user=user)


training_create, training_update = vk.creator(TrainingEvent), vk.updater("event")


@transaction.atomic
def training_enrol(*, user, event: TrainingEvent, enterprise, attendees=()) -> TrainingEnrolment:
    """Enrol an enterprise (or add attendees to its enrolment); attendees are (name, position) pairs."""
    from django.core.exceptions import ValidationError

    if enterprise.park_id != event.park_id:
        raise ValidationError("只能报名本园区的企业")
    enrolment = TrainingEnrolment.objects.filter(event=event, enterprise=enterprise).first()
    if enrolment is None:
        enrolment = object_create(TrainingEnrolment(event=event, enterprise=enterprise), user=user)
    for name, position in attendees:
        attendee = TrainingAttendee(enrolment=enrolment, name=name.strip(), position=position.strip())
        attendee.full_clean()
        attendee.save()
        audit.record(
            AuditEvent.CREATE,
            obj=attendee,
            user=user,
            enterprise_id=enterprise.pk,
            changes={"after": audit.snapshot(attendee)},
        )
    return enrolment


def training_enrolment_remove(*, user, enrolment: TrainingEnrolment) -> None:
    object_delete(enrolment, user=user)
