"""Form helpers every app shares: the base of every form, a service's refusal on a form, and
the date input.

`OmoForm` and `OmoModelForm` are the base of every form of OMO. Before a form validates, each
free-text field (a `CharField` that is not hidden, a password or a choice) gets the BSN guard
(`omo.tekst.weiger_bsn`) and a maximum length — the field's own, or `omo.tekst.MAX_TEKST` for a
text area and `MAX_REGEL` for a single line — with a Dutch message next to the field; what was
typed stays on the page. Fields added in a form's `__init__` are guarded too: the guard is put
on in `full_clean`.
"""

from django import forms

from omo.tekst import MAX_TEKST, max_lengte_validator, weiger_bsn

# The longest single line of typed text without a `max_length` of its own.
MAX_REGEL = 500


def fout_in_form(form, fout):
    """Put a service's refusal (`Weigering`) next to its field, or above the form."""
    form.add_error(fout.field if fout.field in form.fields else None, fout.message)


class DatumInput(forms.DateInput):
    """A browser date picker that shows and reads ISO dates."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def is_vrije_tekst(field) -> bool:
    """A field in which someone types free text."""
    return (
        isinstance(field, forms.CharField)
        and not isinstance(field.widget, forms.HiddenInput | forms.PasswordInput | forms.widgets.ChoiceWidget)
        and not getattr(field, "geen_vrije_tekst", False)
    )


def bewaak(form) -> None:
    """Put the BSN guard and a maximum length on every free-text field of `form` (once)."""
    for field in form.fields.values():
        if not is_vrije_tekst(field) or getattr(field, "_omo_bewaakt", False):
            continue
        if weiger_bsn not in field.validators:
            field.validators.append(weiger_bsn)
        if field.max_length is None:
            field.max_length = MAX_TEKST if isinstance(field.widget, forms.Textarea) else MAX_REGEL
            field.validators.append(max_lengte_validator(field.max_length))
        field._omo_bewaakt = True


class VrijeTekstBewaking:
    """The guard of `OmoForm` as a mixin, for a form class that must keep another base."""

    def full_clean(self):
        bewaak(self)
        return super().full_clean()


class OmoForm(VrijeTekstBewaking, forms.Form):
    pass


class OmoModelForm(VrijeTekstBewaking, forms.ModelForm):
    pass
