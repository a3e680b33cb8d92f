from django.urls import path

from innoladder.core import viewkit as vk

from . import views

urlpatterns = [
    *vk.object_urls(views, "Policy", "policy"),
    path("<int:pk>/attachment/", views.policy_attachment, name="policy_attachment"),
    path("<int:pk>/match/", views.policy_match, name="policy_match"),
    path("<int:pk>/match/export/", views.policy_match_export, name="policy_match_export"),
    path("events/", views.event_list, name="event_list"),
    path("events/campaigns/export/", views.CampaignExportView.as_view(), name="promo_export"),
    path("events/trainings/export/", views.TrainingExportView.as_view(), name="training_export"),
    *vk.object_urls(views, "Campaign", "promo", "campaigns/", "edit detail"),
    path("campaigns/<int:pk>/reaches/", views.CampaignReachAddView.as_view(), name="promo_reach_add"),
    path(
        "campaigns/<int:pk>/reaches/<int:reach_pk>/remove/",
        views.CampaignReachRemoveView.as_view(),
        name="promo_reach_remove",
    ),
    *vk.object_urls(views, "Training", "training", "trainings/", "edit detail"),
    path("trainings/<int:pk>/enrol/", views.TrainingEnrolView.as_view(), name="training_enrol"),
    path(
        "trainings/<int:pk>/enrolments/<int:enrolment_pk>/remove/",
        views.TrainingEnrolmentRemoveView.as_view(),
        name="training_enrolment_remove",
    ),
]
