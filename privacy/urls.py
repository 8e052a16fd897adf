from django.urls import path  # noqa: F401

from privacy import views_vernietiging

urlpatterns = [
    *views_vernietiging.urlpatterns,
]
