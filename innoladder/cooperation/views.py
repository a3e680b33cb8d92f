"""Screens of the cooperation app: cooperation projects, patents introduced and talents share one shape,
so each declares its selector, filter set, columns, form and services on a base of the three."""

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from innoladder.core import viewkit as vk

from . import selectors, services, tables
from .filtersets import CooperationFilterSet, PatentFilterSet, TalentFilterSet
from .forms import CooperationForm, PatentIntroductionForm, TalentForm


class Kind:
    """One of the three: `name` is the URL names' prefix (<name>_list, <name>_detail, ...)."""

    name = ""
    title = ""
    import_dataset = ""


class ListView(vk.ObjectListView):
    def get_context(self):
        return {
            "title": self.title,
            "create_url": reverse(f"{self.name}_create"),
            "export_url": reverse(f"{self.name}_export"),
            "import_url": reverse("import_upload", args=[self.import_dataset]) if self.import_dataset else "",
        }


class ExportView(vk.ObjectExportView):
    def get(self, request, *args, **kwargs):
        self.filename = f"{self.title}.xlsx"
        return super().get(request, *args, **kwargs)


class DetailView(vk.ObjectDetailView):
    template_name = "cooperation/detail.html"
    fields = None

    def get_context(self, obj):
        return {
            "title": f"{self.title}：{obj}",
            "fields": type(self).fields(obj),
            "edit_url": reverse(f"{self.name}_edit", args=[obj.pk]) if self.may("change", obj) else "",
            "back_url": reverse(f"{self.name}_list"),
        }


class EditView(vk.ObjectEditView):
    created_message = updated_message = gettext_lazy("已保存。")

    def dispatch(self, request, *args, **kwargs):
        self.title_create = _("新增%(title)s") % {"title": self.title}
        self.title_edit = _("编辑%(title)s") % {"title": self.title}
        self.list_url_name = f"{self.name}_list"
        return super().dispatch(request, *args, **kwargs)


class CooperationKind(Kind):
    name, title, import_dataset = "cooperation", gettext_lazy("产学研合作"), "cooperation_projects"
    select = selectors.cooperation_list
    filterset = CooperationFilterSet


class CooperationListView(CooperationKind, ListView):
    get_columns = staticmethod(tables.cooperation_columns)


class CooperationExportView(CooperationKind, ExportView):
    columns = tables.COOPERATION_EXPORT


class CooperationDetailView(CooperationKind, DetailView):
    fields = tables.cooperation_fields


class CooperationEditView(CooperationKind, EditView):
    form_class = CooperationForm
    create, update, instance_kwarg = services.cooperation_create, services.cooperation_update, "cooperation"


class PatentKind(Kind):
    name, title = "patent", gettext_lazy("专利引进")
    select = selectors.patent_list
    filterset = PatentFilterSet


class PatentListView(PatentKind, ListView):
    get_columns = staticmethod(tables.patent_columns)


class PatentExportView(PatentKind, ExportView):
    columns = tables.PATENT_EXPORT


class PatentDetailView(PatentKind, DetailView):
    fields = tables.patent_fields


class PatentEditView(PatentKind, EditView):
    form_class = PatentIntroductionForm
    create, update = services.patent_introduction_create, services.patent_introduction_update
    instance_kwarg = "intro"


class TalentKind(Kind):
    name, title, import_dataset = "talent", gettext_lazy("人才"), "talents"
    select = selectors.talent_list
    filterset = TalentFilterSet


class TalentListView(TalentKind, ListView):
    get_columns = staticmethod(tables.talent_columns)


class TalentExportView(TalentKind, ExportView):
    columns = tables.TALENT_EXPORT


class TalentDetailView(TalentKind, DetailView):
    fields = tables.talent_fields

    def get_context(self, talent):
        delete_url = reverse("talent_delete", args=[talent.pk]) if self.may("delete", talent) else ""
        return {**super().get_context(talent), "delete_url": delete_url}


class TalentEditView(TalentKind, EditView):
    form_class = TalentForm
    create, update, instance_kwarg = services.talent_create, services.talent_update, "talent"


class TalentDeleteView(TalentKind, vk.ObjectDeleteView):
    delete, instance_kwarg = services.talent_delete, "talent"
    list_url_name = "talent_list"
    deleted_message = gettext_lazy("人才记录已删除。")
