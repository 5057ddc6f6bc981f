extension SQLiteMigrations {
    static let v13Identifier = "v13 accounts"

    /// Web sign-in (issue 10): a bcrypt hash per account, sessions and one-time tokens stored only as SHA-256
    /// digests, and the sign-in attempts the rate limit counts. An account is either a customer or an operator row.
    static let v13 = """
        CREATE TABLE password (
            customer_id INTEGER UNIQUE REFERENCES customer(id),
            operator_id INTEGER UNIQUE REFERENCES operator(id),
            hash TEXT NOT NULL,
            updated_at TEXT NOT NULL,
            CHECK ((customer_id IS NULL) <> (operator_id IS NULL))
        );
        CREATE TABLE session (
            token_sha256 TEXT PRIMARY KEY,
            customer_id INTEGER REFERENCES customer(id),
            operator_id INTEGER REFERENCES operator(id),
            csrf TEXT NOT NULL,
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            CHECK ((customer_id IS NULL) <> (operator_id IS NULL))
        );
        CREATE INDEX session_customer ON session(customer_id);
        CREATE INDEX session_operator ON session(operator_id);
        CREATE TABLE one_time_token (
            token_sha256 TEXT PRIMARY KEY,
            purpose TEXT NOT NULL CHECK (purpose IN ('set_password', 'login_link')),
            customer_id INTEGER REFERENCES customer(id),
            operator_id INTEGER REFERENCES operator(id),
            created_at TEXT NOT NULL,
            expires_at TEXT NOT NULL,
            used_at TEXT,
            CHECK ((customer_id IS NULL) <> (operator_id IS NULL))
        );
        CREATE TABLE sign_in_attempt (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL,
            succeeded INTEGER NOT NULL,
            at TEXT NOT NULL
        );
        CREATE INDEX sign_in_attempt_key ON sign_in_attempt(key, at);
        CREATE INDEX customer_ticket_updated ON ticket(customer_id, updated_at);
        """

    static let v18Identifier = "v18 dismissed first-steps hints"

    /// "Don't show again" on a first-steps hint, per account (issue 10 point 4): the hint stays hidden in every
    /// browser the person signs in from. One row per account and hint; names are the web's (`tickets`, `console`,
    /// `admin`), checked there.
    static let v18 = """
        CREATE TABLE dismissed_hint (
            customer_id INTEGER REFERENCES customer(id),
            operator_id INTEGER REFERENCES operator(id),
            hint TEXT NOT NULL,
            dismissed_at TEXT NOT NULL,
            CHECK ((customer_id IS NULL) <> (operator_id IS NULL)),
            UNIQUE (customer_id, hint),
            UNIQUE (operator_id, hint)
        );
        """
}
