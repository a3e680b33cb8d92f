from django.contrib.auth.mixins import LoginRequiredMixin
from django.views.generic import DetailView, ListView

from . import selectors


class EnterpriseListView(LoginRequiredMixin, ListView):
    template_name = "enterprises/enterprise_list.html"
    paginate_by = 50

    def get_queryset(self):
        return selectors.enterprise_list(self.request.user)


class EnterpriseDetailView(LoginRequiredMixin, DetailView):
    template_name = "enterprises/enterprise_detail.html"
    context_object_name = "enterprise"

    def get_object(self, queryset=None):
        return selectors.enterprise_get(self.request.user, self.kwargs["pk"])
