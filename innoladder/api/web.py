"""The 接口令牌 page: a signed-in user issues (shown once) and revokes their own API tokens."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .models import ApiToken


def _days(days: int) -> str:
    return _("%(days)s 天") % {"days": days}


DAY_CHOICES = [(days, lazy(_days, str)(days)) for days in (30, 90, 180, 365)]


class TokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("名称"), max_length=100, help_text=gettext_lazy("用途，例如“统计系统对接”")
    )
    days = forms.TypedChoiceField(label=gettext_lazy("有效期"), coerce=int, choices=DAY_CHOICES, initial=90)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = [(d, label) for d, label in DAY_CHOICES if d <= settings.API_TOKEN_MAX_DAYS]
        self.fields["days"].choices = allowed or [
            (settings.API_TOKEN_MAX_DAYS, f"{settings.API_TOKEN_MAX_DAYS} 天")
        ]
        for field in self.fields.values():
            field.widget.attrs["class"] = (
                "form-select" if isinstance(field, forms.ChoiceField) else "form-control"
            )


def _verified(request) -> bool:
    return bool(getattr(request.user, "is_verified", lambda: False)())


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    if not services.may_use_api(request.user):
        raise Http404
    form = TokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            token, issued = services.token_issue(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                second_factor_verified=_verified(request),
            )
        except PermissionDenied as exc:
            form.add_error(None, str(exc) or _("您无权签发接口令牌"))
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            form = TokenForm()
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "api/tokens.html", {"form": form, "tokens": tokens, "issued": issued})


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.token_revoke(user=request.user, token=token)
    messages.success(request, _("令牌已吊销，使用它的请求将被拒绝。"))
    return redirect("api:tokens")


@csrf_exempt  # it changes nothing: a PUT to a wrong path gets the API's JSON 404, not the CSRF page
def api_not_found(request):
    return JsonResponse({"detail": "未找到。"}, status=404, json_dumps_params={"ensure_ascii": False})
