"""The base of every API view: token authentication, audited reads, filters through the web forms."""

import datetime as dt

from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.utils.datastructures import MultiValueDict
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import exceptions, generics

from innoladder.core import audit
from innoladder.core.models import AuditEvent

from ..authentication import count_call
from ..models import ApiToken
from ..serializers import MAX_ID, ErrorSerializer

ERRORS = {
    400: OpenApiResponse(ErrorSerializer, description="参数或数据有误 / invalid parameters or data"),
    401: OpenApiResponse(ErrorSerializer, description="缺少令牌或令牌无效、已过期、已吊销 / no valid token"),
    403: OpenApiResponse(ErrorSerializer, description="管理员职责账户无业务接口 / duty administrators"),
    404: OpenApiResponse(
        ErrorSerializer, description="不存在或不在您的权限范围内 / not found or out of scope"
    ),
    429: OpenApiResponse(ErrorSerializer, description="请求过于频繁 / rate limit exceeded"),
}


def _is_huge(value: str) -> bool:
    text = value.strip().lstrip("+-")
    return text.isascii() and text.isdigit() and int(text) > MAX_ID


def errors(*codes: int) -> dict:
    """The error answers of an operation: always 400 (a wrong parameter), 401, 403, 404 (out of scope, or
    no such page) and 429, and ``codes``."""
    return {code: ERRORS[code] for code in sorted({400, 401, 403, 404, 429, *codes})}


class ApiView(generics.GenericAPIView):
    """Every successful read is audited as the web's exports are: who, which rows, with which filters."""

    audit_type = ""  # model label of what a list returns
    audited_object = None  # set by a detail view: the object read

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        # A number no 64-bit column holds is no id (and SQLite refuses even to compare it): 404 in the path,
        # 400 in a filter, before any form or query sees it.
        if any(value > MAX_ID for value in kwargs.values() if isinstance(value, int)):
            raise exceptions.NotFound()
        huge = [name for name, value in request.query_params.items() if _is_huge(value)]
        if huge:
            raise exceptions.ValidationError({name: ["数值过大"] for name in huge})

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        token = request.auth if isinstance(request.auth, ApiToken) else None
        with transaction.atomic():
            if token is not None:
                count_call(token)
            if request.method == "GET" and 200 <= response.status_code < 300 and token is not None:
                self.audit_read(request, response)
        return response

    def audit_read(self, request, response) -> None:
        data = response.data if isinstance(response.data, dict) else {}
        rows = len(data["results"]) if isinstance(data.get("results"), list) else 1
        obj = self.audited_object
        audit.record(
            AuditEvent.EXPORT,
            user=request.user,
            obj=obj,
            object_type="" if obj is not None else self.audit_type,
            changes={"api": request.path, "filters": request.query_params.dict(), "rows": rows},
            message=f"接口读取 {request.path}，共 {rows} 行",
        )

    def paged(self, queryset, serializer_class, **context):
        page = self.paginate_queryset(queryset)
        context = {**self.get_serializer_context(), **context}
        return self.get_paginated_response(serializer_class(page, many=True, context=context).data)


def bound_filters(form: forms.Form) -> dict:
    """The form's cleaned values; a wrong value is a 400 naming the field (the web page would ignore it)."""
    if form.is_bound and not form.is_valid():
        raise exceptions.ValidationError(form_errors(form))
    return form.cleaned_data if form.is_bound else {}


def web_filtered(filterset_class, request, queryset):
    """`queryset` through the web list's own filter set (the page's filters); a wrong value is a 400."""
    filterset = filterset_class(request.query_params or None, queryset=queryset, request=request)
    bound_filters(filterset.form)
    return filterset.qs


def web_list_schema(zh: str, en: str, filterset_class, model, serializer_class):
    """The schema of a list `zh / en` filtered as the web list of the same rows is (`web_filtered`): the
    filter set's fields as its parameters, a page of `serializer_class`."""
    return extend_schema(
        summary=f"{zh} / {en}",
        description=f"与网页{zh}相同的筛选。\n\nThe same filters as the web list of {en.lower()}.",
        parameters=form_parameters(filterset_class(queryset=model.objects.none()).form),
        responses={200: serializer_class(many=True), **errors(400)},
    )


def form_data(values: dict) -> MultiValueDict:
    """Validated JSON as the web form's POST data (lists as repeated keys), for the app's own form."""
    data = MultiValueDict()
    for name, value in values.items():
        if value is None:
            continue
        items = value if isinstance(value, list) else [value]
        data.setlist(name, [item.isoformat() if isinstance(item, dt.date) else str(item) for item in items])
    return data


def form_errors(form: forms.Form) -> dict:
    return {name: [e["message"] for e in items] for name, items in form.errors.get_json_data().items()}


def web_form_cleaned(serializer_class, form_class, request) -> dict:
    """The request's JSON checked by `serializer_class`, then by the app's web form for the request's user
    (its validation and scoped choices): the form's cleaned data; an error of either is a 400."""
    incoming = serializer_class(data=request.data)
    incoming.is_valid(raise_exception=True)
    form = form_class(form_data(incoming.validated_data), user=request.user)
    if not form.is_valid():
        raise exceptions.ValidationError(form_errors(form))
    return dict(form.cleaned_data)


def _type_of(field: forms.Field):
    if isinstance(field, forms.BooleanField):
        return OpenApiTypes.BOOL
    if isinstance(field, forms.DateField):
        return OpenApiTypes.DATE
    if isinstance(field, forms.ModelChoiceField | forms.IntegerField):
        return OpenApiTypes.INT
    if isinstance(field, forms.TypedChoiceField) and field.coerce is int:
        return OpenApiTypes.INT
    return OpenApiTypes.STR


def form_parameters(form: forms.Form, *, dynamic: tuple[str, ...] = ()) -> list[OpenApiParameter]:
    """Query parameters documented from a filter form (the web list's own), with their choices as enums
    except for ``dynamic`` fields whose choices depend on the user (parks, officers)."""
    found = []
    for name, field in form.fields.items():
        kind = _type_of(field)
        enum = None
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            if name not in dynamic and kind == OpenApiTypes.STR:
                enum = [str(value) for value, _ in field.choices if value != ""]
        label = str(field.label or name)
        found.append(OpenApiParameter(name, kind, OpenApiParameter.QUERY, description=label, enum=enum))
    return found


ANONYMOUS = AnonymousUser()


def enterprise_parameter(*, required: bool = False) -> OpenApiParameter:
    return OpenApiParameter(
        "enterprise", OpenApiTypes.INT, OpenApiParameter.QUERY, required=required, description="企业 id"
    )


def query_int(request, name: str, *, required: bool = False) -> int | None:
    """An integer query parameter; a missing required one or a non-number is a 400 naming it."""
    raw = request.query_params.get(name, "").strip()
    if not raw:
        if required:
            raise exceptions.ValidationError({name: ["此参数必填"]})
        return None
    if not raw.isascii() or not raw.isdigit() or len(raw) > 18:
        raise exceptions.ValidationError({name: ["应为正整数"]})
    return int(raw)


def query_date(request, name: str, default):
    """A date query parameter (YYYY-MM-DD); anything else is a 400 naming it."""
    raw = request.query_params.get(name, "")
    if not raw:
        return default
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise exceptions.ValidationError({name: ["日期应为 YYYY-MM-DD"]}) from None
