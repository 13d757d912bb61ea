"""Schema steps the store tests take back, shared by the SQLite and the PostgreSQL tests."""

#: What migration 0003 (the current values) added, dropped again, and the version set back
#: to 2: migration 0004's tables (all IF NOT EXISTS) stay, so the upgrade from here runs
#: 0003 for real and 0004 over tables that already exist.
BACK_TO_2 = """
DROP TABLE event_current;
DROP TABLE event_current_keys;
DROP TABLE mention_civilians;
DELETE FROM meta WHERE key = 'current_values';
UPDATE meta SET value = '2' WHERE key = 'schema_version';
"""
