"""The refusal: an action that is not allowed or conflicts with what someone else just did.

Services raise it with a Dutch message for the user (and, when the message belongs next to one
field of a form, that field's name); views show it and change nothing. It is the one refusal of
every app: `omo.toegang.vereis` raises it for a rule that says no.
"""


class Weigering(Exception):
    """An action that is not allowed or conflicts: carries a Dutch message, changes nothing."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
