"""Covering indexes on the many-to-many tables of a case, for the list filters.

Filtering the case list on a leefgebied or an organisation reads the (leefgebied, casus) pairs;
with the case id in the index PostgreSQL answers from the index alone instead of visiting a heap
page for each of tens of thousands of rows.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("casussen", "0004_inspiratie_zoekindex")]

    operations = [
        migrations.RunSQL(
            "CREATE INDEX casus_leefgebied_filter_idx ON casussen_casus_leefgebieden (leefgebied_id, casus_id)",
            "DROP INDEX casus_leefgebied_filter_idx",
        ),
        migrations.RunSQL(
            "CREATE INDEX casus_organisatie_filter_idx ON casussen_casus_organisaties (organisatie_id, casus_id)",
            "DROP INDEX casus_organisatie_filter_idx",
        ),
    ]
