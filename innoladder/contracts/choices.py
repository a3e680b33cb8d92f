from django.db import models
from django.utils.translation import gettext_lazy as _

from innoladder.eligibility.tech_contract import CATEGORY_LABELS, SUBTYPES
from innoladder.ruletables.english import translate_lazy


class ContractCategory(models.TextChoices):
    DEVELOPMENT = "development", translate_lazy(CATEGORY_LABELS["development"])
    TRANSFER = "transfer", translate_lazy(CATEGORY_LABELS["transfer"])
    LICENCE = "licence", translate_lazy(CATEGORY_LABELS["licence"])
    CONSULTING = "consulting", translate_lazy(CATEGORY_LABELS["consulting"])
    SERVICE = "service", translate_lazy(CATEGORY_LABELS["service"])


SUBTYPE_CHOICES = [
    (translate_lazy(CATEGORY_LABELS[cat]), [(key, translate_lazy(label)) for key, label in subs.items()])
    for cat, subs in SUBTYPES.items()
]


class PartyRole(models.TextChoices):
    SELLER = "seller", _("卖方")
    BUYER = "buyer", _("买方")


class RegistrationStatus(models.TextChoices):
    PREPARING = "preparing", _("准备")
    SUBMITTED = "submitted", _("已提交")
    REGISTERED = "registered", _("已登记")


TRANSITIONS: dict[str, tuple[str, ...]] = {
    RegistrationStatus.PREPARING: (RegistrationStatus.SUBMITTED,),
    RegistrationStatus.SUBMITTED: (RegistrationStatus.REGISTERED, RegistrationStatus.PREPARING),
    RegistrationStatus.REGISTERED: (),
}
