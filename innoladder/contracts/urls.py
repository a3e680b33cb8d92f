from django.urls import path

from . import views

urlpatterns = [
    path("", views.ContractListView.as_view(), name="contract_list"),
    path("export/", views.ContractListView.as_view(exporting=True), name="contract_export"),
    path("new/", views.ContractEditView.as_view(), name="contract_create"),
    path("<int:pk>/", views.ContractDetailView.as_view(), name="contract_detail"),
    path("<int:pk>/edit/", views.ContractEditView.as_view(), name="contract_edit"),
    path("<int:pk>/transition/", views.ContractTransitionView.as_view(), name="contract_transition"),
]
