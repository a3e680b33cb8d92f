from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from innoladder.core import viewkit as vk

from . import choices as c
from . import exports, selectors, services
from .filtersets import ContractFilterSet
from .forms import ContractTransitionForm, TechContractForm
from .tax import tax_view


class ContractListView(vk.ObjectListView):
    select, filterset = selectors.contract_list, ContractFilterSet
    title = _("技术合同登记")
    creatable = staticmethod(selectors.writable_enterprises)
    create_url_name, export_url_name, create_label = "contract_create", "contract_export", _("新增合同")
    filename, export_columns = "技术合同登记.xlsx", exports.CONTRACT_COLUMNS

    @staticmethod
    def columns():
        return [
            vk.link(_("合同名称"), lambda t: t.title),
            vk.Col(_("类别"), lambda t: f"{t.get_category_display()}·{t.get_subtype_display()}"),
            vk.Col(_("园区企业"), lambda t: t.enterprise.name),
            vk.Col(_("对方"), lambda t: t.counterparty_name),
            vk.amount(_("成交额(万元)"), lambda t: t.contract_amount),
            vk.amount(_("技术交易额(万元)"), lambda t: t.transaction_amount),
            vk.Col(_("签订日期"), lambda t: vk.day(t.signed_on)),
            vk.Col(_("登记状态"), registration),
        ]


def registration(contract) -> str:
    """The registration status, with its number once registered."""
    if not contract.registration_number:
        return contract.get_status_display()
    return f"{contract.get_status_display()}{_('（')}{contract.registration_number}{_('）')}"


class ContractDetailView(vk.ObjectDetailView):
    select = selectors.contract_list
    template_name, context_object_name = "contracts/contract_detail.html", "t"

    def get_context(self, contract):
        can_edit = self.may("change", contract)
        form = None
        if can_edit and c.TRANSITIONS.get(contract.status):
            form = ContractTransitionForm(contract=contract, initial={"on": timezone.localdate()})
        return {
            "tax": tax_view(contract),
            "history": contract.history.select_related("actor"),
            "can_edit": can_edit,
            "transition_form": form,
        }


class ContractEditView(vk.ObjectEditView):
    select, form_class = selectors.contract_list, TechContractForm
    create, update, instance_kwarg = services.contract_create, services.contract_update, "contract"
    title_create, title_edit = _("新增技术合同"), _("修改技术合同")
    created_message, updated_message = _("技术合同已保存"), _("技术合同已更新")
    list_url_name = "contract_list"
    version_name, errors_by_field = "_version", True
    creatable = staticmethod(selectors.writable_enterprises)

    def data(self, form, obj):
        return {k: v for k, v in form.cleaned_data.items() if obj is None or k != "enterprise"}


class ContractTransitionView(vk.ObjectActionView):
    select, form_class = selectors.contract_list, ContractTransitionForm
    success = _("办理完成")

    def form_kwargs(self, contract):
        return {"contract": contract}

    def perform(self, contract, form):
        services.contract_transition(contract=contract, user=self.request.user, **form.cleaned_data)
