"""Views of rapportage: dashboard (filled in)."""

urlpatterns = []
