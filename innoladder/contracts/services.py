import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from innoladder.core import audit
from innoladder.core import viewkit as vk
from innoladder.core.scoping import is_staff_role
from innoladder.core.services import check_step, object_create, object_transition

from . import choices as c
from .models import TechContract, TechContractHistory

S = c.RegistrationStatus


@transaction.atomic
def contract_create(*, user, **fields) -> TechContract:
    fields["status"] = S.PREPARING
    fields.setdefault("prepared_on", timezone.localdate())
    contract = object_create(TechContract(**fields), user=user)
    TechContractHistory.objects.create(contract=contract, to_status=S.PREPARING, actor=user, comment="新建")
    return contract


def _editable(contract: TechContract, user) -> None:
    if contract.status == S.REGISTERED and not is_staff_role(user):
        raise ValidationError("合同已登记，只有园区工作人员可以修改")


# Edit the contract's data; status and registration move only through contract_transition.
contract_update = vk.updater(
    "contract",
    check=_editable,
    fixed=("status", "registration_number", "registered_on", "submitted_on", "enterprise"),
)


@transaction.atomic
def contract_transition(
    *,
    contract: TechContract,
    to_status: str,
    user,
    on: dt.date | None = None,
    registration_number: str = "",
    comment: str = "",
) -> TechContract:
    """准备 → 已提交 → 已登记 (or back to 准备 when returned). Registering is the bureau's act."""
    current = TechContract.objects.select_for_update().get(pk=contract.pk)
    check_step(current, to_status, c.TRANSITIONS, "合同当前登记状态为“{current}”，不能变更为“{to}”")
    if to_status in (S.REGISTERED, S.PREPARING) and not is_staff_role(user):
        raise PermissionDenied("只有园区工作人员可以办理登记或退回")
    on = on or timezone.localdate()
    before = audit.snapshot(current)
    if to_status == S.SUBMITTED:
        current.submitted_on = on
    elif to_status == S.REGISTERED:
        current.registered_on = on
        current.registration_number = registration_number.strip()
    elif to_status == S.PREPARING and not comment.strip():
        raise ValidationError({"comment": "退回时请填写原因"})
    return object_transition(
        current, to_status, user=user, before=before, history=TechContractHistory, comment=comment
    )
