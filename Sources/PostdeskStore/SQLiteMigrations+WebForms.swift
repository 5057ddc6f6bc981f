import GRDB

/// The portal's ticket form and work types with prices (issue 10 points 1–3). Frozen like every migration.
extension SQLiteMigrations {
    static let v14Identifier = "v14 web forms"

    /// The admin's form fields (labels in English and Russian, choices as a JSON array), and the values a ticket was
    /// opened with, copied with the field's label so a later edit of the form leaves old tickets readable.
    static let v14 = """
        CREATE TABLE form_field (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE,
            label_en TEXT NOT NULL,
            label_ru TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('text', 'number', 'date', 'choice', 'checkbox', 'file')),
            required INTEGER NOT NULL,
            choices TEXT NOT NULL DEFAULT '[]',
            position INTEGER NOT NULL
        );
        CREATE TABLE ticket_form_value (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES ticket(id),
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            kind TEXT NOT NULL,
            value TEXT NOT NULL
        );
        CREATE INDEX ticket_form_value_ticket ON ticket_form_value(ticket_id);
        """

    static let v15Identifier = "v15 work types"

    /// Work types with dated hourly prices in minor units (never floats), one per type, currency and first day.
    /// Time entries keep their free-text `work_type` (mail may name any) and reference the type when it exists.
    static let v15 = """
        CREATE TABLE work_type (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL UNIQUE COLLATE NOCASE,
            created_at TEXT NOT NULL
        );
        CREATE TABLE work_type_price (
            work_type_id INTEGER NOT NULL REFERENCES work_type(id),
            currency TEXT NOT NULL CHECK (length(currency) = 3),
            amount_minor INTEGER NOT NULL CHECK (amount_minor >= 0),
            valid_from TEXT NOT NULL,
            PRIMARY KEY (work_type_id, currency, valid_from)
        );
        ALTER TABLE time_entry ADD COLUMN work_type_id INTEGER REFERENCES work_type(id);
        """
}
