import Foundation
import GRDB
import PostdeskCore

/// Operators, teams, customer accounts, watchers and time (``PeopleQueries``, ``PeopleTransaction``).
extension SQLiteTransaction {
    func operatorAccount(id: OperatorID) throws -> OperatorAccount? {
        guard
            let row = try Row.fetchOne(
                try cached("SELECT \(Self.operatorColumns) FROM operator WHERE id = ?"), arguments: [id.rawValue])
        else { return nil }
        return try operatorAccount(from: row)
    }

    func operatorAccount(address: String) throws -> OperatorAccount? {
        // `operator_address.address` is COLLATE NOCASE: the comparison ignores ASCII case, as mail systems do.
        guard
            let id = try Int64.fetchOne(
                try cached("SELECT operator_id FROM operator_address WHERE address = ?"), arguments: [address])
        else { return nil }
        return try operatorAccount(id: OperatorID(id))
    }

    /// Every operator, with addresses and teams read in one statement each (not two per operator: the console's
    /// ticket page lists them all, and with 200 operators those reads were half its time).
    func operatorAccounts(includeDisabled: Bool) throws -> [OperatorAccount] {
        // Cursors: each row is read in place, not copied first.
        var addresses: [Int64: [String]] = [:]
        try Row.fetchCursor(
            try cached("SELECT operator_id, address FROM operator_address ORDER BY operator_id, position")
        ).forEach { addresses[$0[0], default: []].append($0[1]) }
        var teams: [Int64: [String]] = [:]
        try Row.fetchCursor(
            try cached(
                """
                SELECT m.operator_id, t.name FROM team t JOIN team_member m ON m.team_id = t.id
                ORDER BY t.name COLLATE NOCASE
                """)
        ).forEach { teams[$0[0], default: []].append($0[1]) }
        var accounts: [OperatorAccount] = []
        try Row.fetchCursor(
            try cached(
                """
                SELECT \(Self.operatorColumns) FROM operator \(includeDisabled ? "" : "WHERE disabled = 0")
                ORDER BY address COLLATE NOCASE
                """)
        ).forEach { row in
            let id: Int64 = row[0]
            accounts.append(try Self.operatorAccount(from: row, addresses: addresses[id] ?? [], teams: teams[id] ?? []))
        }
        return accounts
    }

    func customerAccounts() throws -> [CustomerAccount] {
        try Row.fetchAll(
            try cached(
                "SELECT * FROM customer WHERE account_created_at IS NOT NULL ORDER BY address COLLATE NOCASE")
        ).map(Self.customerAccount(from:))
    }

    func teams() throws -> [Team] {
        try Row.fetchAll(try cached("SELECT name, created_at FROM team ORDER BY name COLLATE NOCASE")).map {
            Team(name: $0["name"], createdAt: $0["created_at"])
        }
    }

    func team(named name: String) throws -> Team? {
        try Row.fetchOne(try cached("SELECT name, created_at FROM team WHERE name = ?"), arguments: [name]).map {
            Team(name: $0["name"], createdAt: $0["created_at"])
        }
    }

    func watchers(of ticket: TicketID) throws -> [OperatorID] {
        try Int64.fetchAll(
            try cached("SELECT operator_id FROM watcher WHERE ticket_id = ? ORDER BY created_at, rowid"),
            arguments: [ticket.rawValue]
        ).map(OperatorID.init)
    }

    func timeEntries(of ticket: TicketID) throws -> [TimeEntry] {
        try Row.fetchAll(
            try cached("SELECT * FROM time_entry WHERE ticket_id = ? ORDER BY id"), arguments: [ticket.rawValue]
        ).map { row in
            TimeEntry(
                ticketID: ticket, operatorID: OperatorID(row["operator_id"]), minutes: row["minutes"],
                workType: row["work_type"], date: row["date"], via: try Self.decode(row["via"]),
                createdAt: row["created_at"])
        }
    }

    func openTickets(assignedTo operatorID: OperatorID) throws -> [TicketID] {
        try Int64.fetchAll(
            try cached(
                "SELECT id FROM ticket WHERE assignee_id = ? AND status IN ('new', 'open', 'pending') ORDER BY id"),
            arguments: [operatorID.rawValue]
        ).map(TicketID.init)
    }

    func setAvailability(_ availability: OperatorAvailability, of operatorID: OperatorID) throws -> Bool {
        let muted = String(decoding: try JSONEncoder().encode(availability.mutedTemplates), as: UTF8.self)
        try cached(
            "UPDATE operator SET away = ?, time_zone = ?, week = ?, quiet_hours = ?, muted_templates = ? WHERE id = ?"
        ).execute(arguments: [
            availability.isAway, availability.timeZone, availability.week, availability.quietHours, muted,
            operatorID.rawValue,
        ])
        return db.changesCount > 0
    }

    func addUser(_ user: NewUser, at date: Date) throws -> UserAdded {
        switch user.role {
        case .operator, .admin: .operator(try addOperator(user, at: date))
        case .customer: .customer(try addCustomerAccount(user, at: date))
        }
    }

    func setUserDisabled(address: String, disabled: Bool) throws -> Bool {
        try cached(
            "UPDATE operator SET disabled = ? WHERE id = (SELECT operator_id FROM operator_address WHERE address = ?)"
        ).execute(arguments: [disabled, address])
        var found = db.changesCount > 0
        // An operator may also have a customer account under the same address: both follow.
        try cached("UPDATE customer SET disabled = ? WHERE address = ? AND account_created_at IS NOT NULL")
            .execute(arguments: [disabled, address])
        found = found || db.changesCount > 0
        return found
    }

    func addTeam(name: String, at date: Date) throws -> Team {
        if let existing = try team(named: name) {
            throw StoreError(code: .conflict, message: "team '\(existing.name)' already exists")
        }
        try cached("INSERT INTO team (name, created_at) VALUES (?, ?)").execute(arguments: [name, date])
        return Team(name: name, createdAt: date)
    }

    func addWatcher(_ operatorID: OperatorID, to ticket: TicketID, at date: Date) throws {
        try cached("INSERT OR IGNORE INTO watcher (ticket_id, operator_id, created_at) VALUES (?, ?, ?)")
            .execute(arguments: [ticket.rawValue, operatorID.rawValue, date])
    }

    func append(_ entry: TimeEntry) throws {
        try cached(
            """
            INSERT INTO time_entry (ticket_id, operator_id, minutes, work_type, date, via, created_at, work_type_id)
            VALUES (?, ?, ?, ?, ?, ?, ?, (SELECT id FROM work_type WHERE name = ?))
            """
        ).execute(arguments: [
            entry.ticketID.rawValue, entry.operatorID.rawValue, entry.minutes, entry.workType, entry.date,
            entry.via.rawValue, entry.createdAt, entry.workType,
        ])
    }

    /// An operator or admin with every address (the primary first) and team. Each check runs before the first
    /// insert, so a refused user leaves no row behind even outside a savepoint.
    private func addOperator(_ user: NewUser, at date: Date) throws -> OperatorAccount {
        var addresses: [String] = []
        for address in [user.address] + user.also
        where !addresses.contains(where: { $0.caseInsensitiveCompare(address.rawValue) == .orderedSame }) {
            addresses.append(address.rawValue)
        }
        for address in addresses {
            if let owner = try operatorAccount(address: address) {
                throw StoreError(
                    code: .conflict, message: "\(address) already belongs to operator \(owner.primaryAddress)")
            }
        }
        var teamIDs: [Int64] = []
        for name in user.teams {
            guard let id = try Int64.fetchOne(try cached("SELECT id FROM team WHERE name = ?"), arguments: [name])
            else {
                throw StoreError(code: .notFound, message: "no team named '\(name)'; add it with postdesk team add")
            }
            if !teamIDs.contains(id) { teamIDs.append(id) }
        }
        try cached("INSERT INTO operator (address, name, role, created_at) VALUES (?, ?, ?, ?)").execute(arguments: [
            addresses[0], user.name, user.role.rawValue, date,
        ])
        let id = db.lastInsertedRowID
        for (position, address) in addresses.enumerated() {
            try cached("INSERT INTO operator_address (operator_id, address, position) VALUES (?, ?, ?)")
                .execute(arguments: [id, address, position])
        }
        for team in teamIDs {
            try cached("INSERT INTO team_member (team_id, operator_id) VALUES (?, ?)").execute(arguments: [team, id])
        }
        guard let account = try operatorAccount(id: OperatorID(id)) else {
            throw StoreError(code: .notFound, message: "operator vanished right after insert")
        }
        return account
    }

    /// Gives the customer with this address an account, creating the customer if they never wrote. A given name
    /// replaces the one taken from their mail: the admin typed it.
    private func addCustomerAccount(_ user: NewUser, at date: Date) throws -> CustomerAccount {
        let address = user.address.rawValue
        if let existing = try Row.fetchOne(
            try cached("SELECT account_created_at FROM customer WHERE address = ?"), arguments: [address]),
            (existing["account_created_at"] as String?) != nil
        {
            throw StoreError(code: .conflict, message: "\(address) already has a customer account")
        }
        let id = try upsertCustomer(Person(name: user.name, address: address), at: date)
        try cached("UPDATE customer SET account_created_at = ?, name = COALESCE(?, name) WHERE id = ?").execute(
            arguments: [date, user.name, id.rawValue])
        guard
            let row = try Row.fetchOne(try cached("SELECT * FROM customer WHERE id = ?"), arguments: [id.rawValue])
        else { throw StoreError(code: .notFound, message: "customer vanished right after insert") }
        return try Self.customerAccount(from: row)
    }

    /// The operator columns ``operatorAccount(from:addresses:teams:)`` reads, by position: a lookup by name costs
    /// GRDB a case-insensitive search of the row's columns, for each of eleven columns of every operator listed.
    private static let operatorColumns = """
        id, name, role, address, disabled, created_at, away, time_zone, week, quiet_hours, muted_templates
        """

    private func operatorAccount(from row: Row) throws -> OperatorAccount {
        let id: Int64 = row[0]
        let addresses = try String.fetchAll(
            try cached("SELECT address FROM operator_address WHERE operator_id = ? ORDER BY position"),
            arguments: [id])
        let teams = try String.fetchAll(
            try cached(
                """
                SELECT t.name FROM team t JOIN team_member m ON m.team_id = t.id
                WHERE m.operator_id = ? ORDER BY t.name COLLATE NOCASE
                """),
            arguments: [id])
        return try Self.operatorAccount(from: row, addresses: addresses, teams: teams)
    }

    /// An operator from a row of ``operatorColumns``; a corrupt opt-out list is an error, not silence about what
    /// someone asked not to get.
    private static func operatorAccount(from row: Row, addresses: [String], teams: [String]) throws -> OperatorAccount {
        let role: Role = try decode(row[2])
        let mutedText: String = row[10] ?? "[]"
        let muted: [String]
        if mutedText == "[]" {
            muted = []
        } else if let list = try? JSONDecoder().decode([String].self, from: Data(mutedText.utf8)) {
            muted = list
        } else {
            throw StoreError(code: .corrupt, message: "operator.muted_templates is not a JSON array of names")
        }
        return OperatorAccount(
            id: OperatorID(row[0]), name: row[1], role: role,
            // A row written outside `addUser` (before v7 every operator had one address) still has its primary.
            addresses: addresses.isEmpty ? [row[3]] : addresses, teams: teams, isDisabled: row[4],
            createdAt: row[5],
            availability: OperatorAvailability(
                isAway: row[6] ?? false, timeZone: row[7], week: row[8], quietHours: row[9], mutedTemplates: muted))
    }

    static func customerAccount(from row: Row) throws -> CustomerAccount {
        guard let createdAt: Date = row["account_created_at"] else {
            throw StoreError(code: .corrupt, message: "customer row without an account read as an account")
        }
        return CustomerAccount(
            id: CustomerID(row["id"]), person: Person(name: row["name"], address: row["address"]),
            isDisabled: row["disabled"], createdAt: createdAt)
    }
}
