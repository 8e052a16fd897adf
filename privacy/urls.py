from django.urls import path

from privacy import views_logboek

urlpatterns = [
    path("logboek/", views_logboek.logboek_casus_zoek, name="logboek"),
    path("logboek/casus/<int:pk>/", views_logboek.logboek_casus, name="logboek_casus"),
    path("logboek/casus/<int:pk>/export.csv", views_logboek.logboek_casus_csv, name="logboek_casus_csv"),
    path("logboek/periode/", views_logboek.logboek_periode, name="logboek_periode"),
    path("logboek/periode/export.csv", views_logboek.logboek_periode_csv, name="logboek_periode_csv"),
]
