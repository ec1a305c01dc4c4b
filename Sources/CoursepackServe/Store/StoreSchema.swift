/// The host's tables, in SQL that SQLite and PostgreSQL both accept: text ids made by the host (no
/// AUTOINCREMENT / SERIAL), BIGINT times in milliseconds since 1970, DOUBLE PRECISION scores.
enum StoreSchema {
    /// The verbs the cmi5 specification defines, by the short names the store keeps.
    static let cmi5Verbs = "'launched', 'initialized', 'completed', 'passed', 'failed', 'terminated', 'waived', 'abandoned', 'satisfied'"

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
        // The cmi5 verbs of an attempt, kept on the attempt so that a statement is checked against one row
        // it reads (or remembers) and stored only if that row is unchanged (Store.storeStatements).
        SQLMigration(name: "003-cmi5-progress", sqlite: [
            "ALTER TABLE attempt ADD COLUMN cmi5_verbs TEXT NOT NULL DEFAULT ''",
            // (SQLite 3.40 has no ORDER BY inside group_concat; it concatenates in the order of the ordered subquery.)
            """
            UPDATE attempt SET cmi5_verbs = COALESCE((SELECT group_concat(verb, ' ') FROM
              (SELECT verb FROM xapi_statement s WHERE s.attempt_id = attempt.id AND s.verb IN (\(cmi5Verbs)) ORDER BY s.stored, s.rowid)), '')
            """,
        ], postgres: [
            "ALTER TABLE attempt ADD COLUMN cmi5_verbs TEXT NOT NULL DEFAULT ''",
            """
            UPDATE attempt SET cmi5_verbs = COALESCE((SELECT string_agg(verb, ' ' ORDER BY stored) FROM xapi_statement s
              WHERE s.attempt_id = attempt.id AND s.verb IN (\(cmi5Verbs))), '')
            """,
        ]),
    ]
}
