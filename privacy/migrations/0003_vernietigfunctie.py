"""The one audited path for destruction (DESIGN §10): `omo_vernietig(item, opdrachten, vermelding)`.

The append-only guards (pgtrigger Protect triggers on the audit event tables, the timeline, the
access log, the verslag) refuse every update and delete. This function is the only code that
gets past them, and only:

- for an item of an adopted list (`vastgesteld` or `uitgevoerd`) whose decision is `vernietigen`
  and that was not executed yet (it refuses anything else and changes nothing);
- for the Protect triggers of the tables its plan touches, for its own transaction: it adds their
  names to `pgtrigger.ignore` (read by pgtrigger's `_pgtrigger_should_ignore(TG_NAME)`) and puts
  the previous value back before it returns; the audit triggers that write events are never
  ignored, so every change it makes is itself recorded with the context of the item;
- never for the ledger (transactions, postings, balances, year ends), the reports, the
  destruction lists themselves or the audit context, whatever the plan says; never for a key
  column (`id`, `…_id`, `pgh_…`); batch deletes (`verwijder_voor`) only on the tables of that
  batch's kind.

It writes `uitgevoerd_op` and `resultaat` (rows per table, plus what the caller adds as
`vermelding`: the codes and the replaced files) on the item itself.

The plan (`privacy.inhoud.plan`) is a list of operations:
  {"soort": "zet", "tabel": t, "sleutel": col, "ids": [...], "kolommen": {col: text or null}}
      sets each column to the value (cast to the column's type) where it is not empty already;
  {"soort": "vervang", "tabel": t, "sleutel": col, "ids": [...], "kolommen": [col, ...],
   "zoek": [text, ...], "door": text}  replaces those texts inside the columns;
  {"soort": "verwijder", "tabel": t, "sleutel": col, "ids": [...]};
  {"soort": "verwijder_voor", "tabel": t, "kolom": col, "voor": timestamp}.
"""

from django.db import migrations

SQL = r"""
CREATE OR REPLACE FUNCTION omo_vernietig(p_item bigint, p_opdrachten jsonb, p_vermelding jsonb DEFAULT '{}'::jsonb)
RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
    v_item privacy_vernietigingsitem%ROWTYPE;
    v_lijststatus text;
    v_oud text;
    v_namen text[];
    v_op jsonb;
    v_tabel text;
    v_soort text;
    v_sleutel text;
    v_ids bigint[];
    v_set text;
    v_kolom text;
    v_waarde jsonb;
    v_type text;
    v_expr text;
    v_zoek text;
    v_n bigint;
    v_tellingen jsonb := '{}'::jsonb;
    v_resultaat jsonb;
    v_batch text[];
BEGIN
    SELECT * INTO v_item FROM privacy_vernietigingsitem WHERE id = p_item FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'omo_vernietig: post % bestaat niet', p_item USING ERRCODE = 'no_data_found';
    END IF;
    SELECT status INTO v_lijststatus FROM privacy_vernietigingslijst WHERE id = v_item.lijst_id;
    IF v_lijststatus NOT IN ('vastgesteld', 'uitgevoerd') THEN
        RAISE EXCEPTION 'omo_vernietig: de lijst van post % is niet vastgesteld', p_item
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF v_item.besluit <> 'vernietigen' THEN
        RAISE EXCEPTION 'omo_vernietig: post % wordt aangehouden', p_item USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF v_item.uitgevoerd_op IS NOT NULL THEN
        RAISE EXCEPTION 'omo_vernietig: post % is al uitgevoerd', p_item USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF v_item.soort IN ('casus', 'vervallen', 'verzoek') AND v_item.object_id IS NULL THEN
        RAISE EXCEPTION 'omo_vernietig: post % noemt geen object', p_item USING ERRCODE = 'insufficient_privilege';
    END IF;
    v_batch := CASE v_item.soort
        WHEN 'notificatie' THEN ARRAY['omo_notificatie', 'omo_notificatieevent', 'omo_bericht']
        WHEN 'toegangslog' THEN ARRAY['omo_toegangslog']
        ELSE ARRAY[]::text[] END;

    -- Check the whole plan before changing anything.
    FOR v_op IN SELECT * FROM jsonb_array_elements(p_opdrachten) LOOP
        v_tabel := v_op->>'tabel';
        v_soort := v_op->>'soort';
        IF v_tabel IS NULL OR to_regclass(format('public.%I', v_tabel)) IS NULL THEN
            RAISE EXCEPTION 'omo_vernietig: onbekende tabel %', v_tabel USING ERRCODE = 'undefined_table';
        END IF;
        IF v_tabel ~ '^(budget_(transactie|boeking|saldo|jaarsaldo|jaarafsluiting|rekening)|rapportage_|privacy_|pghistory_)' THEN
            RAISE EXCEPTION 'omo_vernietig: tabel % wordt nooit gewijzigd', v_tabel USING ERRCODE = 'insufficient_privilege';
        END IF;
        IF v_soort NOT IN ('zet', 'vervang', 'verwijder', 'verwijder_voor') THEN
            RAISE EXCEPTION 'omo_vernietig: onbekende opdracht %', v_soort USING ERRCODE = 'invalid_parameter_value';
        END IF;
        IF v_soort = 'verwijder_voor' AND NOT (v_tabel = ANY(v_batch)) THEN
            RAISE EXCEPTION 'omo_vernietig: % hoort niet bij een post van soort %', v_tabel, v_item.soort
                USING ERRCODE = 'insufficient_privilege';
        END IF;
    END LOOP;

    -- Let through only the Protect triggers of the tables of this plan, for this transaction.
    v_oud := current_setting('pgtrigger.ignore', true);
    SELECT coalesce(array_agg(DISTINCT t.tgname::text), ARRAY[]::text[]) INTO v_namen
      FROM pg_trigger t JOIN pg_proc p ON p.oid = t.tgfoid
     WHERE NOT t.tgisinternal
       AND p.prosrc LIKE '%pgtrigger: Cannot%'
       AND t.tgrelid IN (SELECT to_regclass(format('public.%I', e->>'tabel')) FROM jsonb_array_elements(p_opdrachten) e);
    PERFORM set_config('pgtrigger.ignore', '{' || array_to_string(v_namen, ',') || '}', true);

    FOR v_op IN SELECT * FROM jsonb_array_elements(p_opdrachten) LOOP
        v_tabel := v_op->>'tabel';
        v_soort := v_op->>'soort';
        v_sleutel := coalesce(v_op->>'sleutel', 'id');
        v_ids := ARRAY(SELECT jsonb_array_elements_text(coalesce(v_op->'ids', '[]'::jsonb))::bigint);
        v_n := 0;
        IF v_soort = 'zet' THEN
            v_set := NULL;
            FOR v_kolom, v_waarde IN SELECT * FROM jsonb_each(v_op->'kolommen') LOOP
                SELECT format_type(a.atttypid, a.atttypmod) INTO v_type FROM pg_attribute a
                 WHERE a.attrelid = to_regclass(format('public.%I', v_tabel)) AND a.attname = v_kolom
                   AND NOT a.attisdropped;
                IF v_kolom = 'id' OR v_kolom LIKE '%\_id' OR v_kolom LIKE 'pgh\_%' THEN
                    RAISE EXCEPTION 'omo_vernietig: sleutel %.% wordt nooit gewijzigd', v_tabel, v_kolom
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                IF v_type IS NULL THEN
                    RAISE EXCEPTION 'omo_vernietig: onbekende kolom %.%', v_tabel, v_kolom USING ERRCODE = 'undefined_column';
                END IF;
                -- An empty value stays empty; anything else becomes the value.
                v_expr := format('%I = CASE WHEN %I IS NULL OR %I::text IN (%L, %L) THEN %I ELSE %L::%s END',
                                 v_kolom, v_kolom, v_kolom, '', '{}', v_kolom, v_waarde #>> '{}', v_type);
                v_set := CASE WHEN v_set IS NULL THEN v_expr ELSE v_set || ', ' || v_expr END;
            END LOOP;
            IF v_set IS NOT NULL AND cardinality(v_ids) > 0 THEN
                EXECUTE format('UPDATE %I SET %s WHERE %I = ANY($1)', v_tabel, v_set, v_sleutel) USING v_ids;
                GET DIAGNOSTICS v_n = ROW_COUNT;
            END IF;
        ELSIF v_soort = 'vervang' THEN
            v_set := NULL;
            FOR v_kolom IN SELECT jsonb_array_elements_text(v_op->'kolommen') LOOP
                IF v_kolom = 'id' OR v_kolom LIKE '%\_id' OR v_kolom LIKE 'pgh\_%' THEN
                    RAISE EXCEPTION 'omo_vernietig: sleutel %.% wordt nooit gewijzigd', v_tabel, v_kolom
                        USING ERRCODE = 'insufficient_privilege';
                END IF;
                v_expr := format('%I', v_kolom);
                FOR v_zoek IN SELECT jsonb_array_elements_text(v_op->'zoek') LOOP
                    IF v_zoek <> '' THEN
                        v_expr := format('replace(%s, %L, %L)', v_expr, v_zoek, v_op->>'door');
                    END IF;
                END LOOP;
                v_expr := format('%I = %s', v_kolom, v_expr);
                v_set := CASE WHEN v_set IS NULL THEN v_expr ELSE v_set || ', ' || v_expr END;
            END LOOP;
            IF v_set IS NOT NULL AND cardinality(v_ids) > 0 THEN
                EXECUTE format('UPDATE %I SET %s WHERE %I = ANY($1)', v_tabel, v_set, v_sleutel) USING v_ids;
                GET DIAGNOSTICS v_n = ROW_COUNT;
            END IF;
        ELSIF v_soort = 'verwijder' THEN
            IF cardinality(v_ids) > 0 THEN
                EXECUTE format('DELETE FROM %I WHERE %I = ANY($1)', v_tabel, v_sleutel) USING v_ids;
                GET DIAGNOSTICS v_n = ROW_COUNT;
            END IF;
        ELSE
            EXECUTE format('DELETE FROM %I WHERE %I < $1', v_tabel, v_op->>'kolom')
                USING (v_op->>'voor')::timestamptz;
            GET DIAGNOSTICS v_n = ROW_COUNT;
        END IF;
        v_tellingen := jsonb_set(v_tellingen, ARRAY[v_tabel],
                                 to_jsonb(coalesce((v_tellingen->>v_tabel)::bigint, 0) + v_n));
    END LOOP;

    PERFORM set_config('pgtrigger.ignore', coalesce(v_oud, ''), true);

    v_resultaat := v_tellingen || coalesce(p_vermelding, '{}'::jsonb);
    UPDATE privacy_vernietigingsitem SET uitgevoerd_op = now(), resultaat = v_resultaat WHERE id = p_item;
    RETURN v_resultaat;
END;
$$;
"""

TERUG = "DROP FUNCTION IF EXISTS omo_vernietig(bigint, jsonb, jsonb);"


class Migration(migrations.Migration):
    # Follows the list models; when privacy gets another migration in between, point this at the
    # latest one of them.
    dependencies = [
        ("privacy", "0002_vernietigingsitem_vorig_item"),
    ]

    operations = [migrations.RunSQL(SQL, TERUG)]
