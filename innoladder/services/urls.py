from django.urls import path

from . import views

urlpatterns = [
    path("", views.services_home, name="services_home"),
    path("visits/", views.VisitListView.as_view(), name="visit_list"),
    path("visits/export/", views.VisitListView.as_view(exporting=True), name="visit_export"),
    path("visits/new/", views.VisitEditView.as_view(), name="visit_create"),
    path("visits/import/apply/", views.visit_import_apply, name="visit_import_apply"),
    path("visits/<int:pk>/", views.VisitDetailView.as_view(), name="visit_detail"),
    path("visits/<int:pk>/edit/", views.VisitEditView.as_view(), name="visit_edit"),
    path("visits/enterprise/<int:enterprise_pk>/", views.enterprise_visit_log, name="enterprise_visit_log"),
    path("requests/", views.RequestListView.as_view(), name="request_list"),
    path("requests/export/", views.RequestListView.as_view(exporting=True), name="request_export"),
    path("requests/new/", views.RequestEditView.as_view(), name="request_create"),
    path("requests/<int:pk>/", views.RequestDetailView.as_view(), name="request_detail"),
    path("requests/<int:pk>/edit/", views.RequestEditView.as_view(), name="request_edit"),
    path("requests/<int:pk>/transition/", views.RequestTransitionView.as_view(), name="request_transition"),
    path("requests/<int:pk>/rate/", views.RequestRateView.as_view(), name="request_rate"),
]
