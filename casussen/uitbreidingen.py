"""Hooks through which later apps add to the case pages without casussen depending on them
(apps depend in one direction: omo ← casussen ← escalatie, budget).

An app registers, in its `AppConfig.ready()`:
- `registreer_tab(code, label, url_name)`: a tab in the case layout (the URL takes `pk`);
- `registreer_acties(fn)`: `fn(user, casus) -> list[Actie]`, links in the "Volgende stap" panel
  of the case page. `fn` must decide from the loaded case and the user's roles, without queries;
- `registreer_bij_vervallen(fn)`: `fn(casus, user, reden)`, called inside the transaction that
  declares a case vervallen: the app closes what it still has open on the case through its own
  services (with the reason as note), or refuses (`Weigering`) and nothing changes.
"""

from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class Tab:
    code: str
    label: str
    url_name: str


@dataclass(frozen=True)
class Actie:
    label: str
    url: str
    primair: bool = False


_TABS: list[Tab] = []
_ACTIES: list = []
_BIJ_VERVALLEN: list = []


def registreer_tab(code, label, url_name):
    if all(t.code != code for t in _TABS):
        _TABS.append(Tab(code, label, url_name))


def registreer_acties(fn):
    if fn not in _ACTIES:
        _ACTIES.append(fn)


def tabs(casus) -> list[dict]:
    return [{"code": t.code, "label": t.label, "url": reverse(t.url_name, kwargs={"pk": casus.pk})} for t in _TABS]


def acties(user, casus) -> list[Actie]:
    result = []
    for fn in _ACTIES:
        result.extend(fn(user, casus))
    return result


def registreer_bij_vervallen(fn):
    if fn not in _BIJ_VERVALLEN:
        _BIJ_VERVALLEN.append(fn)


def bij_vervallen(casus, user, reden) -> None:
    for fn in _BIJ_VERVALLEN:
        fn(casus, user, reden)
