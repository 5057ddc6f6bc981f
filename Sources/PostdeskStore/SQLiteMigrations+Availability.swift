import GRDB

/// Operator availability and notification preferences (issue 9 points 2 and 3). Frozen like every migration.
extension SQLiteMigrations {
    static let v12Identifier = "v12 operator availability"

    /// Columns on `operator`, read with the account: the away flag, the IANA zone, the weekly hours as the CLI's
    /// canonical text (`mon-fri 09:00-17:00`), quiet hours (`22:00-07:00`) and the opted-out templates as a JSON
    /// array. NULL hours mean always on shift (ARCHITECTURE §4), so existing operators keep working as before.
    static let v12 = """
        ALTER TABLE operator ADD COLUMN away INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE operator ADD COLUMN time_zone TEXT;
        ALTER TABLE operator ADD COLUMN week TEXT;
        ALTER TABLE operator ADD COLUMN quiet_hours TEXT;
        ALTER TABLE operator ADD COLUMN muted_templates TEXT NOT NULL DEFAULT '[]';
        """
}
