"""The figures from the monthly partial figures equal the one-statement computation, for any
period and at any moment: before the months are built, after, after changes to the source rows
(the triggers mark their months) and after those months are recomputed."""

import datetime
import random

import pytest
from django.core.management import call_command
from django.utils import timezone

from budget.models import Aanvraag
from casussen.models import Casus, Evaluatie, Status
from escalatie.models import Escalatie
from rapportage import tasks
from rapportage.models import Maandcijfers, VuileMaand
from rapportage.queries.cijfers import cijfers, kerngetallen, kerngetallen_uit
from rapportage.services import maandcijfers

pytestmark = pytest.mark.django_db


def perioden(aantal, seed):
    """Random periods over the demo data, from a few days to the whole history, with edges in
    the middle of a month and on its first and last day."""
    eerste = Casus.objects.order_by("datum_signaal").values_list("datum_signaal", flat=True).first()
    begin, eind = eerste - datetime.timedelta(days=40), timezone.localdate() + datetime.timedelta(days=40)
    dagen = (eind - begin).days
    rnd = random.Random(seed)
    uit = [(begin, eind), (eerste.replace(day=1), timezone.localdate())]
    for _ in range(aantal):
        a = begin + datetime.timedelta(days=rnd.randrange(dagen))
        b = a + datetime.timedelta(days=rnd.choice([0, 3, 30, 90, 400, dagen]))
        if rnd.random() < 0.3:
            a = a.replace(day=1)
        uit.append((a, min(b, eind)))
    return uit


def gelijk(aantal=12, seed=1):
    for van, tot in perioden(aantal, seed):
        direct = cijfers(van, tot, direct=True)
        assert cijfers(van, tot) == direct, (van, tot)
        assert kerngetallen(van, tot) == kerngetallen_uit(direct), (van, tot)


def test_summed_months_equal_the_direct_figures_before_and_after_changes(demo):
    gelijk(seed=1)  # nothing built yet: every day computed directly
    assert maandcijfers.opbouwen() > 0
    assert not VuileMaand.objects.exists()
    gelijk(seed=2)

    # Changes a user makes, each in a month that is summed.
    casus = Casus.objects.filter(status=Status.IN_UITVOERING).first()
    Casus.objects.filter(pk=casus.pk).update(status=Status.MONITORING)
    afsluiten = Casus.objects.filter(afgesloten_op__isnull=True).exclude(status=Status.VERVALLEN).first()
    Casus.objects.filter(pk=afsluiten.pk).update(
        status=Status.AFGESLOTEN, afgesloten_op=timezone.now() - datetime.timedelta(days=70)
    )
    Casus.objects.filter(pk=Casus.objects.exclude(status=Status.VERVALLEN).last().pk).update(status=Status.VERVALLEN)
    aanvraag = Aanvraag.objects.filter(status="ingediend").first()
    if aanvraag:
        Aanvraag.objects.filter(pk=aanvraag.pk).update(status="goedgekeurd", besloten_op=timezone.now())
    Aanvraag.objects.filter(pk=Aanvraag.objects.filter(status="goedgekeurd").first().pk).update(
        besloten_op=timezone.now() - datetime.timedelta(days=200)
    )
    escalatie = Escalatie.objects.filter(beslissing="").first()
    if escalatie:
        Escalatie.objects.filter(pk=escalatie.pk).update(beslissing="akkoord", besloten_op=timezone.now())
    Escalatie.objects.filter(pk=Escalatie.objects.first().pk).update(
        aangevraagd_op=timezone.now() - datetime.timedelta(days=120)
    )
    evaluatie = Evaluatie.objects.filter(maand__in=(6, 12)).order_by("uitkomst").first()
    Evaluatie.objects.filter(pk=evaluatie.pk).update(
        uitkomst="aanpassen", uitgevoerd_op=timezone.now() - datetime.timedelta(days=100)
    )
    assert VuileMaand.objects.exists()
    gelijk(seed=3)  # the marked months are computed directly

    assert maandcijfers.bijwerken() > 0
    assert not VuileMaand.objects.exists()
    gelijk(seed=4)


def test_an_update_that_changes_no_figure_marks_no_month(demo):
    maandcijfers.opbouwen()
    Casus.objects.filter(pk=Casus.objects.first().pk).update(urgentie="hoog")
    assert not VuileMaand.objects.exists()


def test_the_command_and_the_tasks_build_every_month(demo, capsys):
    # A new installation: the five-minute task builds every month, not only the nightly one.
    assert tasks.maandcijfers_bijwerken.apply().get() > 1
    assert not Maandcijfers.objects.filter(cumulatief__isnull=True).exists()
    Maandcijfers.objects.all().delete()
    call_command("maandcijfers_opbouwen")
    assert "maanden opgebouwd" in capsys.readouterr().out
    eerste = Casus.objects.order_by("datum_signaal").values_list("datum_signaal", flat=True).first()
    deze = timezone.localdate().replace(day=1)
    maanden = list(Maandcijfers.objects.order_by("maand").values_list("maand", flat=True))
    assert maanden[0] <= eerste.replace(day=1) and maanden[-1] >= deze
    Maandcijfers.objects.filter(maand=deze).delete()
    assert tasks.maandcijfers_bijwerken.apply().get() == 1
    assert Maandcijfers.objects.filter(maand=deze).exists()
    assert tasks.maandcijfers_opbouwen.apply().get() == len(maanden)


def test_the_whole_history_takes_a_few_queries(demo, django_assert_max_num_queries):
    maandcijfers.opbouwen()
    eerste = Casus.objects.order_by("datum_signaal").values_list("datum_signaal", flat=True).first()
    # The clean months, the other days with the direct figures, the verzoeken.
    with django_assert_max_num_queries(3):
        cijfers(eerste, timezone.localdate())
    with django_assert_max_num_queries(3):
        kerngetallen(eerste, timezone.localdate())


def test_a_run_of_whole_months_is_two_running_totals_apart(demo, monkeypatch):
    from rapportage.queries import cijfers as module

    maandcijfers.opbouwen()
    gelezen = []
    echt = module.cumulatief_lezen
    monkeypatch.setattr(module, "cumulatief_lezen", lambda cum, families: gelezen.append(cum) or echt(cum, families))
    gelijk(6, seed=5)
    assert gelezen  # the running totals were used …
    assert all(cum is not None for cum in gelezen)

    # … also with a stale month inside the run (taken out again, its days counted directly).
    casus = Casus.objects.filter(status=Status.IN_UITVOERING).order_by("datum_signaal").first()
    Casus.objects.filter(pk=casus.pk).update(status=Status.MONITORING)
    assert VuileMaand.objects.exists()
    gelijk(6, seed=6)

    # Rows from before the running totals existed are added up one by one, with the same result.
    Maandcijfers.objects.update(cumulatief=None)
    gelezen.clear()
    gelijk(4, seed=7)
    assert not gelezen


def test_months_missed_by_the_task_are_filled_without_a_gap(demo):
    maandcijfers.opbouwen()
    laatste = Maandcijfers.objects.order_by("-maand").values_list("maand", flat=True)[:3]
    weg = list(laatste)[:2]
    Maandcijfers.objects.filter(maand__in=weg).delete()
    assert maandcijfers.bijwerken() >= 2
    maanden = list(Maandcijfers.objects.order_by("maand").values_list("maand", flat=True))
    assert all((a + datetime.timedelta(days=32)).replace(day=1) == b for a, b in zip(maanden, maanden[1:], strict=False))
    assert not Maandcijfers.objects.filter(cumulatief__isnull=True).exists()
    gelijk(4, seed=8)


def test_a_month_before_the_first_row_does_not_leak_into_later_periods(demo):
    """A case moved to two months before the first row gets that month a row of its own (with a
    month without a row in between); a period starting in that gap counts only its own days."""
    maandcijfers.opbouwen()
    eerste = Maandcijfers.objects.order_by("maand").values_list("maand", flat=True).first()
    vroeg = (eerste - datetime.timedelta(days=40)).replace(day=1)  # two months before
    casus = Casus.objects.exclude(status=Status.VERVALLEN).order_by("datum_signaal").last()
    Casus.objects.filter(pk=casus.pk).update(datum_signaal=vroeg + datetime.timedelta(days=9))
    maandcijfers.bijwerken()
    assert Maandcijfers.objects.filter(maand=vroeg).exists()
    tussen = (vroeg + datetime.timedelta(days=32)).replace(day=1)
    for van, tot in [(tussen, eerste + datetime.timedelta(days=90)), (tussen + datetime.timedelta(days=14), timezone.localdate()),
                     (eerste, timezone.localdate()), (vroeg, timezone.localdate())]:
        assert cijfers(van, tot) == cijfers(van, tot, direct=True), (van, tot)
        assert kerngetallen(van, tot) == kerngetallen_uit(cijfers(van, tot, direct=True)), (van, tot)


@pytest.mark.django_db(transaction=True)
def test_the_figures_of_a_period_read_one_moment(django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as gezien:
        cijfers(datetime.date(2026, 1, 1), datetime.date(2026, 9, 30))
    assert [q["sql"] for q in gezien.captured_queries[:2]] == [
        "BEGIN", "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY"]
    assert not connection.in_atomic_block  # and it is over afterwards
