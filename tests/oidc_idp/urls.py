from django.contrib.auth import views as auth_views
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt

from . import views

urlpatterns = [
    path("login/", auth_views.LoginView.as_view(template_name="idp/login.html"), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("test-control/", views.control, name="test-control"),
    path("favicon.ico", views.no_icon),
    # Before the package's own routes, so these win; the package's URL names stay as they are.
    re_path(r"^authorize/?$", views.AuthorizeView.as_view()),
    re_path(r"^token/?$", csrf_exempt(views.TokenView.as_view())),
    path("", include("oidc_provider.urls", namespace="oidc_provider")),
]
