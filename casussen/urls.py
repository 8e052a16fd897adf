"""URLs of the case pages. Each views module of `casussen.views` lists its own routes."""

from casussen.views import canvas, casus, plan, referentie, scenario

urlpatterns = [
    *casus.urlpatterns,
    *canvas.urlpatterns,
    *scenario.urlpatterns,
    *plan.urlpatterns,
    *referentie.urlpatterns,
]
