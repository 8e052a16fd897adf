"""URLs of the overleg, escalation, telefoonlijst and verzoek pages. Each views module of
`escalatie.views` lists its own routes."""

from importlib import import_module

_MODULES = ["overleg", "bespreking", "escalatie", "telefoonlijst", "verzoek"]

urlpatterns = []
for _name in _MODULES:
    try:
        _module = import_module(f"escalatie.views.{_name}")
    except ModuleNotFoundError as exc:  # a part that is not there yet
        if exc.name != f"escalatie.views.{_name}":
            raise
        continue
    urlpatterns += _module.urlpatterns
