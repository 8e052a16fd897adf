"""Every report frozen before the registry of figures gets its weergave (what is shown, see
`rapportage.weergave`), made once from its own frozen figures, so it is rendered from that ever
after whatever figures are added or renamed later. It is marked `register: 1` (frozen under the
figures before the registry) and has no comparison with earlier periods, which it never had.

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
            w = weergave.maak(c)
            w["register"] = 1
            c["weergave"] = w
            Rapport.objects.filter(pk=rapport.pk).update(cijfers=c)


class Migration(migrations.Migration):
    dependencies = [("rapportage", "0004_maandcijfers")]

    operations = [migrations.RunPython(bevries, migrations.RunPython.noop)]
