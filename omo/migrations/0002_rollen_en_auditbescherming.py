"""The eight role groups with their permissions, and append-only protection of audit contexts.

Event tables of django-pghistory are append-only through their own triggers
(PGHISTORY_APPEND_ONLY). The shared context table (who, url, ip of a request) is updated by
pghistory while a request adds keys, so it cannot refuse every UPDATE; this trigger refuses
DELETE always and refuses any UPDATE that removes or changes an existing key.
"""

from django.db import migrations

PROTECT_CONTEXT = """
CREATE OR REPLACE FUNCTION omo_pghistory_context_append_only() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Auditcontext is alleen-toevoegen: verwijderen is niet toegestaan'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF NEW.id <> OLD.id OR NEW.created_at <> OLD.created_at
       OR NOT (NEW.metadata @> OLD.metadata) THEN
        RAISE EXCEPTION 'Auditcontext is alleen-toevoegen: bestaande gegevens wijzigen is niet toegestaan'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER omo_pghistory_context_append_only
    BEFORE UPDATE OR DELETE ON pghistory_context
    FOR EACH ROW EXECUTE FUNCTION omo_pghistory_context_append_only();
"""

UNPROTECT_CONTEXT = """
DROP TRIGGER IF EXISTS omo_pghistory_context_append_only ON pghistory_context;
DROP FUNCTION IF EXISTS omo_pghistory_context_append_only();
"""


def create_roles(apps, schema_editor):
    from omo.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("omo", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("pghistory", "0007_auto_20250421_0444"),
    ]

    operations = [
        migrations.RunPython(create_roles, migrations.RunPython.noop),
        migrations.RunSQL(PROTECT_CONTEXT, UNPROTECT_CONTEXT),
    ]
