from django.urls import path

from privacy import views_inzage, views_logboek, views_vernietiging

urlpatterns = [
    path("logboek/", views_logboek.logboek_casus_zoek, name="logboek"),
    path("logboek/casus/<int:pk>/", views_logboek.logboek_casus, name="logboek_casus"),
    path("logboek/casus/<int:pk>/export.csv", views_logboek.logboek_casus_csv, name="logboek_casus_csv"),
    path("logboek/periode/", views_logboek.logboek_periode, name="logboek_periode"),
    path("logboek/periode/export.csv", views_logboek.logboek_periode_csv, name="logboek_periode_csv"),
    *views_vernietiging.urlpatterns,
    path("inzage/", views_inzage.inzageverzoek, name="privacy_inzage"),
    path("inzage/<int:pk>/pdf/", views_inzage.inzage_pdf, name="privacy_inzage_pdf"),
    path("inzage/<int:pk>/json/", views_inzage.inzage_json, name="privacy_inzage_json"),
]
