import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// A search in the default order reads the newest matches first and stops; these tests make it take every path
/// (all matches known at once, the window's page plus older tickets changed later, a larger window) on more tickets
/// than its first window, and check each page against the order computed the slow way.
@Suite struct RecentSearchTests {
    struct Helpdesk {
        let db: TemporaryStore
        /// Each ticket: id, last change, status, whether "common" matches it, whether "rare" does.
        let tickets: [(id: TicketID, updated: Date, status: TicketStatus, common: Bool, rare: Bool)]
    }

    /// Given `count` tickets changed in creation order, except every `touchEvery`-th which changed after all the
    /// others (an old ticket reopened); "common" is in most subjects or in several messages of a ticket, "rare" in
    /// a few; update times repeat so that page boundaries fall inside ties.
    static func helpdesk(count: Int, touchEvery: Int) async throws -> Helpdesk {
        let db = try TemporaryStore()
        let tickets = try await db.store.write { tx in
            var tickets: [(id: TicketID, updated: Date, status: TicketStatus, common: Bool, rare: Bool)] = []
            for i in 0..<count {
                let inSubject = i % 3 == 0
                let inMessages = i % 3 == 1
                let rare = i % 97 == 5
                var ticket = try tx.seedTicket(
                    customer: "c\(i % 11)@example.test",
                    subject: "Ticket \(i)\(inSubject ? " common" : "")\(rare ? " rare" : "")")
                for m in 0..<(inMessages ? 5 : 1) {
                    _ = try tx.append(
                        Fixture.customerMessage(
                            ticket: ticket.id, from: "c\(i % 11)@example.test",
                            text: inMessages ? "the common case \(m)" : "nothing to see"))
                }
                ticket.status = TicketStatus.allCases[i % 5]
                let minutes = i % touchEvery == 0 ? 100_000 + (i % 7) : i / 2
                ticket.updatedAt = Fixture.now.addingTimeInterval(Double(minutes) * 60)
                try tx.update(ticket)
                tickets.append((ticket.id, ticket.updatedAt, ticket.status, inSubject || inMessages, rare))
            }
            return tickets
        }
        return Helpdesk(db: db, tickets: tickets)
    }

    @Test(
        "every page of a search in the default order is the slow way's page, whatever the matches' spread",
        arguments: [(700, 50), (700, 3), (1500, 40)], ["common", "rare", "commo"])
    func pages(shape: (count: Int, touchEvery: Int), word: String) async throws {
        let desk = try await Self.helpdesk(count: shape.count, touchEvery: shape.touchEvery)
        for statuses in [Set<TicketStatus>(), [.new, .open, .pending]] {
            // Given the order computed the slow way
            let expected = desk.tickets.filter {
                (word == "rare" ? $0.rare : $0.common) && (statuses.isEmpty || statuses.contains($0.status))
            }.sorted { ($0.updated, $0.id.rawValue) > ($1.updated, $1.id.rawValue) }.map(\.id)
            // When every page is read, following each page's cursor
            var shown: [TicketID] = []
            var after: QueueCursor?
            repeat {
                let page = try await desk.db.store.read { [after] q in
                    try q.queue(
                        TicketQueue(
                            view: .all, statuses: statuses, search: SearchText(word), pageSize: 50, after: after))
                }
                #expect(page.rows.count <= 50)
                shown += page.rows.map(\.id)
                after = page.next
            } while after != nil && shown.count <= expected.count
            // Then the pages are exactly the matches in order
            #expect(shown == expected, "\(shape) \(word) \(statuses.count)")
        }
    }
}
