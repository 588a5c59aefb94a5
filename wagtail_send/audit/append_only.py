"""On PostgreSQL, history is append-only by privileges, and erasure is one owner's function.

Migrations run as the tables' owner; the site runs as another role
(``WAGTAILSEND_DATABASE_APP_ROLE``), which after every migrate may read and add history
rows but not UPDATE, DELETE or TRUNCATE them, nor write erasure records. Erasure goes
through :data:`ERASE_FUNCTION`, defined by the owner with SECURITY DEFINER: it removes
one record's history and writes the :class:`~wagtail_send.models.ErasureRecord` itself,
and refuses a record under a legal hold. No session setting lets anything through.

A trigger also refuses UPDATE of history rows to everyone, the owner included, so a
single-role install cannot rewrite history by mistake; an owner can drop it, which is
why the chain is keyed (see ``docs/security.md``).
"""

from django.db import connections

ERASE_FUNCTION = "wagtail_send_erase"
ERASE_ARGUMENTS = "text, bigint, integer, bigint, text, bigint"

REFUSE_UPDATE = """
CREATE OR REPLACE FUNCTION wagtail_send_history_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'wagtail-send history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""

ERASE = """
CREATE OR REPLACE FUNCTION {function}(
    history_table text, record_id bigint, content_type_id integer, school_id bigint,
    reason text, erased_by_id bigint
) RETURNS bigint
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, {schema} AS $$
DECLARE
    removed integer;
    last_seal text;
    erasure_id bigint;
BEGIN
    IF NOT history_table = ANY ({tables}) THEN
        RAISE EXCEPTION 'not a wagtail-send history table: %', history_table
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF coalesce(btrim(reason), '') = '' THEN
        RAISE EXCEPTION 'an erasure needs a reason' USING ERRCODE = 'check_violation';
    END IF;
    IF EXISTS (
        SELECT 1 FROM {holds} AS hold WHERE hold.content_type_id = $3
        AND hold.object_id = $2 AND hold.lifted_at IS NULL
    ) THEN
        RAISE EXCEPTION 'the record is under a legal hold' USING ERRCODE = 'check_violation';
    END IF;
    EXECUTE format(
        'SELECT history_hash FROM %I WHERE id = $1 ORDER BY history_seq DESC LIMIT 1',
        history_table
    ) INTO last_seal USING record_id;
    EXECUTE format('DELETE FROM %I WHERE id = $1', history_table) USING record_id;
    GET DIAGNOSTICS removed = ROW_COUNT;
    INSERT INTO {erasures} (
        content_type_id, object_id, school_id, reason, history_rows_removed,
        last_history_hash, erased_by_id, erased_at
    ) VALUES ($3, $2, $4, $5, removed, coalesce(last_seal, ''), $6, now())
    RETURNING id INTO erasure_id;
    RETURN erasure_id;
END;
$$;
REVOKE ALL ON FUNCTION {function}({arguments}) FROM PUBLIC;
"""


def _history_tables():
    from .chain import chained_history_models

    return [model._meta.db_table for model in chained_history_models()]


def install(using="default", **kwargs):
    """After every migrate: the UPDATE trigger, the erasure function, the app role's rights."""
    from ..conf import send_settings
    from .records import ErasureRecord, LegalHold

    db = connections[using]
    if db.vendor != "postgresql":
        return
    name = db.ops.quote_name
    tables = _history_tables()
    with db.cursor() as cursor:
        cursor.execute("SELECT current_schema()")
        schema = cursor.fetchone()[0]
        cursor.execute(REFUSE_UPDATE)
        for table in map(name, tables):
            trigger = name("wagtail_send_append_only_rows")
            cursor.execute(f"DROP TRIGGER IF EXISTS {trigger} ON {table}")
            cursor.execute(f"DROP TRIGGER IF EXISTS wagtail_send_append_only_truncate ON {table}")
            cursor.execute(
                f"CREATE TRIGGER {trigger} BEFORE UPDATE ON {table} FOR EACH ROW "
                "EXECUTE FUNCTION wagtail_send_history_append_only()"
            )
        cursor.execute(
            ERASE.format(
                function=ERASE_FUNCTION,
                arguments=ERASE_ARGUMENTS,
                schema=name(schema),
                holds=name(LegalHold._meta.db_table),
                erasures=name(ErasureRecord._meta.db_table),
                # Table names come from the models, never from input.
                tables="ARRAY[{}]::text[]".format(", ".join(f"'{t}'" for t in tables)),
            )
        )
        role = send_settings.DATABASE_APP_ROLE
        if role:
            grant_app_role(cursor, role, schema, tables, name)


def grant_app_role(cursor, role, schema, tables, name):
    """Ordinary rights on every table for ``role``, less those that would rewrite history."""
    role, schema = name(role), name(schema)
    from .records import ErasureRecord

    cursor.execute(f"GRANT USAGE ON SCHEMA {schema} TO {role}")
    cursor.execute(
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {schema} TO {role}"
    )
    cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {schema} TO {role}")
    history = ", ".join(map(name, tables))
    cursor.execute(f"REVOKE UPDATE, DELETE, TRUNCATE ON {history} FROM {role}")
    erasures = name(ErasureRecord._meta.db_table)
    cursor.execute(f"REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON {erasures} FROM {role}")
    # Only what deleting a person or a school does to their erasure records (SET NULL).
    cursor.execute(f"GRANT UPDATE (erased_by_id, school_id) ON {erasures} TO {role}")
    cursor.execute(f"GRANT EXECUTE ON FUNCTION {ERASE_FUNCTION}({ERASE_ARGUMENTS}) TO {role}")
