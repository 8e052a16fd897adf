from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from omo import views, views_beheer, views_inloggen, views_passkeys
from omo.sso.forms import InlogForm
from omo.sso.views import Uitloggen

admin.site.site_header = "OMO beheer"
admin.site.site_title = "OMO beheer"

urlpatterns = [
    path("", views.home, name="home"),
    path("gezondheid/", views.gezondheid, name="gezondheid"),
    # Browsers ask for /favicon.ico whatever the page says; the icon is the SVG.
    path("favicon.ico", views.favicon, name="favicon"),
    path(
        "inloggen/",
        views_inloggen.InloggenView.as_view(authentication_form=InlogForm),
        name="login",
    ),
    # The second factor at login (a session that owes it opens only these; omo.middleware).
    path("inloggen/code/", views_inloggen.code, name="tweede_factor_code"),
    path("inloggen/tweede-factor/instellen/", views_inloggen.instellen, name="tweede_factor_instellen"),
    # The user's own second factor.
    path("account/tweede-factor/", views_inloggen.account, name="tweede_factor"),
    path("account/tweede-factor/app/", views_inloggen.app_instellen, name="tweede_factor_app"),
    path("account/tweede-factor/herstelcodes/", views_inloggen.herstelcodes, name="tweede_factor_herstelcodes"),
    path(
        "account/tweede-factor/herstelcodes/nieuw/",
        views_inloggen.herstelcodes_nieuw,
        name="tweede_factor_herstelcodes_nieuw",
    ),
    path("account/tweede-factor/verwijderen/", views_inloggen.verwijderen, name="tweede_factor_verwijderen"),
    # Ends the provider's session too when the session came from it (RP-initiated logout).
    path("uitloggen/", Uitloggen.as_view(), name="logout"),
    # Single sign-on (omo.sso): always routed, 404 while OIDC_DISCOVERY_URL is not set.
    path("oidc/", include("omo.sso.urls")),
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
