"""`/oidc/...`: mozilla-django-oidc's URL names, with OMO's views (404 while single sign-on is off)."""

from django.urls import path

from omo.sso import views

urlpatterns = [
    path("authenticate/", views.Start.as_view(), name="oidc_authentication_init"),
    path("callback/", views.Callback.as_view(), name="oidc_authentication_callback"),
    path("logout/", views.ProviderUitloggen.as_view(), name="oidc_logout"),
]
