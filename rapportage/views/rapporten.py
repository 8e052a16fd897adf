"""Views of rapportage: rapporten (filled in)."""

urlpatterns = []
