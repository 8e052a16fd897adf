"""The provider's own state besides django-oidc-provider's: the fault the next ID token carries."""

from django.db import models


class TokenFault(models.Model):
    """At most one row: the next token response carries this fault, then the row is gone."""

    mode = models.CharField(max_length=40)

    def __str__(self):
        return self.mode
