from django.urls import path

from . import views

urlpatterns = [
    path("", views.PolicyListView.as_view(), name="policy_list"),
    path("export/", views.PolicyListView.as_view(exporting=True), name="policy_export"),
    path("new/", views.PolicyEditView.as_view(), name="policy_create"),
    path("<int:pk>/", views.PolicyDetailView.as_view(), name="policy_detail"),
    path("<int:pk>/edit/", views.PolicyEditView.as_view(), name="policy_edit"),
    path("<int:pk>/attachment/", views.policy_attachment, name="policy_attachment"),
    path("<int:pk>/match/", views.policy_match, name="policy_match"),
    path("<int:pk>/match/export/", views.policy_match_export, name="policy_match_export"),
    path("events/", views.event_list, name="event_list"),
    path("events/campaigns/export/", views.CampaignExportView.as_view(), name="promo_export"),
    path("events/trainings/export/", views.TrainingExportView.as_view(), name="training_export"),
    path("campaigns/new/", views.CampaignEditView.as_view(), name="promo_create"),
    path("campaigns/<int:pk>/", views.CampaignDetailView.as_view(), name="promo_detail"),
    path("campaigns/<int:pk>/edit/", views.CampaignEditView.as_view(), name="promo_edit"),
    path("campaigns/<int:pk>/reaches/", views.CampaignReachAddView.as_view(), name="promo_reach_add"),
    path(
        "campaigns/<int:pk>/reaches/<int:reach_pk>/remove/",
        views.CampaignReachRemoveView.as_view(),
        name="promo_reach_remove",
    ),
    path("trainings/new/", views.TrainingEditView.as_view(), name="training_create"),
    path("trainings/<int:pk>/", views.TrainingDetailView.as_view(), name="training_detail"),
    path("trainings/<int:pk>/edit/", views.TrainingEditView.as_view(), name="training_edit"),
    path("trainings/<int:pk>/enrol/", views.TrainingEnrolView.as_view(), name="training_enrol"),
    path(
        "trainings/<int:pk>/enrolments/<int:enrolment_pk>/remove/",
        views.TrainingEnrolmentRemoveView.as_view(),
        name="training_enrolment_remove",
    ),
]
