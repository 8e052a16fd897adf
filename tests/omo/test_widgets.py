from django import forms

from omo.widgets import SnelleSelect, SnelleSelectMultiple


class Formulier(forms.Form):
    een = forms.ChoiceField(choices=[("", "—"), ("a", "A & <b>"), ("b", "B")], widget=SnelleSelect)
    meer = forms.MultipleChoiceField(
        choices=[("Groep <1>", [("1", "één"), ("2", "twee")])], widget=SnelleSelectMultiple
    )


def test_fast_select_renders_like_django_escaped_and_selected():
    html = str(Formulier({"een": "a", "meer": ["2"]})["een"])
    assert html.startswith('<select name="een"') or 'name="een"' in html
    assert '<option value="a" selected>A &amp; &lt;b&gt;</option>' in html
    assert '<option value="b">B</option>' in html
    multi = str(Formulier({"een": "a", "meer": ["2"]})["meer"])
    assert "multiple" in multi
    assert '<optgroup label="Groep &lt;1&gt;">' in multi
    assert '<option value="2" selected>twee</option>' in multi and '<option value="1">één</option>' in multi


def test_fast_select_keeps_error_attributes():
    html = str(Formulier({})["een"])
    assert 'aria-invalid="true"' in html and 'aria-describedby="id_een_error"' in html
