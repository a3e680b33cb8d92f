from django.urls import path

from . import views

urlpatterns = [path("talents/<int:pk>/delete/", views.TalentDeleteView.as_view(), name="talent_delete")]
KINDS = (
    ("cooperation", "projects", "Cooperation"),
    ("patent", "patents", "Patent"),
    ("talent", "talents", "Talent"),
)
for name, prefix, kind in KINDS:
    urlpatterns += [
        path(f"{prefix}/", getattr(views, f"{kind}ListView").as_view(), name=f"{name}_list"),
        path(f"{prefix}/export/", getattr(views, f"{kind}ExportView").as_view(), name=f"{name}_export"),
        path(f"{prefix}/new/", getattr(views, f"{kind}EditView").as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", getattr(views, f"{kind}DetailView").as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", getattr(views, f"{kind}EditView").as_view(), name=f"{name}_edit"),
    ]
