"""The kit's views. A module subclasses them and declares; the kit does the request handling.

Every object is read through the module's selector `select(user, action)` (scoped with `for_user`), so
an object out of the user's scope is a 404 on every page; every write goes through the module's service,
which audits it; edits carry the version the form was loaded at (optimistic locking)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from innoladder.core import xlsx
from innoladder.core.scoping import CHANGE, DELETE, VIEW
from innoladder.core.services import MissingVersionError, StaleEditError, posted_version

from . import tables
from .access import can_write
from .forms import error_text, form_errors_text, put_errors

PAGE_SIZE = 50


class KitView(LoginRequiredMixin, View):
    """`select(user, action)`: the module's scoped selector (`VIEW`, `CHANGE`, `DELETE`)."""

    select: Callable = None  # type: ignore[assignment]

    def selected(self, action: str = VIEW):
        return type(self).select(self.request.user, action)

    def get_object(self, action: str = VIEW):
        return get_object_or_404(self.selected(action), pk=self.kwargs["pk"])

    def may(self, action: str, obj) -> bool:
        return self.selected(action).filter(pk=obj.pk).exists()


def querystring(request) -> str:
    """The list's query without its page (export links and page links keep the filters)."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


class FilteredMixin:
    """`filterset`: the module's FilterSet; `ordering`: the fields `?sort=` may name (`-` for descending)."""

    filterset = None
    ordering: tuple[str, ...] = ()

    def filtered(self):
        queryset = self.selected()
        self.filter = None
        if self.filterset is not None:
            self.filter = self.filterset(self.request.GET or None, queryset=queryset, request=self.request)
            queryset = self.filter.qs
        sort = self.request.GET.get("sort", "")
        if sort and sort.lstrip("-") in self.ordering:
            queryset = queryset.order_by(sort, "pk")
        return queryset

    def audit_filters(self) -> dict:
        return self.filter.audit_values() if self.filter is not None else {}


def export_sheet(view, columns, rows):
    """The view's filtered rows as xlsx (`view.filename`), audited with the filters and the row count."""
    return xlsx.export(
        view.filename,
        view.sheet or view.filename.removesuffix(".xlsx"),
        columns,
        rows,
        user=view.request.user,
        filters=view.audit_filters(),
        object_type=view.selected().model._meta.label,
    )


def declared(columns):
    """A view's columns as declared: a list, or a function building them (called on each request)."""
    return columns() if callable(columns) else columns


class ObjectListView(FilteredMixin, KitView):
    """A filtered, sortable, paged list. With `columns` (a list of `Col`, or a function returning one, so
    that its labels are built per request) the kit's own table template draws it, under `heading` (the
    page's `title` by default) and the module's tab strip (`tabs_template`, its active tab `tab`); the
    create button (`create_label`) shows to the users `creatable` allows (without it, to the kit's
    writers; `may_create()` says), the export link goes where `export_link()` says (the sheet's route with
    the list's query), and the filter bar shows `shown_filters` (default: every filter; the others still
    apply when a link carries them). A module's own template gets
    `page`, `f`, `form` and `qs`, and `extra_context` (what every page of the list shows alike, such as a
    filter's choices) and `get_context()` (which may read `self.page`).

    The same declaration serves the list's sheet: `filename` and `export_columns` (a list or a function,
    like `columns`), routed with `as_view(exporting=True)` (same scope and filters as the page)."""

    template_name = "viewkit/list.html"
    title = ""
    heading = ""
    tabs_template = ""
    columns = None
    create_url_name = ""
    create_label = _("新增")
    export_url_name = ""
    shown_filters: tuple[str, ...] = ()
    page_size = PAGE_SIZE
    creatable: Callable | None = None  # (user) -> where a new record may go; `can_create` when it has any
    tab = ""  # the module's tab this list is under
    exporting = False
    filename = ""
    sheet = ""
    export_columns: list | Callable = []
    extra_context: dict = {}

    def get_columns(self):
        return declared(type(self).columns)

    def get_export_columns(self):
        return declared(type(self).export_columns)

    def export_rows(self, queryset):
        return queryset

    def get_context(self) -> dict:
        return {}

    def may_create(self) -> bool:
        if self.creatable is None:
            return can_write(self.request.user)
        return type(self).creatable(self.request.user).exists()

    def export_link(self, query: str) -> str:
        return f"{reverse(self.export_url_name)}?{query}" if self.export_url_name else ""

    def filter_form(self):
        if self.filter is None:
            return None
        form = self.filter.form
        return [form[name] for name in self.shown_filters] if self.shown_filters else form

    def get(self, request, *args, **kwargs):
        if self.exporting:
            return export_sheet(self, self.get_export_columns(), self.export_rows(self.filtered()))
        page = self.page = Paginator(self.filtered(), self.page_size).get_page(request.GET.get("page"))
        query = querystring(request)
        context = {
            "title": self.title,
            "heading": self.heading or self.title,
            "tabs_template": self.tabs_template,
            "create_label": self.create_label,
            "page": page,
            "filter": self.filter,
            "form": self.filter_form(),
            "f": self.filter.posted() if self.filter is not None else {},
            "query": query,
            "qs": query,
            "can_write": can_write(request.user),
            "create_url": reverse(self.create_url_name) if self.create_url_name else "",
            "export_url": self.export_link(query),
            "may_create": self.may_create(),
        }
        if self.creatable is not None:
            context["can_create"] = context["may_create"]
        if self.tab:
            context["tab"] = self.tab
        columns = self.get_columns()
        if columns is not None:
            context["headers"] = [{"text": c.header, "css": c.align} for c in columns]
            context["rows"] = tables.rows(page.object_list, columns)
        context.update(self.extra_context)
        context.update(self.get_context())
        return render(request, self.template_name, context)


class ObjectExportView(FilteredMixin, KitView):
    """The list's rows as xlsx (same scope and filters), audited with the filters and the row count."""

    columns: list = []
    filename = ""
    sheet = ""

    def get_columns(self):
        return self.columns

    def rows(self, queryset):
        return queryset

    def get(self, request, *args, **kwargs):
        return export_sheet(self, self.get_columns(), self.rows(self.filtered()))


class ObjectDetailView(KitView):
    """One object. `get_context(obj)` adds what the page shows; `render_detail` is also how a refused
    action (a transition, an attachment) shows its error on the page."""

    template_name = ""
    context_object_name = "object"

    def get_context(self, obj) -> dict:
        return {}

    def render_detail(self, obj, error: str = ""):
        context = {self.context_object_name: obj, "error": error, **self.get_context(obj)}
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        return self.render_detail(self.get_object())


class ObjectEditView(KitView):
    """Create (no `pk`) and edit (with `pk`) through one form and two services.

    `create(user=..., **data)` and `update(<instance_kwarg>=obj, user=..., expected_version=..., **data)`;
    the edit form carries the version it was loaded at in `version_name` and a stale one is refused."""

    form_class = None
    template_name = "viewkit/form.html"
    create = None
    update = None
    instance_kwarg = "instance"
    version_name = "version"
    title_create = ""
    title_edit = ""
    list_url_name = ""
    created_message = ""
    updated_message = ""
    errors_by_field = False  # a service's field errors on their fields, not joined above the form
    with_files = False
    creatable: Callable | None = None  # (user) -> where a new record may go (default: the kit's writers)

    def check_create(self) -> None:
        """A create page the user may not use is a 404 (like a record out of scope)."""
        from .access import require_writer

        if self.creatable is None:
            require_writer(self.request.user)
        else:
            require(type(self).creatable(self.request.user).exists())

    def form_kwargs(self) -> dict:
        return {"user": self.request.user}

    def initial(self) -> dict:
        return {}

    def data(self, form, obj) -> dict:
        """The service's keyword arguments from the form (an edit keeps its enterprise by default)."""
        return dict(form.cleaned_data)

    def success_message(self, obj, created: bool) -> str:
        return self.created_message if created else self.updated_message

    def back_url(self, obj) -> str:
        if obj is not None and hasattr(obj, "get_absolute_url"):
            return obj.get_absolute_url()
        return reverse(self.list_url_name) if self.list_url_name else ""

    def page_title(self, obj) -> str:
        return self.title_edit if obj is not None else self.title_create

    def success_url(self, saved):
        return saved

    def save(self, form, obj):
        data = self.data(form, obj)
        if obj is None:
            return type(self).create(user=self.request.user, **data)
        return type(self).update(
            user=self.request.user,
            expected_version=posted_version(self.request.POST, self.version_name),
            **{self.instance_kwarg: obj},
            **data,
        )

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        obj = None
        if "pk" in kwargs:
            obj = self.get_object(CHANGE)
        else:
            self.check_create()
        version = obj.version if obj is not None else None
        files = (request.FILES or None) if self.with_files else None
        args = (request.POST or None, files) if self.with_files else (request.POST or None,)
        form = self.form_class(*args, instance=obj, **self.form_kwargs()) if obj is not None else None
        if form is None:
            form = self.form_class(*args, initial=self.initial(), **self.form_kwargs())
        if request.method == "POST" and form.is_valid():
            try:
                saved = self.save(form, obj)
            except (StaleEditError, ValidationError) as exc:
                put_errors(form, exc, by_field=self.errors_by_field)
            else:
                message = self.success_message(saved, obj is None)
                if message:
                    messages.success(request, message)
                return redirect(self.success_url(saved))
        return render(
            request,
            self.template_name,
            {
                "title": self.page_title(obj),
                "form": form,
                "back_url": self.back_url(obj),
                "version": version,
                "version_name": self.version_name,
            },
        )


class ObjectActionView(KitView):
    """A POST on one object (a transition, an attachment, a milestone). `form_class` parses it,
    `perform(obj, form)` calls the service; a refusal is shown on the detail page (`detail_view`) or,
    without one, as a message after a redirect."""

    http_method_names = ["post"]
    action = CHANGE
    form_class = None
    detail_view: type[ObjectDetailView] | None = None
    invalid_message = ""
    success = ""

    def form_kwargs(self, obj) -> dict:
        return {}

    def perform(self, obj, form) -> None:
        raise NotImplementedError

    def refuse(self, obj, text: str):
        if self.detail_view is not None:
            view = self.detail_view(request=self.request, args=self.args, kwargs=self.kwargs)
            return view.render_detail(obj, error=text)
        messages.error(self.request, text)
        return redirect(obj)

    def invalid(self, obj, form):
        return self.refuse(obj, self.invalid_message or form_errors_text(form))

    def post(self, request, *args, **kwargs):
        obj = self.get_object(self.action)
        form = None
        if self.form_class is not None:
            form = self.form_class(request.POST, request.FILES or None, **self.form_kwargs(obj))
            if not form.is_valid():
                return self.invalid(obj, form)
        try:
            self.perform(obj, form)
        except StaleEditError as exc:
            return self.refuse(obj, exc.message)
        except ValidationError as exc:
            return self.refuse(obj, error_text(exc))
        except PermissionDenied as exc:
            return self.refuse(obj, str(exc))
        if self.success:
            messages.success(request, self.success)
        return redirect(obj)


class ObjectTransitionView(ObjectActionView):
    """A status change: the form carries `version`; the module's `transition(<instance_kwarg>=obj,
    user=..., expected_version=..., **the form's other fields)` writes the history row and the audit
    entry. A form without its version is refused like a stale one."""

    transition = None
    instance_kwarg = "instance"

    def perform(self, obj, form) -> None:
        data = dict(form.cleaned_data)
        expected_version = data.pop("version")
        type(self).transition(
            user=self.request.user, expected_version=expected_version, **{self.instance_kwarg: obj}, **data
        )

    def invalid(self, obj, form):
        if "version" in form.errors:
            return self.refuse(obj, MissingVersionError().message)
        return super().invalid(obj, form)


class ObjectDeleteView(KitView):
    """POST: `delete(<instance_kwarg>=obj, user=...)` (the service audits it), then back to the list."""

    http_method_names = ["post"]
    delete = None
    instance_kwarg = "instance"
    list_url_name = ""
    deleted_message = ""

    def post(self, request, *args, **kwargs):
        obj = self.get_object(DELETE)
        type(self).delete(user=request.user, **{self.instance_kwarg: obj})
        if self.deleted_message:
            messages.success(request, self.deleted_message)
        return redirect(self.list_url_name)


def require(condition: bool) -> None:
    """A page the user may not use answers 404, like an object out of scope."""
    if not condition:
        raise Http404
