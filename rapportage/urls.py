"""URLs of rapportage: every page module keeps its own `urlpatterns`."""

from rapportage.views import dashboard, patronen, rapporten

urlpatterns = [*dashboard.urlpatterns, *patronen.urlpatterns, *rapporten.urlpatterns]
