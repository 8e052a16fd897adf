from budget.views import urlpatterns  # noqa: F401
