"""What the database itself enforces on the ledger (see budget/models.py):

- a transaction balances and has at least two postings: deferred constraint triggers, checked
  at commit (so a service can insert the transaction, then its postings);
- the balance rows follow the postings: a statement trigger on budget_boeking adds each
  statement's postings to budget_saldo and budget_jaarsaldo; the CHECK on budget_saldo refuses
  a negative internal balance, which aborts the whole insert;
- the balance rows refuse every change that does not come from that trigger (raw SQL too).

Plus the role groups' permissions for the fund administration.
"""

from django.db import migrations

SQL = r"""
CREATE FUNCTION budget_transactie_in_evenwicht() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    tid bigint;
    verschil numeric;
    aantal integer;
BEGIN
    IF TG_TABLE_NAME = 'budget_transactie' THEN
        tid := NEW.id;
    ELSE
        tid := NEW.transactie_id;
    END IF;
    SELECT coalesce(sum(CASE WHEN kant = 'D' THEN bedrag ELSE -bedrag END), 0), count(*)
      INTO verschil, aantal
      FROM budget_boeking WHERE transactie_id = tid;
    IF aantal < 2 THEN
        RAISE EXCEPTION 'transactie % heeft % boeking(en); minstens twee nodig', tid, aantal
            USING ERRCODE = 'check_violation';
    END IF;
    IF TG_TABLE_NAME = 'budget_boeking' AND NOT EXISTS (
        SELECT 1 FROM budget_transactie WHERE id = tid AND boekjaar = NEW.boekjaar
    ) THEN
        RAISE EXCEPTION 'boeking % heeft een ander boekjaar dan transactie %', NEW.id, tid
            USING ERRCODE = 'check_violation';
    END IF;
    IF verschil <> 0 THEN
        RAISE EXCEPTION 'transactie % is niet in evenwicht (verschil %)', tid, verschil
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER boeking_in_evenwicht
    AFTER INSERT ON budget_boeking DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION budget_transactie_in_evenwicht();
CREATE CONSTRAINT TRIGGER transactie_in_evenwicht
    AFTER INSERT ON budget_transactie DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION budget_transactie_in_evenwicht();

CREATE FUNCTION budget_boek_saldi() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A balance row for every account touched (normally there already is one), then add the
    -- statement's postings to it. (An INSERT … ON CONFLICT would meet the CHECK on the
    -- proposed row before the conflict.)
    INSERT INTO budget_saldo (rekening_id, intern, saldo)
    SELECT DISTINCT n.rekening_id, r.soort IN ('beschikbaar', 'gereserveerd', 'besteed', 'uitstaand'), 0
      FROM nieuw n JOIN budget_rekening r ON r.id = n.rekening_id
    ON CONFLICT (rekening_id) DO NOTHING;

    UPDATE budget_saldo s SET saldo = s.saldo + d.delta
      FROM (SELECT rekening_id, sum(CASE WHEN kant = 'D' THEN bedrag ELSE -bedrag END) AS delta
              FROM nieuw GROUP BY rekening_id) d
     WHERE s.rekening_id = d.rekening_id;

    INSERT INTO budget_jaarsaldo (rekening_id, jaar, debet, credit)
    SELECT n.rekening_id, n.boekjaar,
           sum(CASE WHEN n.kant = 'D' THEN n.bedrag ELSE 0 END),
           sum(CASE WHEN n.kant = 'C' THEN n.bedrag ELSE 0 END)
      FROM nieuw n
     GROUP BY n.rekening_id, n.boekjaar
    ON CONFLICT (rekening_id, jaar) DO UPDATE
       SET debet = budget_jaarsaldo.debet + EXCLUDED.debet,
           credit = budget_jaarsaldo.credit + EXCLUDED.credit;
    RETURN NULL;
END $$;

CREATE TRIGGER boeking_werkt_saldi_bij
    AFTER INSERT ON budget_boeking REFERENCING NEW TABLE AS nieuw
    FOR EACH STATEMENT EXECUTE FUNCTION budget_boek_saldi();

-- A balance row changes only through postings (the trigger above runs at depth 1, its writes
-- at depth 2). A new balance row may be created at zero, before any posting.
CREATE FUNCTION budget_saldo_alleen_via_boekingen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF pg_trigger_depth() >= 2 THEN
        RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
    END IF;
    IF TG_OP = 'INSERT' AND TG_TABLE_NAME = 'budget_saldo' THEN
        IF NEW.saldo = 0 THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'saldi veranderen alleen door boekingen (% op %)', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END $$;

CREATE TRIGGER saldo_alleen_via_boekingen
    BEFORE INSERT OR UPDATE OR DELETE ON budget_saldo
    FOR EACH ROW EXECUTE FUNCTION budget_saldo_alleen_via_boekingen();
CREATE TRIGGER jaarsaldo_alleen_via_boekingen
    BEFORE INSERT OR UPDATE OR DELETE ON budget_jaarsaldo
    FOR EACH ROW EXECUTE FUNCTION budget_saldo_alleen_via_boekingen();
"""

TERUG = r"""
DROP TRIGGER IF EXISTS jaarsaldo_alleen_via_boekingen ON budget_jaarsaldo;
DROP TRIGGER IF EXISTS saldo_alleen_via_boekingen ON budget_saldo;
DROP FUNCTION IF EXISTS budget_saldo_alleen_via_boekingen();
DROP TRIGGER IF EXISTS boeking_werkt_saldi_bij ON budget_boeking;
DROP FUNCTION IF EXISTS budget_boek_saldi();
DROP TRIGGER IF EXISTS transactie_in_evenwicht ON budget_transactie;
DROP TRIGGER IF EXISTS boeking_in_evenwicht ON budget_boeking;
DROP FUNCTION IF EXISTS budget_transactie_in_evenwicht();
"""


def sync(apps, schema_editor):
    from omo.roles import sync_roles

    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("budget", "0001_grootboek")]

    operations = [
        migrations.RunSQL(SQL, TERUG),
        migrations.RunPython(sync, migrations.RunPython.noop),
    ]
