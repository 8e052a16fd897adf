"""Every report frozen before the registry of figures gets its weergave (what is shown, see
`rapportage.weergave`), made once from its own frozen figures, so it is rendered from that ever
after whatever figures are added or renamed later. It is marked `omgezet` (made afterwards, by the
registry version it names, from figures frozen before the registry) and has no comparison with
earlier periods, which it never had.

This step uses the registry of the release that runs it. An installation that skips releases
gets the weergave of a later registry; should that registry no longer read these old figures, the
report is left without one and is drawn from its figures when shown (`weergave_van`), and the
step says which.

A definitief report is protected against every change by `rapport_definitief_onveranderlijk`;
adding the weergave changes none of its figures, texts or PDFs, so only this step passes it.
Runs once; a report that has a weergave is left alone.
"""

import pgtrigger
from django.db import migrations


def bevries(apps, schema_editor):
    from rapportage import weergave

    Rapport = apps.get_model("rapportage", "Rapport")
    with pgtrigger.ignore("rapportage.Rapport:rapport_definitief_onveranderlijk"):
        for rapport in Rapport.objects.order_by("pk").iterator():
            c = rapport.cijfers or {}
            if not c.get("casussen") or c.get("weergave"):
                continue
            try:
                w = weergave.maak(c)
            except (KeyError, TypeError, ValueError) as fout:
                print(f"  rapport {rapport.pk}: geen weergave ({fout!r}); getoond uit de cijfers")  # noqa: T201
                continue
            w["omgezet"] = True
            c["weergave"] = w
            Rapport.objects.filter(pk=rapport.pk).update(cijfers=c)


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0004_maandcijfers")]

    operations = [migrations.RunPython(bevries, migrations.RunPython.noop)]
