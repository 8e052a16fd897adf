"""Reports under concurrent runs, on real database connections (one per thread), and the
rendering task on a real Celery worker.

What a user would notice if this went wrong: two concepts of one quarter (two OMO-functionarissen
writing in different ones), the College mailed twice, two "version 2"s of one report, or a
technical error instead of a Dutch message."""

import datetime
import threading

import pytest
from django.core import mail

from omo.models import Notificatie
from omo.weigering import Weigering
from rapportage.models import Rapport, RapportBestand
from rapportage.services import rapporten as services
from tests.gelijktijdig import WACHTTIJD, gelijktijdig

pytestmark = pytest.mark.django_db(transaction=True)
VANDAAG = datetime.date(2026, 10, 1)


def definitief(omo, vandaag=VANDAAG):
    rapport = services.maak_kwartaalconcept(vandaag)
    for code, _naam in services.SECTIES:
        services.bewaar_sectie(omo, rapport, code, f"Tekst {code}", services.basis_van(""))
    services.maak_definitief(omo, rapport)  # the task goes to the broker; no worker in these tests
    return rapport


def test_two_runs_at_the_same_moment_make_one_concept(make_user, monkeypatch):
    omo = make_user("omo")
    # Both runs must have looked ("no concept yet") before either inserts: hold them together
    # between the check and the insert.
    na_controle = threading.Barrier(2)
    echte = services.bevroren_cijfers

    def cijfers_na_elkaar(van, tot):
        na_controle.wait(timeout=WACHTTIJD)
        return echte(van, tot)

    monkeypatch.setattr(services, "bevroren_cijfers", cijfers_na_elkaar)
    uitkomsten = gelijktijdig([lambda: services.maak_kwartaalconcept(VANDAAG)] * 2)
    assert [u[0] for u in uitkomsten] == ["ok", "ok"], uitkomsten
    gemaakt = [u[1] for u in uitkomsten if u[1] is not None]
    assert len(gemaakt) == 1
    (rapport,) = Rapport.objects.all()
    assert rapport.pk == gemaakt[0].pk and rapport.titel == "Kwartaalrapportage Q3 2026"
    assert Notificatie.objects.filter(gebruiker=omo).count() == 1


def test_two_workers_rendering_at_once_store_and_notify_once(make_user):
    omo, college, beleid = make_user("omo"), make_user("college"), make_user("beleid")
    rapport = definitief(omo)
    uitkomsten = gelijktijdig([lambda: services.render_pdfs(rapport.pk)] * 2)
    assert [u[0] for u in uitkomsten] == ["ok", "ok"], uitkomsten
    assert uitkomsten[0][1] == uitkomsten[1][1]
    assert RapportBestand.objects.filter(rapport=rapport).count() == 2
    for user in (college, beleid):
        assert Notificatie.objects.filter(gebruiker=user).count() == 1


def test_two_corrections_at_once_make_one_new_version(make_user):
    omo_a, omo_b = make_user("omo"), make_user("omo")
    rapport = definitief(omo_a)
    uitkomsten = gelijktijdig([lambda: services.nieuwe_versie(omo_a, rapport.pk),
                               lambda: services.nieuwe_versie(omo_b, rapport.pk)])
    soorten = sorted(u[0] for u in uitkomsten)
    assert soorten == ["fout", "ok"], uitkomsten
    (fout,) = [u[1] for u in uitkomsten if u[0] == "fout"]
    assert isinstance(fout, Weigering) and "al een nieuwe versie" in fout.message
    assert Rapport.objects.filter(vorige=rapport).count() == 1


def test_two_saves_of_one_section_from_the_same_basis_keep_one_and_refuse_the_other(make_user):
    omo_a, omo_b = make_user("omo"), make_user("omo")
    rapport = services.maak_kwartaalconcept(VANDAAG)
    basis = services.basis_van("")
    uitkomsten = gelijktijdig([lambda: services.bewaar_sectie(omo_a, rapport.pk, "bevindingen", "Tekst A", basis),
                               lambda: services.bewaar_sectie(omo_b, rapport.pk, "bevindingen", "Tekst B", basis)])
    assert sorted(u[0] for u in uitkomsten) == ["fout", "ok"], uitkomsten
    rapport.refresh_from_db()
    winnaar = omo_a if uitkomsten[0][0] == "ok" else omo_b
    assert rapport.bevindingen == ("Tekst A" if winnaar == omo_a else "Tekst B") and rapport.gewijzigd_door == winnaar


def test_finalising_renders_on_a_real_worker_and_mails_college_and_beleid(make_user, celery_worker):
    omo = make_user("omo")
    college = make_user("college", email="wethouder@example.nl")
    beleid = make_user("beleid", email="beleid@example.nl")
    rapport = definitief(omo)  # queues rapport_renderen after commit, to the real worker
    from omo.tasks import verstuur_notificatiemail
    from rapportage.tasks import rapport_renderen

    # A retried delivery of the same task: it finds the files the first run stored.
    ids = rapport_renderen.delay(rapport.pk).get(timeout=120)
    assert sorted(ids) == sorted(RapportBestand.objects.filter(rapport=rapport).values_list("pk", flat=True))
    meldingen = list(Notificatie.objects.filter(sleutel=f"rapport-definitief-{rapport.pk}"))
    assert sorted(n.gebruiker_id for n in meldingen) == sorted([college.pk, beleid.pk])
    for n in meldingen:
        assert verstuur_notificatiemail.delay(n.pk).get(timeout=20) is False  # already mailed by the first
    definitief_mails = [m for m in mail.outbox if "is definitief" in m.subject]
    assert sorted(m.to[0] for m in definitief_mails) == ["beleid@example.nl", "wethouder@example.nl"]
    assert all("Kwartaalrapportage Q3 2026" in m.subject for m in definitief_mails)
    # Besides these, only the OMO-functionaris' notice that the concept was ready.
    assert [m.to[0] for m in mail.outbox if m not in definitief_mails] == [omo.email]
