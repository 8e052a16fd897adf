"""Free text that OMO stores never holds a BSN and never runs over its limit (DESIGN §9).

The forms are enumerated from the code: every form class in every app's form modules, so a new
form or a new field is covered without touching this test. Each free-text field gets a valid BSN
(eleven test) and must answer with the Dutch message of the case form, and text over its limit
must answer with the length message. The admin's forms share the guard, and so does saving a
model without any form (a service, an autosave).
"""

import importlib
import inspect
import pkgutil

import pytest
from django import forms
from django.contrib import admin

from omo.forms import VrijeTekstBewaking, bewaak, is_vrije_tekst
from omo.tekst import BSN_MELDING
from omo.weigering import Weigering

APPS = ["omo", "casussen", "escalatie", "budget", "rapportage"]
BSN = "Inwoner met BSN 111222333 belde"
# Forms that only read (a search box, a period, a filter, the login): nothing typed is stored.
ALLEEN_LEZEN = {
    "PeriodeForm", "ZoekForm", "InspiratieForm", "AuditFilterForm", "WachtwoordHerstellenForm", "InlogForm",
}


def _form_modules():
    for app in APPS:
        package = importlib.import_module(app)
        for info in pkgutil.walk_packages(package.__path__, f"{app}."):
            if "forms" in info.name.split(".")[-1] or info.name.endswith(".forms") or ".forms." in info.name:
                yield importlib.import_module(info.name)


def _form_classes():
    found = {}
    for module in _form_modules():
        for name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                issubclass(cls, forms.BaseForm)
                and cls.__module__ == module.__name__
                and cls.base_fields is not None
                and not (issubclass(cls, forms.BaseModelForm) and cls._meta.model is None)
                and name not in ALLEEN_LEZEN
            ):
                found[f"{cls.__module__}.{name}"] = cls
    return found


FORMS = _form_classes()


def _instantiate(cls, data):
    try:
        return cls(data=data)
    except TypeError:
        return cls(data)


def test_the_enumeration_finds_the_forms_of_every_app():
    apps = {name.split(".")[0] for name in FORMS}
    assert apps == set(APPS), apps
    assert len(FORMS) >= 30


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_every_free_text_field_refuses_a_bsn_and_text_over_its_limit(name):
    cls = FORMS[name]
    leeg = _instantiate(cls, {})
    velden = [veld for veld, field in leeg.fields.items() if is_vrije_tekst(field)]
    if not velden:
        pytest.skip("geen vrije tekst")
    assert isinstance(leeg, VrijeTekstBewaking), f"{name} heeft vrije tekst maar niet de bewaking van OmoForm"
    for veld in velden:
        form = _instantiate(cls, {veld: BSN})
        form.is_valid()
        assert BSN_MELDING in form.errors.get(veld, []), f"{name}.{veld}: {form.errors.get(veld)}"
        bewaak(form)
        limiet = form.fields[veld].max_length
        assert limiet, f"{name}.{veld} heeft geen maximale lengte"
        form = _instantiate(cls, {veld: "a" * (limiet + 1)})
        form.is_valid()
        assert any(str(limiet) in fout for fout in form.errors.get(veld, [])), f"{name}.{veld}: {form.errors.get(veld)}"


def test_every_admin_form_guards_free_text():
    for model, model_admin in admin.site._registry.items():
        if model._meta.app_label in APPS:
            assert issubclass(model_admin.form, VrijeTekstBewaking), model


@pytest.mark.django_db
def test_saving_a_model_without_a_form_refuses_a_bsn():
    """Services, autosave and anything else that saves: the same guard at the model."""
    import datetime

    from omo.models import Sluitingsdag

    with pytest.raises(Weigering) as fout:
        Sluitingsdag(datum=datetime.date(2027, 1, 2), omschrijving=BSN).save()
    assert str(fout.value.message) == str(BSN_MELDING) and fout.value.field == "omschrijving"
    assert not Sluitingsdag.objects.filter(datum=datetime.date(2027, 1, 2)).exists()
