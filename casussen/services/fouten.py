class Weigering(Exception):
    """An action that is not allowed or conflicts: carries a Dutch message, changes nothing."""

    def __init__(self, message, field=None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
