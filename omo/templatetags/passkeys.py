"""What the passkey parts of the second-factor pages need (`omo/tweedefactor/_passkeys.html`
on the account page, `omo/tweedefactor/_passkey_verifieer.html` at the code step)."""

from django import template
from django_otp_webauthn.templatetags.otp_webauthn import get_configuration

from omo import passkeys
from omo.toegang import mag

register = template.Library()


@register.simple_tag(takes_context=True)
def passkey_gegevens(context):
    """{beschikbaar, waarom_niet, lijst, heeft_passkey, mag_toevoegen, config}: `config` is the
    library's client configuration (URLs, CSRF token), put on the page with `json_script`
    (data, not a script: the Content-Security-Policy allows only scripts from OMO itself)."""
    request = context["request"]
    user = request.user
    beschikbaarheid = passkeys.beschikbaar(request)
    lijst = list(passkeys.passkeys_van(user)) if user.is_authenticated else []
    return {
        "beschikbaar": beschikbaarheid.ja,
        "waarom_niet": beschikbaarheid.waarom_niet,
        "lijst": lijst,
        "heeft_passkey": any(p.confirmed for p in lijst),
        "mag_toevoegen": beschikbaarheid.ja and mag(user, "omo.voeg_passkey_toe"),
        "config": get_configuration(request) if beschikbaarheid.ja else {},
    }
