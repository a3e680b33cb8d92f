from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from innoladder.accounts.choices import Role
from innoladder.accounts.models import ServiceAgency, User
from innoladder.core.viewkit import StyledMixin, enterprise_choices
from innoladder.core.widgets import SearchPicker

from . import selectors
from .choices import RequestStatus, Topic
from .models import EnterpriseRequest, Visit


def staff_choices(user):
    """Who may be named as having gone on a visit: colleagues the user works with."""
    qs = User.objects.filter(is_active=True).order_by("display_name", "username")
    if user.role == Role.ADMIN:
        return qs.filter(role__in=(Role.ADMIN, Role.OFFICER, Role.AGENCY))
    if user.role == Role.AGENCY:
        return qs.filter(agency_id=user.agency_id)
    return qs.filter(Q(role=Role.AGENCY) | Q(role=Role.OFFICER, parks__in=user.parks.all())).distinct()


class VisitForm(StyledMixin, forms.ModelForm):
    topics = forms.MultipleChoiceField(
        label=_("走访内容"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple, required=True
    )

    class Meta:
        model = Visit
        fields = [
            "visited_on",
            "enterprises",
            "staff",
            "department",
            "agency",
            "topics",
            "notes",
            "follow_up",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4}), "follow_up": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["enterprises"].widget = SearchPicker("enterprise_pick", multiple=True)
        self.fields["enterprises"].queryset = enterprise_choices(user)
        self.fields["staff"].queryset = staff_choices(user)
        agencies = ServiceAgency.objects.all()
        if user.role == Role.AGENCY:
            agencies = agencies.filter(pk=user.agency_id)
        self.fields["agency"].queryset = agencies


class RequestForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = EnterpriseRequest
        fields = [
            "enterprise",
            "category",
            "title",
            "description",
            "raised_on",
            "visit",
            "department",
            "responsible",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        labels = {"enterprise": _("企业")}  # the model field has no name of its own

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = selectors.categories()
        if user.role == Role.ENTERPRISE:
            # An enterprise raises its own requests; the bureau assigns department and person.
            for name in ("enterprise", "visit", "department", "responsible", "raised_on"):
                del self.fields[name]
        else:
            self.fields["enterprise"].widget = SearchPicker("enterprise_pick")
            self.fields["enterprise"].queryset = enterprise_choices(user)
            self.fields["visit"].queryset = self._visits(user)
            self.fields["visit"].label_from_instance = Visit.named
            self.fields["raised_on"].required = False

    def _visits(self, user):
        """Visits the user may write to, named by date and enterprises; on a blank form whose enterprise
        is known (an edit, or a request registered from a visit) only that enterprise's visits."""
        visits = selectors.visit_list(user, "change").prefetch_related("enterprises")
        enterprise = self.instance.enterprise_id or self.initial.get("enterprise")
        if not self.is_bound and enterprise:
            visits = visits.filter(enterprises=enterprise)
        return visits


class TransitionForm(StyledMixin, forms.Form):
    to_status = forms.ChoiceField(label=_("办理操作"), choices=RequestStatus.choices)
    comment = forms.CharField(
        label=_("说明/退回原因"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    resolution = forms.CharField(
        label=_("办理结果"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RatingForm(StyledMixin, forms.Form):
    score = forms.TypedChoiceField(
        label=_("满意度"), coerce=int, choices=[(i, f"{i}分") for i in range(5, 0, -1)]
    )
    note = forms.CharField(label=_("评价意见"), required=False, max_length=300)
