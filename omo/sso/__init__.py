"""Single sign-on with the municipality's identity provider (OpenID Connect, mozilla-django-oidc).

- `instellingen`: the settings (environment variables `OIDC_*`), parsed and read at request time;
- `discovery`: the provider's endpoints from its `.well-known/openid-configuration`, cached;
- `backend`: who the provider's answer is in OMO (matched by `sub`), their roles and team from
  the provider's groups at every login (`omo.services_sso`);
- `views`: the redirect to the provider, the callback (every failure ends on one Dutch page),
  the logout that ends the provider's session too, and the login form's break-glass rule.

On exactly when `OIDC_DISCOVERY_URL` is set. Then only a break-glass account
(`User.noodaccount`, set with `manage.py noodaccount`) logs in with a local password.
"""
