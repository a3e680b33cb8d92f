"""Writes of the policies app, all audited (core.services or audit.record in the same transaction)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from innoladder.core import audit
from innoladder.core import viewkit as vk
from innoladder.core.models import AuditEvent
from innoladder.core.services import object_create, object_delete, object_update

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


@transaction.atomic
def policy_create(*, user, conditions=(), **fields) -> Policy:
    upload = fields.get("attachment")
    if upload and not fields.get("attachment_name"):
        fields["attachment_name"] = upload.name[-200:]
    policy = object_create(Policy(**fields), user=user)
    _replace_conditions(policy, conditions, user)
    return policy


@transaction.atomic
def policy_update(
    *, policy: Policy, user, conditions=None, expected_version: int | None = None, **fields
) -> Policy:
    upload = fields.get("attachment")
    if upload and upload != policy.attachment:
        fields["attachment_name"] = upload.name[-200:]
    for name, value in fields.items():
        setattr(policy, name, value)
    object_update(policy, user=user, expected_version=expected_version)
    if conditions is not None:
        _replace_conditions(policy, conditions, user)
    return policy


campaign_create, campaign_update = vk.creator(Campaign), vk.updater("campaign")


def campaign_reach_add(
    *, user, campaign: Campaign, enterprise, reached_on, channel, note: str = ""
) -> CampaignReach:
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
    if enterprise.park_id != event.park_id:
        raise ValidationError("只能报名本园区的企业")
    enrolment = TrainingEnrolment.objects.filter(event=event, enterprise=enterprise).first()
    if enrolment is None:
        enrolment = object_create(TrainingEnrolment(event=event, enterprise=enterprise), user=user)
    for name, position in attendees:
        object_create(
            TrainingAttendee(enrolment=enrolment, name=name.strip(), position=position.strip()), user=user
        )
    return enrolment


def training_enrolment_remove(*, user, enrolment: TrainingEnrolment) -> None:
    object_delete(enrolment, user=user)
