"""The open cases that count in the figures, counted from the index alone (`open_aan_einde`).
Built concurrently: the case table is the largest a municipality has, and stays writable. An
invalid index left by a build that failed is dropped first, so the step can simply run again."""

from django.contrib.postgres.operations import AddIndexConcurrently
from django.db import migrations, models


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("casussen", "0010_gebeurtenissen_tijdindex")]

    operations = [
        migrations.RunSQL("DROP INDEX CONCURRENTLY IF EXISTS casus_open_telt_idx", migrations.RunSQL.noop),
        AddIndexConcurrently(
            model_name="casus",
            index=models.Index(
                condition=models.Q(("afgesloten_op__isnull", True), models.Q(("status", "vervallen"), _negated=True)),
                fields=["datum_signaal"],
                name="casus_open_telt_idx",
            ),
        ),
    ]
