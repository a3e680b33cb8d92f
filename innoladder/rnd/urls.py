from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="rnd_home"),
    path("projects/", views.project_list, name="rnd_project_list"),
    path("projects/<int:pk>/", views.project_detail, name="rnd_project_detail"),
    path("projects/<int:pk>/edit/", views.RDProjectEditView.as_view(), name="rnd_project_edit"),
    path("projects/<int:project_pk>/lines/new/", views.LineEditView.as_view(), name="rnd_line_create"),
    path("lines/", views.line_list, name="rnd_line_list"),
    path("lines/<int:pk>/edit/", views.LineEditView.as_view(), name="rnd_line_edit"),
    path("lines/<int:pk>/delete/", views.line_delete, name="rnd_line_delete"),
    path(
        "enterprises/<int:enterprise_pk>/projects/new/",
        views.RDProjectEditView.as_view(),
        name="rnd_project_create",
    ),
    path("enterprises/<int:enterprise_pk>/<int:year>/", views.computation, name="rnd_computation"),
    path(
        "enterprises/<int:enterprise_pk>/<int:year>/xlsx/",
        views.computation_xlsx,
        name="rnd_computation_xlsx",
    ),
    path("enterprises/<int:enterprise_pk>/<int:year>/profile/", views.profile_edit, name="rnd_profile_edit"),
    path("subsidy-rules/", views.rule_list, name="rnd_rule_list"),
    path("subsidy-rules/new/", views.rule_edit, name="rnd_rule_create"),
    path("subsidy-rules/<int:pk>/", views.rule_detail, name="rnd_rule_detail"),
    path("subsidy-rules/<int:pk>/edit/", views.rule_edit, name="rnd_rule_edit"),
]
