"""A real OpenID Connect provider for the test suite (django-oidc-provider), run in its own process.

The project (settings, urls, views, hooks) is never imported by OMO's tests: `fixture.py` starts
it with gunicorn on a loopback port against its own PostgreSQL database and drives it over HTTP.
"""
