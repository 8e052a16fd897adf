"""The declaration of personal content (privacy/inhoud.py) cannot go stale: every model whose rows
belong to a case is declared, and each of its text fields is either destroyed or kept with a
reason."""

from privacy import inhoud


def test_every_model_of_a_case_is_declared():
    declared = {i.model for i in inhoud.INHOUD}
    of_a_case = {m._meta.label for m in inhoud.hoort_bij_casus()}
    assert of_a_case - declared == set(), "declare these models in privacy/inhoud.py"
    assert declared - of_a_case == set(), "these declared models no longer belong to a case"


def test_every_text_field_of_a_case_is_destroyed_or_kept_with_a_reason():
    ontbreekt = []
    for i in inhoud.INHOUD:
        model = inhoud.model_van(i.model)
        namen = {f.name for f in model._meta.get_fields()}
        assert set(i.persoonlijk) <= namen, (i.model, set(i.persoonlijk) - namen)
        assert set(i.bewaard) <= namen, (i.model, set(i.bewaard) - namen)
        assert not set(i.persoonlijk) & set(i.bewaard), i.model
        assert all(reden for reden in i.bewaard.values()), i.model
        if i.verwijderen:
            continue  # the rows go altogether
        for f in model._meta.concrete_fields:
            if inhoud.is_tekstveld(f) and f.name not in i.persoonlijk and f.name not in i.bewaard:
                ontbreekt.append(f"{i.model}.{f.name}")
    assert ontbreekt == [], "classify these fields in privacy/inhoud.py as persoonlijk or bewaard"


def test_each_model_leads_to_the_case_through_a_declared_parent():
    gezien = set()
    for i in inhoud.INHOUD:
        model = inhoud.model_van(i.model)
        if i.via is None:
            assert i.model == "casussen.Casus"
        else:
            ouder = model._meta.get_field(i.via).related_model._meta.label
            assert ouder in gezien, f"{i.model}: declare {ouder} before it"
        gezien.add(i.model)
