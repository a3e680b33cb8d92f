"""Writes of the cooperation app: cooperation projects, patent introductions (which also keep the
enterprise's IP record as transferred-in) and talents (ID numbers kept only as a keyed hash + last 4)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.crypto import salted_hmac

from innoladder.core import viewkit as vk
from innoladder.core.services import object_create, object_delete, object_update
from innoladder.enterprises.choices import IPAcquisition
from innoladder.enterprises.models import IPRecord

from .models import Cooperation, PatentIntroduction, Talent

ID_SALT = "innoladder.cooperation.talent.id_number"
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


cooperation_create, cooperation_update = vk.creator(Cooperation), vk.updater("cooperation")


def _sync_ip_record(intro: PatentIntroduction, *, user) -> IPRecord:
    """Create or update the enterprise's IP record for the patent as transferred-in on the intro date."""
    record = IPRecord.objects.filter(enterprise=intro.enterprise, number=intro.patent_number).first()
    if record is None:
        record = IPRecord(
            enterprise=intro.enterprise, number=intro.patent_number, kind=intro.kind, title=intro.title
        )
        record.acquisition = IPAcquisition.TRANSFERRED
        record.transferred_on = intro.introduced_on
        return object_create(record, user=user, message="专利引进")
    record.acquisition = IPAcquisition.TRANSFERRED
    record.transferred_on = intro.introduced_on
    record.title = record.title or intro.title
    return object_update(record, user=user, message="专利引进")


@transaction.atomic
def patent_introduction_create(*, user, **fields) -> PatentIntroduction:
    intro = PatentIntroduction(**fields)
    intro.patent_number = intro.patent_number.strip()
    intro.full_clean()
    intro.ip_record = _sync_ip_record(intro, user=user)
    return object_create(intro, user=user)


@transaction.atomic
def patent_introduction_update(
    *, intro: PatentIntroduction, user, expected_version=None, **fields
) -> PatentIntroduction:
    for name, value in fields.items():
        setattr(intro, name, value)
    intro.patent_number = intro.patent_number.strip()
    intro.ip_record = _sync_ip_record(intro, user=user)
    return object_update(intro, user=user, expected_version=expected_version)


def normalise_id_number(id_number: str) -> str:
    """Validate a resident ID number (GB 11643-1999: 18 characters with check digit) and normalise it."""
    value = "".join(id_number.split()).upper()
    if len(value) != 18 or not value[:17].isdigit() or not (value[17].isdigit() or value[17] == "X"):
        raise ValidationError("身份证号应为18位（最后一位可为X）。")
    total = sum(int(ch) * w for ch, w in zip(value[:17], ID_WEIGHTS, strict=True))
    if ID_CHECK[total % 11] != value[17]:
        raise ValidationError("身份证号校验位不正确。")
    return value


def id_number_hash(id_number: str) -> str:
    """Salted HMAC-SHA256 of the normalised ID number, keyed by SECRET_KEY: equal numbers, equal hashes."""
    return salted_hmac(ID_SALT, normalise_id_number(id_number), algorithm="sha256").hexdigest()


def _apply_id_number(talent: Talent, id_number: str) -> None:
    if not id_number:
        return
    digest = id_number_hash(id_number)
    duplicate = Talent.objects.filter(id_hash=digest).exclude(pk=talent.pk).exists()
    if duplicate:
        raise ValidationError("该身份证号对应的人才已登记，请勿重复录入。")
    talent.id_hash = digest
    talent.id_last4 = normalise_id_number(id_number)[-4:]


@transaction.atomic
def talent_create(*, user, id_number: str = "", **fields) -> Talent:
    talent = Talent(**fields)
    _apply_id_number(talent, id_number)
    return object_create(talent, user=user)


@transaction.atomic
def talent_update(*, talent: Talent, user, id_number: str = "", expected_version=None, **fields) -> Talent:
    for name, value in fields.items():
        setattr(talent, name, value)
    _apply_id_number(talent, id_number)
    return object_update(talent, user=user, expected_version=expected_version)


def talent_delete(*, talent: Talent, user) -> None:
    object_delete(talent, user=user)
