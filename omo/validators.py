"""Password validation with Dutch messages (Django's Dutch catalogue lacks this message)."""

from django.contrib.auth.password_validation import MinimumLengthValidator as _Minimum
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(_Minimum):
    def validate(self, password, user=None):
        if len(password) < self.min_length:
            raise ValidationError(
                _("Dit wachtwoord is te kort: gebruik minimaal %(min_length)d tekens.")
                % {"min_length": self.min_length},
                code="password_too_short",
                params={"min_length": self.min_length},
            )

    def get_help_text(self):
        return _("Je wachtwoord moet minimaal %(min_length)d tekens lang zijn.") % {
            "min_length": self.min_length
        }
