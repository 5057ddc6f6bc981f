import Foundation
import GRDB
import PostdeskCore
import Testing

@testable import PostdeskStore

/// How SQLite answers a queue page without a search: each (status, team) partition read as one ordered index range,
/// so that a page costs the same on a million tickets as on forty (issue 10 point 6). A plan that reads every ticket
/// of the statuses and sorts them is what made `sort=created` take 0.6 s on the 144,000 closed tickets of 200,000.
@Suite struct QueuePlanTests {
    /// The query plan lines (`EXPLAIN QUERY PLAN`) of every statement `queue` runs, by statement.
    static func plans(_ fixture: QueueFixture, _ queue: TicketQueue) async throws -> [[(
        id: Int, parent: Int, detail: String
    )]] {
        try await fixture.db.store.pool.read { db in
            var statements: [String] = []
            db.trace(options: .statement) { event in
                if case .statement(let statement) = event { statements.append(statement.expandedSQL) }
            }
            _ = try SQLiteTransaction(db: db).queue(queue)
            db.trace(options: [])
            // A search first counts the view up to a bound (``SQLiteTransaction/viewFirstLimit``): bounded by design,
            // whatever its plan.
            let probe = "LIMIT \(SQLiteTransaction.viewFirstLimit + 1)"
            return try statements.filter {
                ($0.hasPrefix("WITH") || $0.hasPrefix("SELECT")) && !$0.hasSuffix(probe)
            }.map { sql in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql).map { ($0[0], $0[1], $0[3]) }
            }
        }
    }

    /// Whether a plan line reads the ticket table (`t`), not an FTS index or another table.
    static func readsTickets(_ detail: String) -> Bool {
        detail == "SCAN t" || detail.hasPrefix("SCAN t ") || detail.hasPrefix("SEARCH t ")
    }

    @Test(
        "by last change or by number, every view reads the tickets of each partition in index order and sorts one page",
        arguments: [
            QueueSort(.updated), QueueSort(.updated, descending: false), QueueSort(.created),
            QueueSort(.number, descending: false),
        ]
    )
    func partitionsReadInOrder(sort: QueueSort) async throws {
        // Given the queue fixture
        let fixture = try await QueueFixture(count: 10)
        let views: [TicketQueue.View] = [.all, .unassigned, .mine(fixture.ada), .teams(["billing", "tech"])]
        for view in views {
            for statuses in [Set<TicketStatus>(), [.closed], [.new, .open, .pending]] {
                // When a first page and a later one (a cursor) are read
                var queue = TicketQueue(view: view, statuses: statuses, sort: sort, pageSize: 2)
                let first = try await fixture.db.store.read { [queue] q in try q.queue(queue) }
                queue.after = first.next
                for plan in try await Self.plans(fixture, queue) {
                    // Then the ticket table is never scanned, and every index read of it is a partition's own
                    // ordered range (inside its subquery), not one range of the statuses to sort whole
                    let parents = Dictionary(plan.map { ($0.id, $0.detail) }, uniquingKeysWith: { a, _ in a })
                    for line in plan where Self.readsTickets(line.detail) {
                        let context = "\(view) \(statuses) \(sort): \(line.detail)"
                        #expect(!line.detail.hasPrefix("SCAN"), "\(context)")
                        if line.detail.contains("INTEGER PRIMARY KEY") { continue }
                        let parent = parents[line.parent] ?? ""
                        #expect(parent.hasPrefix("MATERIALIZE") || parent.hasPrefix("CO-ROUTINE"), "\(context)")
                    }
                }
            }
        }
    }

    @Test(
        "a search in the default order looks its matches up by ticket id, not by reading every ticket of the statuses")
    func searchLooksUpMatches() async throws {
        // Given the queue fixture, whose subjects all say "Ticket", with more tickets than a view searched one by one
        let fixture = try await QueueFixture(count: SQLiteTransaction.viewFirstLimit + 50)
        for statuses in [Set<TicketStatus>(), [.new, .open, .pending]] {
            // When the queue is searched (a whole word, and a prefix being typed)
            for text in ["ticket ", "tick"] {
                let queue = TicketQueue(view: .all, statuses: statuses, search: SearchText(text), pageSize: 2)
                let found = try await fixture.db.store.read { q in try q.queue(queue) }
                #expect(!found.rows.isEmpty)
                // Then every read of the ticket table is by id, or bounded by a last-change time
                for plan in try await Self.plans(fixture, queue) {
                    for line in plan where Self.readsTickets(line.detail) {
                        #expect(
                            line.detail.contains("INTEGER PRIMARY KEY") || line.detail.contains("updated_at>"),
                            "\(statuses) \(text): \(line.detail)")
                    }
                }
            }
        }
    }
}
