import Foundation
import GRDB
import PostdeskCore

/// The queue and ticket lists (``QueueQueries``): keyset pages read in one statement each.
///
/// The default order (last change) and the ticket-number orders (created, number) read each (status, team)
/// partition of the queue as one range of an index in that order and merge them, so a page costs about
/// `partitions × page size` index entries on any number of tickets (v17 added the indexes in number order). A search in that order reads the newest matches first (``recentSearch(_:filter:cursor:)``); other
/// searches start from every FTS5 match; other orders read one index in order and filter.
extension SQLiteTransaction {
    func queue(_ queue: TicketQueue) throws -> QueuePage {
        var queue = queue
        // The value's fields are public and mutable: clamp again, a negative LIMIT would read everything.
        queue.pageSize = min(max(queue.pageSize, 1), TicketQueue.maximumPageSize)
        let cursor = queue.after.flatMap { QueueKey(cursor: $0, sort: queue.sort) }
        var filter = QueueFilter()
        switch queue.view {
        case .mine(let operatorID): filter.add("t.assignee_id = ?", [operatorID.rawValue])
        case .unassigned: filter.add("t.assignee_id IS NULL", [])
        case .teams(let names):
            guard !names.isEmpty else { return QueuePage(rows: [], next: nil) }
            // Each name once: a repeated name would be a second partition repeating its rows.
            filter.teams = Array(Set(names)).sorted()
        case .all: break
        }
        if let visible = queue.visibleTeams {
            let teams = "t.team IN (\(databaseQuestionMarks(count: max(visible.count, 1))))"
            let names: [any DatabaseValueConvertible] = visible.isEmpty ? [""] : visible
            if let me = queue.visibleAssignee {
                filter.add("\(teams) OR t.team IS NULL OR t.assignee_id = ?", names + [me.rawValue])
            } else {
                filter.add(teams, names)
            }
        }
        let statuses =
            queue.statuses.isEmpty ? TicketStatus.allCases : TicketStatus.allCases.filter(queue.statuses.contains)
        let partitions = statuses.count * max(filter.teams?.count ?? 1, 1)
        if queue.search.isEmpty, queue.sort.key != .priority, partitions <= 60 {
            return try partitioned(queue, filter: filter, statuses: statuses, cursor: cursor)
        }
        if let teams = filter.teams {
            filter.add("t.team IN (\(databaseQuestionMarks(count: teams.count)))", teams)
        }
        if statuses.count < TicketStatus.allCases.count {
            filter.add(
                "t.status IN (\(databaseQuestionMarks(count: statuses.count)))", statuses.map(\.rawValue))
        }
        // Once per page: the prefix's words are looked up in the vocabularies, and every read below uses them.
        let match = queue.search.isEmpty ? nil : try ftsMatch(queue.search)
        if let match, let page = try viewFirstSearch(queue, match: match, filter: filter, cursor: cursor) {
            return page
        }
        if let match, let page = try recentSearch(queue, match: match, filter: filter, cursor: cursor) { return page }
        if let match {
            filter.add(
                """
                t.id IN (SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ?
                         UNION SELECT rowid >> 32 FROM message_fts WHERE message_fts MATCH ?)
                """, [match, match])
        }
        if let cursor { filter.add(cursor.condition, cursor.arguments) }
        // Without statistics SQLite prefers the status index and sorts every ticket of those statuses; by priority,
        // reading the priority index in order and filtering stops after a page.
        let index = queue.sort.key == .priority && queue.search.isEmpty ? "INDEXED BY ticket_priority_updated" : ""
        let sql = """
            SELECT \(QueueKey.rowColumns(internalMessages: true))
            FROM ticket t \(index) JOIN customer c ON c.id = t.customer_id LEFT JOIN operator o ON o.id = t.assignee_id
            WHERE \(filter.sql) ORDER BY \(QueueKey.orderBy(queue.sort)) LIMIT \(queue.pageSize + 1)
            """
        return try page(sql: sql, arguments: filter.arguments, sort: queue.sort, pageSize: queue.pageSize)
    }

    /// At most this many tickets in a view (its filter, statuses and cursor applied) are searched one by one.
    static let viewFirstLimit = 400

    /// A search in a view of few tickets (an operator's own, a small team's, a narrow status): each of the view's
    /// tickets is checked against the indexes, instead of reading every match of the search and keeping the few in
    /// the view. On 1,000,000 tickets "refund" matches 100,000 of them and an operator's open ones are 186: the
    /// general plan took 0.4 s; this about 12 ms (65 µs a check). Nil when the view holds more tickets.
    private func viewFirstSearch(
        _ queue: TicketQueue, match: String, filter: QueueFilter, cursor: QueueKey?
    ) throws -> QueuePage? {
        var filter = filter
        if let cursor { filter.add(cursor.condition, cursor.arguments) }
        let ids = try Int64.fetchAll(
            try cached("SELECT t.id FROM ticket t WHERE \(filter.sql) LIMIT \(Self.viewFirstLimit + 1)"),
            arguments: filter.arguments)
        guard ids.count <= Self.viewFirstLimit else { return nil }
        // Each looked up (a view's tickets spread over all ids: a range read would read nearly every match, 0.13 s
        // for "refund"), unless the prefix was not expanded: that term is merged whole on every lookup.
        let found = try matching(ids, match, byRange: match.hasSuffix("*"))
        let sql = """
            SELECT \(QueueKey.rowColumns(internalMessages: true))
            FROM ticket t JOIN customer c ON c.id = t.customer_id LEFT JOIN operator o ON o.id = t.assignee_id
            WHERE t.id IN (SELECT value FROM json_each(?))
            ORDER BY \(QueueKey.orderBy(queue.sort)) LIMIT \(queue.pageSize + 1)
            """
        return try page(sql: sql, arguments: [Self.json(found)], sort: queue.sort, pageSize: queue.pageSize)
    }

    /// The default order or a number order: one ordered index range per (status, team), merged. By number, without
    /// them, SQLite read every ticket of the statuses and sorted them (0.6 s for the closed ones of 200,000).
    private func partitioned(
        _ queue: TicketQueue, filter: QueueFilter, statuses: [TicketStatus], cursor: QueueKey?
    ) throws -> QueuePage {
        let teams: [String?] = filter.teams ?? [nil]
        let limit = queue.pageSize + 1
        let direction = queue.sort.descending ? "DESC" : "ASC"
        let order = queue.sort.key == .updated ? "t.updated_at \(direction), t.id \(direction)" : "t.id \(direction)"
        var parts: [String] = []
        var arguments = StatementArguments()
        for status in statuses {
            for team in teams {
                var part = filter
                part.add("t.status = ?", [status.rawValue])
                if let team { part.add("t.team = ?", [team]) }
                if let cursor { part.add(cursor.condition, cursor.arguments) }
                parts.append(
                    """
                    SELECT * FROM (SELECT t.id, t.updated_at FROM ticket t WHERE \(part.sql)
                                   ORDER BY \(order) LIMIT \(limit))
                    """)
                arguments += part.arguments
            }
        }
        let sql = """
            WITH page(id, updated_at) AS (\(parts.joined(separator: " UNION ALL ")))
            SELECT \(QueueKey.rowColumns(internalMessages: true))
            FROM page p JOIN ticket t ON t.id = p.id
            JOIN customer c ON c.id = t.customer_id LEFT JOIN operator o ON o.id = t.assignee_id
            ORDER BY \(QueueKey.orderBy(queue.sort)) LIMIT \(limit)
            """
        return try page(sql: sql, arguments: arguments, sort: queue.sort, pageSize: queue.pageSize)
    }

    func customerTickets(of customer: CustomerID, pageSize: Int, after: QueueCursor?) throws -> QueuePage {
        let sort = QueueSort(.updated)
        let size = min(max(pageSize, 1), TicketQueue.maximumPageSize)
        var filter = QueueFilter()
        filter.add("t.customer_id = ?", [customer.rawValue])
        if let key = after.flatMap({ QueueKey(cursor: $0, sort: sort) }) { filter.add(key.condition, key.arguments) }
        let sql = """
            SELECT \(QueueKey.rowColumns(internalMessages: false))
            FROM ticket t JOIN customer c ON c.id = t.customer_id LEFT JOIN operator o ON o.id = t.assignee_id
            WHERE \(filter.sql) ORDER BY \(QueueKey.orderBy(sort)) LIMIT \(size + 1)
            """
        return try page(sql: sql, arguments: filter.arguments, sort: sort, pageSize: size)
    }

    func otherTickets(ofCustomerOf ticket: TicketID, limit: Int) throws -> [QueueRow] {
        let size = min(max(limit, 1), TicketQueue.maximumPageSize)
        let sql = """
            SELECT \(QueueKey.rowColumns(internalMessages: true))
            FROM ticket t JOIN customer c ON c.id = t.customer_id LEFT JOIN operator o ON o.id = t.assignee_id
            WHERE t.customer_id = (SELECT customer_id FROM ticket WHERE id = ?) AND t.id <> ?
            ORDER BY \(QueueKey.orderBy(QueueSort(.updated))) LIMIT \(size)
            """
        return try Row.fetchAll(try cached(sql), arguments: [ticket.rawValue, ticket.rawValue]).map(Self.queueRow)
    }

    private func page(sql: String, arguments: StatementArguments, sort: QueueSort, pageSize: Int) throws -> QueuePage {
        let rows = try Row.fetchAll(try cached(sql), arguments: arguments)
        let shown = rows.prefix(pageSize)
        let next = rows.count > pageSize ? shown.last.map { QueueKey.cursor(after: $0, sort: sort) } : nil
        return QueuePage(rows: try shown.map(Self.queueRow), next: next)
    }

    static func queueRow(_ row: Row) throws -> QueueRow {
        let id: Int64 = row["id"]
        return QueueRow(
            id: TicketID(id), number: TicketNumber(id), subject: row["subject"], status: try decode(row["status"]),
            priority: try decode(row["priority"]), team: row["team"],
            assigneeID: (row["assignee_id"] as Int64?).map(OperatorID.init),
            assignee: (row["o_address"] as String?).map { Person(name: row["o_name"], address: $0) },
            customer: Person(name: row["c_name"], address: row["c_address"]), createdAt: row["created_at"],
            updatedAt: row["updated_at"], messageCount: row["message_count"])
    }
}

/// SQL conditions joined with AND, and their arguments in order.
struct QueueFilter {
    private var conditions: [String] = []
    private(set) var arguments = StatementArguments()
    /// The teams of a team view, read as partitions or as one IN condition.
    var teams: [String]?

    mutating func add(_ condition: String, _ values: [any DatabaseValueConvertible]) {
        conditions.append(condition)
        arguments += StatementArguments(values)
    }

    var sql: String { conditions.isEmpty ? "1" : conditions.map { "(\($0))" }.joined(separator: " AND ") }
}
