"""Views of rapportage: patronen (filled in)."""

urlpatterns = []
