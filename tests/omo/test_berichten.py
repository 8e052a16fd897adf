"""The outbox: an e-mail placed under a key goes out once, whatever retries or races."""

import threading

import pytest
from django.core import mail
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection, transaction

from omo import berichten
from omo.models import Bericht


@pytest.mark.django_db
def test_placing_twice_stores_once_and_sending_twice_sends_once(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert berichten.plaats("verzoek-1-herinnering", ["a@example.org"], "Herinnering", "Vandaag")
        assert not berichten.plaats("verzoek-1-herinnering", ["a@example.org"], "Herinnering", "Vandaag")
    assert len(callbacks) == 1  # one send task, for the one new message
    assert Bericht.objects.count() == 1
    assert berichten.verstuur("verzoek-1-herinnering") is True
    assert berichten.verstuur("verzoek-1-herinnering") is False
    assert [m.to for m in mail.outbox] == [["a@example.org"]]
    assert Bericht.objects.get().verzonden_op is not None


@pytest.mark.django_db
def test_a_message_rolled_back_with_its_change_is_never_sent():
    with pytest.raises(RuntimeError):
        with transaction.atomic():
            berichten.plaats("weg", ["a@example.org"], "Weg", "Weg")
            raise RuntimeError
    assert not Bericht.objects.exists()
    assert berichten.verstuur_wachtende() == 0
    assert mail.outbox == []


@pytest.mark.django_db
def test_attachment_is_sent_with_the_message():
    naam = default_storage.save("tests/bijlage.pdf", ContentFile(b"%PDF-1.7 test"))
    try:
        berichten.plaats("verslag-1", ["b@example.org", "a@example.org", "a@example.org"], "Verslag", "Zie bijlage",
                         bijlage=naam, bijlage_naam="verslag.pdf")
        assert berichten.verstuur_wachtende() == 1
        (bericht,) = mail.outbox
        assert bericht.to == ["a@example.org", "b@example.org"]
        assert bericht.attachments[0][0] == "verslag.pdf"
        assert bericht.attachments[0][1].startswith(b"%PDF")
    finally:
        default_storage.delete(naam)


@pytest.mark.django_db
def test_no_recipients_places_nothing():
    assert berichten.plaats("leeg", ["", "  "], "Niemand", "Niemand") is False
    assert not Bericht.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_two_senders_at_once_send_each_message_once():
    for i in range(20):
        berichten.plaats(f"race-{i}", ["c@example.org"], f"Bericht {i}", "tekst")
    barrier = threading.Barrier(2)
    results = []

    def sender():
        try:
            barrier.wait()
            results.append(berichten.verstuur_wachtende())
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(results) == 20
    assert sorted(m.subject for m in mail.outbox) == sorted(f"Bericht {i}" for i in range(20))
    assert not Bericht.objects.filter(verzonden_op__isnull=True).exists()
