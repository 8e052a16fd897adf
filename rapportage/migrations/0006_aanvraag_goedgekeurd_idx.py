"""The approved money of a period is read by the decision date (or the submission date of a
direct spend): one index for that expression (`per_plan`). Built concurrently, so requests can
be submitted and decided while it is made; an invalid index left by a build that failed is
dropped first, so the step can simply run again."""

from django.db import migrations


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("rapportage", "0005_weergave_bevriezen"), ("budget", "0005_gebeurtenissen_tijdindex")]

    operations = [
        migrations.RunSQL(
            [
                "DROP INDEX CONCURRENTLY IF EXISTS aanvraag_goedgekeurd_op_idx",
                "CREATE INDEX CONCURRENTLY aanvraag_goedgekeurd_op_idx ON budget_aanvraag"
                " (COALESCE(besloten_op, ingediend_op))"
                " WHERE status IN ('goedgekeurd', 'betaald', 'afgerond', 'uitstaand', 'afgelost', 'kwijtgescholden')",
            ],
            "DROP INDEX CONCURRENTLY IF EXISTS aanvraag_goedgekeurd_op_idx",
        ),
    ]
