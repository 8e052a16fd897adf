from django.urls import path

from privacy import views_inzage, views_vernietiging

urlpatterns = [
    *views_vernietiging.urlpatterns,
    path("inzage/", views_inzage.inzageverzoek, name="privacy_inzage"),
    path("inzage/<int:pk>/pdf/", views_inzage.inzage_pdf, name="privacy_inzage_pdf"),
    path("inzage/<int:pk>/json/", views_inzage.inzage_json, name="privacy_inzage_json"),
]
