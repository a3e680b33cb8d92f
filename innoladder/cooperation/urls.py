from django.urls import path

from . import views

urlpatterns = [path("talents/<int:pk>/delete/", views.TalentDeleteView.as_view(), name="talent_delete")]
KINDS = (
    ("cooperation", "projects", "Cooperation"),
    ("patent", "patents", "Patent"),
    ("talent", "talents", "Talent"),
)
for name, prefix, kind in KINDS:
    listing, detail, edit = (getattr(views, f"{kind}{role}View") for role in ("List", "Detail", "Edit"))
    urlpatterns += [
        path(f"{prefix}/", listing.as_view(), name=f"{name}_list"),
        path(f"{prefix}/export/", listing.as_view(exporting=True), name=f"{name}_export"),
        path(f"{prefix}/new/", edit.as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", detail.as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/edit/", edit.as_view(), name=f"{name}_edit"),
    ]
