"""On PostgreSQL, history tables are append-only for the application.

Triggers refuse UPDATE always, and DELETE and TRUNCATE unless the transaction has set
``wagtail_send.erasure`` (which only :func:`wagtail_send.audit.erase` does, with SET
LOCAL semantics). The hash chain catches what a database owner could still
do by dropping the triggers.

TRUNCATE is also let through when the database itself sets
``wagtail_send.allow_truncate = 'on'``: test databases do, so Django's flush between
tests works; a production database never should.
"""

from .erasure import ERASURE_GUC

FUNCTION = f"""
CREATE OR REPLACE FUNCTION wagtail_send_history_append_only() RETURNS trigger AS $$
DECLARE
    erasing boolean := coalesce(current_setting('{ERASURE_GUC}', true), '') = 'on';
BEGIN
    IF TG_OP = 'DELETE' AND erasing THEN
        RETURN OLD;
    END IF;
    IF TG_OP = 'TRUNCATE' AND (erasing OR coalesce(
        current_setting('wagtail_send.allow_truncate', true), '') = 'on') THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'wagtail-send history is append-only: % on % refused', TG_OP, TG_TABLE_NAME
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def install_triggers(using="default", **kwargs):
    """Create or refresh the append-only triggers (runs after every migrate)."""
    from django.db import connections

    from .chain import chained_history_models

    db = connections[using]
    if db.vendor != "postgresql":
        return
    with db.cursor() as cursor:
        cursor.execute(FUNCTION)
        for model in chained_history_models():
            table = db.ops.quote_name(model._meta.db_table)
            for suffix, timing in [("rows", "FOR EACH ROW"), ("truncate", "FOR EACH STATEMENT")]:
                events = "UPDATE OR DELETE" if suffix == "rows" else "TRUNCATE"
                name = db.ops.quote_name(f"wagtail_send_append_only_{suffix}")
                cursor.execute(f"DROP TRIGGER IF EXISTS {name} ON {table}")
                cursor.execute(
                    f"CREATE TRIGGER {name} BEFORE {events} ON {table} {timing} "
                    "EXECUTE FUNCTION wagtail_send_history_append_only()"
                )
