from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from innoladder.core.services import StaleEditError, posted_version

from . import selectors, services
from .forms import ConditionFormSet, RuleTableForm, conditions_of, initial_conditions


def _viewer(request) -> None:
    if not selectors.may_view(request.user):
        raise Http404


def _editor(request) -> None:
    if not selectors.may_edit(request.user):
        raise Http404


@login_required
def tier_list(request):
    _viewer(request)
    today = timezone.localdate()
    return render(
        request,
        "ruletables/tier_list.html",
        {
            "rows": selectors.tier_overview(request.user, today),
            "today": today,
            "may_edit": selectors.may_edit(request.user),
        },
    )


def _detail(request, table, error: str = ""):
    return render(
        request,
        "ruletables/table_detail.html",
        {
            "table": table,
            "conditions": table.conditions.all(),
            "revisions": selectors.revisions(table)[:20],
            "in_force": table.is_published and table.in_force(timezone.localdate()),
            "may_edit": selectors.may_edit(request.user),
            "error": error,
        },
    )


@login_required
def table_detail(request, pk):
    _viewer(request)
    return _detail(request, selectors.table_get(request.user, pk))


def _errors_to_form(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _edit(request, table):
    if request.method == "POST":
        form = RuleTableForm(request.POST, instance=table)
        formset = ConditionFormSet(request.POST, prefix="c")
        if form.is_valid() and formset.is_valid():
            fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
            try:
                saved = services.ruletable_save(
                    user=request.user,
                    table=table,
                    conditions=conditions_of(formset),
                    expected_version=posted_version(request.POST) if table is not None else None,
                    **fields,
                )
            except StaleEditError as exc:
                form.add_error(None, exc.message)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, f"规则表已保存（第{saved.revision}版）。")
                return redirect(saved)
    else:
        initial = {"tier": request.GET.get("tier")} if table is None else None
        form = RuleTableForm(instance=table, initial=initial)
        formset = ConditionFormSet(initial=initial_conditions(table), prefix="c")
    return render(request, "ruletables/table_form.html", {"form": form, "formset": formset, "table": table})


@login_required
def table_create(request):
    _editor(request)
    return _edit(request, None)


@login_required
def table_edit(request, pk):
    _editor(request)
    return _edit(request, selectors.table_get(request.user, pk))


@login_required
@require_POST
def table_publish(request, pk):
    _editor(request)
    table = selectors.table_get(request.user, pk)
    publish = request.POST.get("publish") == "1"
    try:
        services.ruletable_set_published(
            user=request.user, table=table, published=publish, expected_version=posted_version(request.POST)
        )
    except StaleEditError as exc:
        return _detail(request, table, exc.message)
    except ValidationError as exc:
        return _detail(request, table, "未能启用：" + "；".join(exc.messages))
    messages.success(request, "已启用：新的评估在生效期内按此表判定。" if publish else "已停用。")
    return redirect(table)
