from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from omo import views, views_beheer, views_passkeys

admin.site.site_header = "OMO beheer"
admin.site.site_title = "OMO beheer"

urlpatterns = [
    path("", views.home, name="home"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    # Browsers ask for /favicon.ico whatever the page says; the icon is the SVG.
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "wachtwoord/",
        views_beheer.WachtwoordWijzigenView.as_view(),
        name="password_change",
    ),
    path(
        "wachtwoord/gewijzigd/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "wachtwoord/herstellen/",
        login_not_required(views_beheer.WachtwoordHerstellenView.as_view()),
        name="password_reset",
    ),
    path(
        "wachtwoord/herstellen/verstuurd/",
        login_not_required(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "wachtwoord/herstellen/klaar/",
        login_not_required(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path(
        "wachtwoord/herstellen/<uidb64>/<token>/",
        login_not_required(views_beheer.WachtwoordKiezenView.as_view()),
        name="password_reset_confirm",
    ),
    path("meldingen/", views.notificaties, name="notificaties"),
    path("meldingen/gelezen/", views.notificaties_gelezen, name="notificaties_gelezen"),
    path("audit/", views.audit, name="audit"),
    path("verzonden-mails/", views.verzonden_mails, name="verzonden_mails"),
    path("", include("casussen.urls")),
    path("", include("escalatie.urls")),
    path("", include("budget.urls")),
    path("", include("rapportage.urls")),
    path("privacy/", include("privacy.urls")),
    path("", include("omo.views_beheer")),
    # Passkeys: django-otp-webauthn's endpoints with OMO's rules (omo.views_passkeys), under the
    # library's namespace so its scripts find them.
    path("webauthn/", include((views_passkeys.webauthn_urlpatterns, "otp_webauthn"), namespace="otp_webauthn")),
    path("", include("omo.views_passkeys")),
    path("admin/", admin.site.urls),
]

handler400 = "omo.views.bad_request"
handler403 = "omo.views.permission_denied"
handler404 = "omo.views.page_not_found"
