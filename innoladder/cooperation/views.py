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
    """One of the three, declared once: `name` is the URL names' prefix (<name>_list, <name>_detail, ...);
    `columns()` and `export_columns` the list's and the sheet's columns, `fields(obj)` the detail's
    rows; `form_class`, `create`, `update` and `instance_kwarg` the edit page's form and services."""

    name = ""
    title = ""
    import_dataset = ""
    deletable = False
    columns = export_columns = fields = None


class ListView(vk.ObjectListView):
    """The kind's list, and its sheet (`as_view(exporting=True)`) named after the kind."""

    def get(self, request, *args, **kwargs):
        self.filename = f"{self.title}.xlsx"
        self.create_url_name, self.export_url_name = f"{self.name}_create", f"{self.name}_export"
        return super().get(request, *args, **kwargs)

    def get_context(self):
        return {
            "import_url": reverse("import_upload", args=[self.import_dataset]) if self.import_dataset else ""
        }


class DetailView(vk.ObjectDetailView):
    template_name = "cooperation/detail.html"

    def get_context(self, obj):
        deletable = self.deletable and self.may("delete", obj)
        return {
            "title": _("%(title)s：%(object)s") % {"title": self.title, "object": obj},
            "fields": type(self).fields(obj),
            "edit_url": reverse(f"{self.name}_edit", args=[obj.pk]) if self.may("change", obj) else "",
            "delete_url": reverse(f"{self.name}_delete", args=[obj.pk]) if deletable else "",
            "back_url": reverse(f"{self.name}_list"),
        }


class EditView(vk.ObjectEditView):
    created_message = updated_message = gettext_lazy("已保存。")

    def dispatch(self, request, *args, **kwargs):
        self.title_create = _("新增%(title)s") % {"title": self.title}
        self.title_edit = _("编辑%(title)s") % {"title": self.title}
        self.list_url_name = f"{self.name}_list"
        return super().dispatch(request, *args, **kwargs)


def pages(kind: type[Kind]) -> tuple[type, type, type]:
    """The kind's list (and sheet), detail and edit views."""
    return tuple(
        type(f"{kind.__name__}{role}View", (kind, base), {"__module__": __name__})
        for role, base in (
            ("List", ListView),
            ("Detail", DetailView),
            ("Edit", EditView),
        )
    )


class CooperationKind(Kind):
    name, title, import_dataset = "cooperation", gettext_lazy("产学研合作"), "cooperation_projects"
    select, filterset = selectors.cooperation_list, CooperationFilterSet
    columns, export_columns = tables.cooperation_columns, tables.COOPERATION_EXPORT
    fields, form_class = tables.cooperation_fields, CooperationForm
    create, update, instance_kwarg = services.cooperation_create, services.cooperation_update, "cooperation"


class PatentKind(Kind):
    name, title = "patent", gettext_lazy("专利引进")
    select, filterset = selectors.patent_list, PatentFilterSet
    columns, export_columns = tables.patent_columns, tables.PATENT_EXPORT
    fields, form_class = tables.patent_fields, PatentIntroductionForm
    create, update = services.patent_introduction_create, services.patent_introduction_update
    instance_kwarg = "intro"


class TalentKind(Kind):
    name, title, import_dataset, deletable = "talent", gettext_lazy("人才"), "talents", True
    select, filterset = selectors.talent_list, TalentFilterSet
    columns, export_columns = tables.talent_columns, tables.TALENT_EXPORT
    fields, form_class = tables.talent_fields, TalentForm
    create, update, instance_kwarg = services.talent_create, services.talent_update, "talent"


CooperationListView, CooperationDetailView, CooperationEditView = pages(CooperationKind)
PatentListView, PatentDetailView, PatentEditView = pages(PatentKind)
TalentListView, TalentDetailView, TalentEditView = pages(TalentKind)


class TalentDeleteView(TalentKind, vk.ObjectDeleteView):
    delete, instance_kwarg = services.talent_delete, "talent"
    list_url_name = "talent_list"
    deleted_message = gettext_lazy("人才记录已删除。")
