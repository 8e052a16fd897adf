"""Running work at the same moment in tests: each callable in its own thread with its own
database connection, released together by a barrier (transactional tests only)."""

import threading

from django.db import connection

WACHTTIJD = 60  # seconds; a thread that hangs this long means a lock that is never released


def gelijktijdig(taken):
    """Run the callables at once. Returns per task ("ok", result) or ("fout", exception)."""
    barrier = threading.Barrier(len(taken))
    uitkomsten = [None] * len(taken)

    def draai(i, taak):
        try:
            barrier.wait(timeout=WACHTTIJD)
            uitkomsten[i] = ("ok", taak())
        except BaseException as fout:  # noqa: BLE001 - every outcome is inspected by the test
            uitkomsten[i] = ("fout", fout)
        finally:
            connection.close()

    threads = [threading.Thread(target=draai, args=(i, t), daemon=True) for i, t in enumerate(taken)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(WACHTTIJD)
    assert not any(t.is_alive() for t in threads), "een thread hangt: een vergrendeling wordt niet vrijgegeven"
    return uitkomsten
