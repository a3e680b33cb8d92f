"""A generic, scoped view kit (after NetBox's generic views): a module declares, the kit handles requests.

A module declares its selector, filter set, table columns, form, services and export columns::

    # projects/filtersets.py
    class ProjectFilterSet(vk.FilterSet):
        q = vk.SearchFilter(fields=("title", "enterprise__name"))
        start, end = vk.period("approved_on")
        status = vk.choice("状态", ProjectStatus.choices)

    # projects/views.py
    class ProjectListView(vk.ObjectListView):
        select = selectors.project_list              # (user, action) -> scoped queryset
        filterset = ProjectFilterSet
        columns = [vk.link("项目名称", lambda p: p.title), vk.Col("状态", lambda p: p.get_status_display())]
        title, create_url_name, export_url_name = "科技计划项目", "project_create", "project_export"
        filename, export_columns = "科技计划项目.xlsx", [Column("项目名称", "title")]  # exporting=True

    class ProjectEditView(vk.ObjectEditView):        # /new/ creates, /<pk>/edit/ edits (version checked)
        select, form_class = selectors.project_list, ProjectForm
        create, update, instance_kwarg = services.project_create, services.project_update, "project"

    class ProjectTransitionView(vk.ObjectTransitionView):
        select, form_class, detail_view = selectors.project_list, TransitionForm, ProjectDetailView
        def perform(self, obj, form): services.project_transition(project=obj, user=..., **form.cleaned_data)

The selectors, the plain services and the routes of a kind are declared in one line each::

    # projects/selectors.py                           (<x>_get: out of scope, 404)
    project_list, project_get = vk.selectors(lambda: Project.objects.select_related("enterprise"), scoped)

    # cooperation/services.py                         (audited; the update checks expected_version)
    cooperation_create, cooperation_update = vk.creator(Cooperation), vk.updater("cooperation")

    # projects/urls.py: project_list, _export, _create, _detail, _edit, _transition
    urlpatterns = [*vk.object_urls(views, "Project", "project", roles="list export edit detail transition")]

What the kit guarantees: every object comes through `select(user, action)` (out of scope: 404), lists
filter (django-filter), sort (`?sort=`, whitelisted by `ordering`) and page; exports audit their filters
and row count; edits post the loaded version and a stale one is refused; actions and deletes are POST
only (CSRF) and go through the module's service, which writes the history row and the audit entry.
"""

from django.contrib.auth.decorators import login_required
from django_filters import CharFilter, ChoiceFilter, DateFilter, ModelChoiceFilter

from .access import can_write, enterprise_choices, require_writer, scoped, writable
from .filters import CheckedFilter, FilterSet, IntegerFilter, SearchFilter, choice, hint, period
from .forms import StyledMixin, bootstrap, error_text, form_errors_text, offer_transitions, put_errors
from .panels import enterprise_rows, panel, pending_panel
from .records import creator, getter, selectors, updater
from .responses import download
from .tables import Col, amount, day, link, wan
from .urls import object_urls, routes
from .views import (
    ObjectActionView,
    ObjectDeleteView,
    ObjectDetailView,
    ObjectEditView,
    ObjectExportView,
    ObjectListView,
    ObjectTransitionView,
    querystring,
    require,
)

__all__ = [
    "CharFilter",
    "CheckedFilter",
    "ChoiceFilter",
    "Col",
    "DateFilter",
    "FilterSet",
    "IntegerFilter",
    "ModelChoiceFilter",
    "ObjectActionView",
    "ObjectDeleteView",
    "ObjectDetailView",
    "ObjectEditView",
    "ObjectExportView",
    "ObjectListView",
    "ObjectTransitionView",
    "SearchFilter",
    "StyledMixin",
    "amount",
    "bootstrap",
    "can_write",
    "choice",
    "creator",
    "day",
    "download",
    "enterprise_choices",
    "enterprise_rows",
    "error_text",
    "form_errors_text",
    "getter",
    "hint",
    "link",
    "object_urls",
    "login_required",
    "period",
    "offer_transitions",
    "panel",
    "pending_panel",
    "put_errors",
    "querystring",
    "require",
    "require_writer",
    "routes",
    "scoped",
    "selectors",
    "updater",
    "wan",
    "writable",
]
