"""One shape for every error answer: ``{"detail": "<中文说明>", "errors": {field: [messages]}}`` (``errors``
only when fields are wrong), so a client reads ``detail`` whatever went wrong."""

from rest_framework import exceptions
from rest_framework.views import exception_handler as drf_exception_handler


def _messages(value) -> list[str]:
    if isinstance(value, dict):
        return [m for item in value.values() for m in _messages(item)]
    if isinstance(value, list):
        return [m for item in value for m in _messages(item)]
    return [str(value)]


def exception_handler(exc, context):
    response = drf_exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.ValidationError):
        return response
    data = response.data
    errors = data if isinstance(data, dict) else {"non_field_errors": data}
    detail = errors.pop("detail", None)
    text = "；".join(_messages(detail) if detail is not None else _messages(errors)) or "请求有误"
    # Errors of list items or nested objects ({"topics": {"3": [...]}}) become the field's plain messages.
    flat = {str(name): _messages(value) for name, value in errors.items()}
    response.data = {"detail": text, **({"errors": flat} if flat else {})}
    return response
