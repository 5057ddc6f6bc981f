import GRDB

/// Queue pages in ticket-number order (issue 10 point 6). Frozen like every migration.
extension SQLiteMigrations {
    static let v17Identifier = "v17 queue number order"

    /// Indexes whose entries run in ticket id order within a status (all tickets) and within a team and status, so
    /// that `sort=created` and `sort=number` read each queue partition as one ordered range, as the update order
    /// does; a mine or unassigned view reads `ticket_open_assignee` (assignee, status, id) the same way.
    static let v17 = """
        CREATE INDEX ticket_status_id ON ticket(status);
        CREATE INDEX ticket_team_status_id ON ticket(team, status);
        """
}
