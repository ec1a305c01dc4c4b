/// The host's tables, in SQL that SQLite and PostgreSQL both accept: text ids made by the host (no
/// AUTOINCREMENT / SERIAL), BIGINT times in milliseconds since 1970, DOUBLE PRECISION scores.
enum StoreSchema {
    static let migrations: [SQLMigration] = [
        SQLMigration(name: "001-host", both: [
            """
            CREATE TABLE learner (
              id TEXT PRIMARY KEY, name TEXT NOT NULL, code TEXT NOT NULL UNIQUE, language TEXT,
              created_at BIGINT NOT NULL)
            """,
            "CREATE UNIQUE INDEX learner_name ON learner (name)",
            """
            CREATE TABLE learner_session (
              token_hash TEXT PRIMARY KEY, learner_id TEXT NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
              created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE admin_account (
              name TEXT PRIMARY KEY, password_hash TEXT NOT NULL, updated_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE admin_session (
              token_hash TEXT PRIMARY KEY, csrf TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE login_attempt (
              id TEXT PRIMARY KEY, source TEXT NOT NULL, at BIGINT NOT NULL, succeeded BIGINT NOT NULL)
            """,
            "CREATE INDEX login_attempt_source ON login_attempt (source, at)",
            """
            CREATE TABLE package_choice (
              package_id TEXT PRIMARY KEY, version TEXT NOT NULL, chosen_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE attempt (
              id TEXT PRIMARY KEY, learner_id TEXT NOT NULL REFERENCES learner (id) ON DELETE CASCADE,
              package_id TEXT NOT NULL, package_version TEXT NOT NULL, sco_id TEXT NOT NULL, kind TEXT NOT NULL,
              number BIGINT NOT NULL, status TEXT NOT NULL, record TEXT NOT NULL, last_seq BIGINT NOT NULL,
              completion TEXT, success TEXT, score DOUBLE PRECISION, registration TEXT,
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
              UNIQUE (learner_id, package_id, sco_id, number))
            """,
            "CREATE INDEX attempt_package ON attempt (package_id, learner_id)",
            """
            CREATE TABLE commit_log (
              attempt_id TEXT NOT NULL REFERENCES attempt (id) ON DELETE CASCADE, seq BIGINT NOT NULL,
              reason TEXT NOT NULL, calls TEXT NOT NULL, at BIGINT NOT NULL, PRIMARY KEY (attempt_id, seq))
            """,
            """
            CREATE TABLE cmi5_token (
              token TEXT PRIMARY KEY, attempt_id TEXT NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
              used BIGINT NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE xapi_auth (
              token_hash TEXT PRIMARY KEY, attempt_id TEXT NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
              created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE xapi_statement (
              id TEXT PRIMARY KEY, attempt_id TEXT NOT NULL REFERENCES attempt (id) ON DELETE CASCADE,
              registration TEXT NOT NULL, verb TEXT NOT NULL, body TEXT NOT NULL, stored BIGINT NOT NULL)
            """,
            "CREATE INDEX xapi_statement_attempt ON xapi_statement (attempt_id, stored)",
            """
            CREATE TABLE xapi_state (
              attempt_id TEXT NOT NULL REFERENCES attempt (id) ON DELETE CASCADE, state_id TEXT NOT NULL,
              content_type TEXT NOT NULL, body TEXT NOT NULL, updated_at BIGINT NOT NULL,
              PRIMARY KEY (attempt_id, state_id))
            """,
        ]),
        // The trainer's "mark complete" holds against what the content reports afterwards.
        SQLMigration(name: "002-trainer-completion", both: [
            "ALTER TABLE attempt ADD COLUMN marked_complete BIGINT NOT NULL DEFAULT 0",
        ]),
    ]
}
