import Foundation
import GRDB
import PostdeskCore

/// A search in the default order (last change, newest first) whose cost does not grow with the number of matches.
///
/// Ticket ids grow with time, and both FTS5 indexes are keyed by ticket id (a message's rowid carries its ticket in
/// the high 32 bits), so FTS5 can read the newest matches first and stop (`ORDER BY rowid DESC LIMIT`). Newest by id
/// is not newest by last change, so the page is made exact in two steps:
///
/// 1. Read the newest `window` matches of each index. Every match with an id at or above the lower of the two
///    reads' last ids (the *frontier*) is then known. Of those, keep the page's rows (view, statuses, rights and
///    cursor applied) in queue order, one more than the page.
/// 2. An older ticket (id below the frontier) belongs on the page only if it changed after the page's last row. The
///    update-time indexes list those few; each is checked against the indexes by its rowid.
///
/// When step 1 finds too few rows or step 2 too many candidates, the window grows; past the largest window the
/// caller reads every match (``SQLiteTransaction/queue(_:)``'s general plan), which is then cheap because such a
/// search matches few tickets.
extension SQLiteTransaction {
    /// Windows read in turn; a search still unresolved after the last takes the general plan.
    static let recentSearchWindows = [256, 4096]
    /// Older tickets changed after the page's last row that are checked one by one; more take a larger window.
    static let recentSearchCandidates = 400

    /// The page, or nil when the general plan should answer.
    /// - Parameters:
    ///   - match: the search as FTS5 matches it (``SQLiteTransaction/ftsMatch(_:)``).
    ///   - filter: view, statuses and rights, without the search or the cursor.
    ///   - cursor: where the page starts.
    func recentSearch(_ queue: TicketQueue, match: String, filter: QueueFilter, cursor: QueueKey?) throws
        -> QueuePage?
    {
        guard queue.sort == QueueSort(.updated), !queue.search.isEmpty else { return nil }
        let limit = queue.pageSize + 1
        var filter = filter
        if let cursor { filter.add(cursor.condition, cursor.arguments) }
        for window in Self.recentSearchWindows {
            let (known, frontier) = try newestMatches(match, window: window)
            let rows = try ordered(ids: known, filter: filter, limit: limit)
            if frontier == 0 {
                return try page(rows, sort: queue.sort, pageSize: queue.pageSize)
            }
            guard rows.count == limit, let last = rows.last else { continue }
            // Older tickets that changed after the page's last row: only they could still belong on it.
            var older = filter
            older.add("t.id < ?", [frontier])
            older.add(
                "t.updated_at >= ? AND (t.updated_at > ? OR t.id > ?)",
                [last["updated_at"] as String, last["updated_at"] as String, last["id"] as Int64])
            let candidates = try Int64.fetchAll(
                try cached("SELECT t.id FROM ticket t WHERE \(older.sql) LIMIT \(Self.recentSearchCandidates + 1)"),
                arguments: older.arguments)
            guard candidates.count <= Self.recentSearchCandidates else { continue }
            if candidates.isEmpty { return try page(rows, sort: queue.sort, pageSize: queue.pageSize) }
            let found = try matching(candidates, match, byRange: true)
            if found.isEmpty { return try page(rows, sort: queue.sort, pageSize: queue.pageSize) }
            let all = try ordered(ids: rows.map { $0["id"] as Int64 } + found, filter: filter, limit: limit)
            return try page(all, sort: queue.sort, pageSize: queue.pageSize)
        }
        return nil
    }

    /// The ids of the newest `window` matches of each index, and the frontier: every match with a larger id is
    /// among them (0: every match is).
    private func newestMatches(_ match: String, window: Int) throws -> (ids: [Int64], frontier: Int64) {
        let tickets = try Int64.fetchAll(
            try cached(
                "SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? ORDER BY rowid DESC LIMIT \(window)"),
            arguments: [match])
        // Several messages per ticket: read more rows so that about as many tickets come back.
        let messageWindow = window * 4
        let messages = try Int64.fetchAll(
            try cached(
                "SELECT rowid FROM message_fts WHERE message_fts MATCH ? ORDER BY rowid DESC LIMIT \(messageWindow)"),
            arguments: [match])
        let ticketFrontier = tickets.count == window ? tickets.last ?? 0 : 0
        let messageFrontier = messages.count == messageWindow ? (messages.last ?? 0) >> 32 : 0
        let frontier = max(ticketFrontier, messageFrontier)
        var ids = Set(tickets.filter { $0 >= frontier })
        for rowid in messages where rowid >> 32 >= frontier { ids.insert(rowid >> 32) }
        return (Array(ids), frontier)
    }

    /// The keys (`id`, `updated_at`) of the rows among `ids` that pass `filter`, in queue order, at most `limit`.
    /// Only the keys: the row's other columns (a message count among them) are read for the page's rows alone.
    ///
    /// `NOT INDEXED`: each id is looked up by its rowid. Left to itself, SQLite read the statuses' index instead and
    /// tested every active ticket against the list, a cost that grows with the helpdesk rather than with the page.
    private func ordered(ids: [Int64], filter: QueueFilter, limit: Int) throws -> [Row] {
        guard !ids.isEmpty else { return [] }
        let sql = """
            SELECT t.id, t.updated_at FROM ticket t NOT INDEXED
            WHERE t.id IN (SELECT value FROM json_each(?)) AND \(filter.sql)
            ORDER BY \(QueueKey.orderBy(QueueSort(.updated))) LIMIT \(limit)
            """
        return try Row.fetchAll(try cached(sql), arguments: [Self.json(ids)] + filter.arguments)
    }

    static func json(_ ids: [Int64]) -> String {
        "[" + ids.map(String.init).joined(separator: ",") + "]"
    }

    /// Which of `ids` match: by one read of both indexes over the ids' range, intersected, or by looking each id up
    /// by its rowid (a message's: its ticket's range). The range read is the one for the older candidates of a
    /// recent search, whole words or not: on 1,000,000 tickets a page of "refund" took 10 ms p50 that way against
    /// 108 ms looking up each of a few hundred candidates (65–130 µs a lookup), and an unexpanded prefix term would
    /// be merged whole on every lookup.
    func matching(_ ids: [Int64], _ match: String, byRange: Bool) throws -> [Int64] {
        guard let low = ids.min(), let high = ids.max() else { return [] }
        if byRange {
            var found = Set(
                try Int64.fetchAll(
                    try cached("SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? AND rowid BETWEEN ? AND ?"),
                    arguments: [match, low, high]))
            let messages = try Int64.fetchAll(
                try cached("SELECT rowid FROM message_fts WHERE message_fts MATCH ? AND rowid BETWEEN ? AND ?"),
                arguments: [match, low << 32, (high << 32) | 0xFFFF_FFFF])
            for rowid in messages { found.insert(rowid >> 32) }
            return ids.filter(found.contains)
        }
        let check = try cached(
            """
            SELECT EXISTS (SELECT 1 FROM ticket_fts WHERE ticket_fts MATCH ?1 AND rowid = ?2)
                OR EXISTS (SELECT 1 FROM message_fts WHERE message_fts MATCH ?1
                           AND rowid BETWEEN ?2 * 4294967296 AND ?2 * 4294967296 + 4294967295)
            """)
        return try ids.filter { id in try Bool.fetchOne(check, arguments: [match, id]) ?? false }
    }

    /// The page of these keys (already filtered and ordered): each row read whole.
    private func page(_ keys: [Row], sort: QueueSort, pageSize: Int) throws -> QueuePage {
        let ids = keys.map { $0["id"] as Int64 }
        let sql = """
            SELECT \(QueueKey.rowColumns(internalMessages: true))
            FROM ticket t JOIN customer c ON c.id = t.customer_id LEFT JOIN operator o ON o.id = t.assignee_id
            WHERE t.id IN (SELECT value FROM json_each(?)) ORDER BY \(QueueKey.orderBy(sort))
            """
        let rows = try Row.fetchAll(try cached(sql), arguments: [Self.json(ids)])
        let shown = rows.prefix(pageSize)
        let next = rows.count > pageSize ? shown.last.map { QueueKey.cursor(after: $0, sort: sort) } : nil
        return QueuePage(rows: try shown.map(Self.queueRow), next: next)
    }
}
