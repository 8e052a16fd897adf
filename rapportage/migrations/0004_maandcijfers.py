"""Monthly partial figures and the triggers that mark a month stale when its source rows change.

The triggers are statement-level with transition tables: one INSERT into
`rapportage_vuilemaand` per statement that touches a figure's rows, however many rows it
touches, and none for an update that changes no column a figure reads. The rows they write have
no unique key, so two writers in the same month never wait for each other.
"""

from django.db import migrations, models

MAAND = "date_trunc('month', ({}) AT TIME ZONE 'Europe/Amsterdam')::date"

# Per source table: the columns whose change matters (None: any update) and the months its
# rows `{rijen}` touch. `{verschoven}` (cases only) are the cases whose signal date or whether
# they count (vervallen) changed: their escalations and decisions move with them.
BRONNEN = {
    "casussen_casus": (
        ("datum_signaal", "afgesloten_op", "status"),
        "SELECT date_trunc('month', r.datum_signaal)::date FROM {rijen} r"
        " UNION ALL SELECT " + MAAND.format("r.afgesloten_op") + " FROM {rijen} r"
        " UNION ALL SELECT " + MAAND.format("e.aangevraagd_op") + " FROM escalatie_escalatie e"
        "  WHERE e.casus_id IN (SELECT id FROM {verschoven} x)"
        " UNION ALL SELECT " + MAAND.format("b.besloten_op") + " FROM casussen_besluit b"
        "  WHERE b.uitkomst = 'akkoord' AND b.casus_id IN (SELECT id FROM {verschoven} x)",
    ),
    "casussen_casus_leefgebieden": (
        None,
        "SELECT date_trunc('month', c.datum_signaal)::date FROM casussen_casus c"
        " WHERE c.id IN (SELECT casus_id FROM {rijen} x)",
    ),
    # The first akkoord of a case can move to another of its decisions: every akkoord month of
    # the case, and its closing month (decision to closing).
    "casussen_besluit": (
        ("casus_id", "uitkomst", "besloten_op", "scenario_id"),
        "SELECT " + MAAND.format("r.besloten_op") + " FROM {rijen} r"
        " UNION ALL SELECT " + MAAND.format("b.besloten_op") + " FROM casussen_besluit b"
        "  WHERE b.uitkomst = 'akkoord' AND b.casus_id IN (SELECT casus_id FROM {rijen} x)"
        " UNION ALL SELECT " + MAAND.format("c.afgesloten_op") + " FROM casussen_casus c"
        "  WHERE c.id IN (SELECT casus_id FROM {rijen} x)",
    ),
    "casussen_kostenregel": (
        None,
        "SELECT " + MAAND.format("b.besloten_op") + " FROM casussen_besluit b"
        " WHERE b.uitkomst = 'akkoord' AND b.scenario_id IN (SELECT scenario_id FROM {rijen} x)",
    ),
    "casussen_scenariogrondslag": (
        None,
        "SELECT " + MAAND.format("b.besloten_op") + " FROM casussen_besluit b"
        " WHERE b.uitkomst = 'akkoord' AND b.scenario_id IN (SELECT scenario_id FROM {rijen} x)",
    ),
    "escalatie_escalatie": (
        ("casus_id", "aangevraagd_op", "naar_niveau", "beslissing"),
        "SELECT " + MAAND.format("r.aangevraagd_op") + " FROM {rijen} r",
    ),
    "budget_aanvraag": (
        ("casus_id", "fonds_id", "status", "bedrag", "betaald", "besloten_op", "ingediend_op"),
        "SELECT " + MAAND.format("COALESCE(r.besloten_op, r.ingediend_op)") + " FROM {rijen} r",
    ),
    "casussen_evaluatie": (
        ("casus_id", "maand", "uitkomst", "uitgevoerd_op"),
        "SELECT " + MAAND.format("r.uitgevoerd_op") + " FROM {rijen} r",
    ),
    # An intake score counts in every evaluation of its case.
    "casussen_zelfredzaamheid": (
        None,
        "SELECT " + MAAND.format("e.uitgevoerd_op") + " FROM casussen_evaluatie e"
        " WHERE e.casus_id IN (SELECT casus_id FROM {rijen} x)",
    ),
}

GEEN = "(SELECT NULL::bigint AS id WHERE false)"


def _insert(maanden: str) -> str:
    return (
        f"INSERT INTO rapportage_vuilemaand (maand) SELECT DISTINCT m FROM ({maanden}) v(m) WHERE m IS NOT NULL;"
    )


def _functie(tabel: str, kolommen, maanden: str) -> str:
    if kolommen is None:
        gewijzigd = "(SELECT * FROM oud UNION ALL SELECT * FROM nieuw)"
        verschoven = GEEN
    else:
        oud = ", ".join(f"o.{k}" for k in kolommen)
        nieuw = ", ".join(f"n.{k}" for k in kolommen)
        verschil = f"ROW({oud}) IS DISTINCT FROM ROW({nieuw})"
        gewijzigd = (
            f"(SELECT o.* FROM oud o JOIN nieuw n ON n.id = o.id WHERE {verschil}"
            f" UNION ALL SELECT n.* FROM oud o JOIN nieuw n ON n.id = o.id WHERE {verschil})"
        )
        verschoven = (
            "(SELECT n.id FROM oud o JOIN nieuw n ON n.id = o.id WHERE o.datum_signaal IS DISTINCT FROM"
            " n.datum_signaal OR (o.status = 'vervallen') <> (n.status = 'vervallen'))"
            if tabel == "casussen_casus"
            else GEEN
        )
    return f"""
CREATE OR REPLACE FUNCTION rapportage_vuil_{tabel}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_insert(maanden.format(rijen="nieuw", verschoven=GEEN))}
    ELSIF TG_OP = 'DELETE' THEN
        {_insert(maanden.format(rijen="oud", verschoven="oud"))}
    ELSE
        {_insert(maanden.format(rijen=gewijzigd, verschoven=verschoven))}
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER rapportage_vuil_ins AFTER INSERT ON {tabel} REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION rapportage_vuil_{tabel}();
CREATE TRIGGER rapportage_vuil_upd AFTER UPDATE ON {tabel} REFERENCING OLD TABLE AS oud NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION rapportage_vuil_{tabel}();
CREATE TRIGGER rapportage_vuil_del AFTER DELETE ON {tabel} REFERENCING OLD TABLE AS oud
    FOR EACH STATEMENT EXECUTE FUNCTION rapportage_vuil_{tabel}();
"""


def _weg(tabel: str) -> str:
    return "".join(
        f"DROP TRIGGER IF EXISTS rapportage_vuil_{s} ON {tabel};" for s in ("ins", "upd", "del")
    ) + f"DROP FUNCTION IF EXISTS rapportage_vuil_{tabel}();"


class Migration(migrations.Migration):

    dependencies = [
        ('rapportage', '0003_gebeurtenissen_tijdindex'),
        ('casussen', '0010_gebeurtenissen_tijdindex'),
        ('escalatie', '0005_gebeurtenissen_tijdindex'),
        ('budget', '0005_gebeurtenissen_tijdindex'),
    ]

    operations = [
        migrations.CreateModel(
            name='Maandcijfers',
            fields=[
                ('maand', models.DateField(primary_key=True, serialize=False)),
                ('deel', models.JSONField()),
                ('cumulatief', models.JSONField(null=True)),
                ('berekend_op', models.DateTimeField()),
            ],
            options={
                'verbose_name': 'maandcijfers',
                'verbose_name_plural': 'maandcijfers',
            },
        ),
        migrations.CreateModel(
            name='VuileMaand',
            fields=[
                ('id', models.BigAutoField(primary_key=True, serialize=False)),
                ('maand', models.DateField(db_index=True)),
            ],
            options={
                'verbose_name': 'maand om bij te werken',
                'verbose_name_plural': 'maanden om bij te werken',
            },
        ),
        *(
            migrations.RunSQL(_functie(tabel, kolommen, maanden), _weg(tabel))
            for tabel, (kolommen, maanden) in BRONNEN.items()
        ),
    ]
