import Foundation
import GRDB
import PostdeskCore

/// A row's position in a queue order, as the store compares it: the keyset condition for the rows after it, and the
/// ``QueueCursor`` that carries it between pages.
///
/// The sort key travels as the stored text (`updated_at` exactly as SQLite holds it), so no date conversion can
/// move a boundary by a millisecond and skip a row.
struct QueueKey {
    let condition: String
    let arguments: [any DatabaseValueConvertible]

    /// The columns each queue row is read with.
    static func rowColumns(internalMessages: Bool) -> String {
        """
        t.id, t.subject, t.status, t.priority, t.team, t.assignee_id, t.created_at, t.updated_at, t.priority_rank,
        c.name AS c_name, c.address AS c_address, o.name AS o_name, o.address AS o_address,
        (SELECT COUNT(*) FROM message m WHERE m.ticket_id = t.id\(internalMessages ? "" : " AND m.internal = 0"))
            AS message_count
        """
    }

    static func orderBy(_ sort: QueueSort) -> String {
        let d = sort.descending ? "DESC" : "ASC"
        switch sort.key {
        case .updated: return "t.updated_at \(d), t.id \(d)"
        case .created, .number: return "t.id \(d)"
        case .priority: return "t.priority_rank \(d), t.updated_at \(d), t.id \(d)"
        }
    }

    /// Reads a cursor of this order; nil (the first page) for one of another order or with a key it cannot hold.
    init?(cursor: QueueCursor, sort: QueueSort) {
        guard cursor.sort == sort else { return nil }
        let id = cursor.ticket.rawValue
        switch sort.key {
        case .updated:
            self.init(columns: ["t.updated_at"], values: [cursor.key], id: id, descending: sort.descending)
        case .created, .number:
            self.init(columns: [], values: [], id: id, descending: sort.descending)
        case .priority:
            let parts = cursor.key.split(separator: " ", maxSplits: 1).map(String.init)
            guard parts.count == 2, let rank = Int(parts[0]) else { return nil }
            self.init(
                columns: ["t.priority_rank", "t.updated_at"], values: [rank, parts[1]], id: id,
                descending: sort.descending)
        }
    }

    /// `(columns…, t.id) < (values…, id)` (or `>`), spelled out so that SQLite bounds the first column's index
    /// range: `a <= x AND (a < x OR (a = x AND (… t.id < id)))`.
    private init(columns: [String], values: [any DatabaseValueConvertible], id: Int64, descending: Bool) {
        let (strict, loose) = descending ? ("<", "<=") : (">", ">=")
        var condition = "t.id \(strict) ?"
        var arguments: [any DatabaseValueConvertible] = [id]
        for (column, value) in zip(columns, values).reversed() {
            condition = "\(column) \(strict) ? OR (\(column) = ? AND (\(condition)))"
            arguments = [value, value] + arguments
        }
        if let first = columns.first, let value = values.first {
            condition = "\(first) \(loose) ? AND (\(condition))"
            arguments = [value] + arguments
        }
        self.condition = condition
        self.arguments = arguments
    }

    /// The cursor after `row` (read with ``rowColumns(internalMessages:)``).
    static func cursor(after row: Row, sort: QueueSort) -> QueueCursor {
        let updated = row["updated_at"] as String
        let key: String
        switch sort.key {
        case .updated: key = updated
        case .created, .number: key = ""
        case .priority: key = "\(row["priority_rank"] as Int) \(updated)"
        }
        return QueueCursor(sort: sort, key: key, ticket: TicketID(row["id"]))
    }
}
