"""The one money field: what a user types the Dutch way is accepted, anything else is refused
with a Dutch message next to the field and what was typed stays."""

from decimal import Decimal

import pytest
from django import forms

from omo.geld import MAX_BEDRAG, BedragField, BedragInput, lees_bedrag


class Form(forms.Form):
    bedrag = BedragField(label="Bedrag")


class OptioneelForm(forms.Form):
    bedrag = BedragField(label="Bedrag", required=False, max_value=Decimal("500.00"))


@pytest.mark.parametrize(
    ("getypt", "bedrag"),
    [
        ("1.450,00", "1450.00"),
        ("1450", "1450.00"),
        ("1450,5", "1450.50"),
        ("€ 1.450", "1450.00"),
        ("€1.450,00", "1450.00"),
        ("€\u00a01.450,50", "1450.50"),
        (" 9.999.999,9 ", "9999999.90"),
        ("0,01", "0.01"),
        ("250", "250.00"),
    ],
)
def test_dutch_amounts_are_accepted(getypt, bedrag):
    form = Form({"bedrag": getypt})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["bedrag"] == Decimal(bedrag)


@pytest.mark.parametrize(
    ("getypt", "melding"),
    [
        ("1,450.00", "komma voor de centen"),
        ("14,505", "komma voor de centen"),
        ("abc", "komma voor de centen"),
        ("1.45", "komma voor de centen"),
        ("1.4500", "komma voor de centen"),
        ("1450,505", "komma voor de centen"),
        ("12,", "komma voor de centen"),
        ("-10", "niet negatief"),
        ("€ -1.450,00", "niet negatief"),
        ("0", "minstens €\u00a00,01"),
        ("10.000.000,01", "hoogstens €\u00a010.000.000,00"),
        ("9.999.999.999", "hoogstens €\u00a010.000.000,00"),
    ],
)
def test_anything_else_is_refused_with_a_dutch_message_keeping_what_was_typed(getypt, melding):
    form = Form({"bedrag": getypt})
    assert not form.is_valid()
    assert melding in form.errors["bedrag"][0]
    assert f'value="{getypt}"' in str(form["bedrag"])


def test_a_form_may_lower_the_maximum_and_leave_it_empty():
    assert OptioneelForm({"bedrag": ""}).is_valid()
    form = OptioneelForm({"bedrag": "500,01"})
    assert not form.is_valid() and "hoogstens €\u00a0500,00" in form.errors["bedrag"][0]
    assert Form.base_fields["bedrag"].max_value == MAX_BEDRAG


def test_the_widget_shows_an_amount_the_dutch_way():
    assert BedragInput().format_value(Decimal("1450")) == "1.450,00"
    assert BedragInput().format_value(Decimal("1234567.5")) == "1.234.567,50"
    html = str(Form(initial={"bedrag": Decimal("5800")})["bedrag"])
    assert 'value="5.800,00"' in html and 'inputmode="decimal"' in html
    # What the widget shows is accepted again as it is.
    assert Form({"bedrag": "5.800,00"}).is_valid()


def test_parser_alone():
    assert lees_bedrag("1.450,00") == Decimal("1450.00")
    assert lees_bedrag("1,450.00") is None
    assert lees_bedrag(None) is None
