from django.urls import path

from . import views

urlpatterns = [
    path("", views.policy_list, name="policy_list"),
    path("export/", views.policy_export, name="policy_export"),
    path("new/", views.policy_create, name="policy_create"),
    path("<int:pk>/", views.policy_detail, name="policy_detail"),
    path("<int:pk>/edit/", views.policy_edit, name="policy_edit"),
    path("<int:pk>/attachment/", views.policy_attachment, name="policy_attachment"),
    path("<int:pk>/match/", views.policy_match, name="policy_match"),
    path("<int:pk>/match/export/", views.policy_match_export, name="policy_match_export"),
    path("events/", views.event_list, name="event_list"),
    path("events/campaigns/export/", views.campaign_export, name="promo_export"),
    path("events/trainings/export/", views.training_export, name="training_export"),
    path("campaigns/new/", views.campaign_create, name="promo_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="promo_detail"),
    path("campaigns/<int:pk>/edit/", views.campaign_edit, name="promo_edit"),
    path("campaigns/<int:pk>/reaches/", views.campaign_reach_add, name="promo_reach_add"),
    path(
        "campaigns/<int:pk>/reaches/<int:reach_pk>/remove/",
        views.campaign_reach_remove,
        name="promo_reach_remove",
    ),
    path("trainings/new/", views.training_create, name="training_create"),
    path("trainings/<int:pk>/", views.training_detail, name="training_detail"),
    path("trainings/<int:pk>/edit/", views.training_edit, name="training_edit"),
    path("trainings/<int:pk>/enrol/", views.training_enrol, name="training_enrol"),
    path(
        "trainings/<int:pk>/enrolments/<int:enrolment_pk>/remove/",
        views.training_enrolment_remove,
        name="training_enrolment_remove",
    ),
]
