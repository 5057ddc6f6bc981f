import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// A small helpdesk for queue tests: two teams, two operators, and tickets whose status, team, assignee, priority
/// and update time vary, with many equal update times so that page boundaries fall inside ties.
struct QueueFixture {
    let db: TemporaryStore
    let ada: OperatorID
    let bob: OperatorID
    /// Every ticket as the store holds it after setup.
    let tickets: [Ticket]

    init(count: Int = 40) async throws {
        db = try TemporaryStore()
        let (ada, bob, tickets) = try await db.store.write { tx in
            _ = try tx.addTeam(name: "billing", at: Fixture.now)
            _ = try tx.addTeam(name: "tech", at: Fixture.now)
            func add(_ address: String, _ teams: [String]) throws -> OperatorID {
                guard
                    case .operator(let account) = try tx.addUser(
                        NewUser(role: .operator, address: EmailAddress(address)!, name: address, teams: teams),
                        at: Fixture.now)
                else { throw StoreError(code: .notFound, message: "no operator") }
                return account.id
            }
            let ada = try add("ada@example.test", ["billing"])
            let bob = try add("bob@example.test", ["tech"])
            var tickets: [Ticket] = []
            for i in 0..<count {
                var ticket = try tx.seedTicket(
                    customer: "c\(i % 7)@example.test", subject: "Ticket \(i)", at: Fixture.now)
                ticket.status = TicketStatus.allCases[i % 5]
                ticket.team = [nil, "billing", "tech"][i % 3]
                ticket.assigneeID = [nil, ada, bob, ada][i % 4]
                ticket.priority = TicketPriority.allCases[(i / 2) % 4]
                // Only four distinct update times for forty tickets.
                ticket.updatedAt = Fixture.now.addingTimeInterval(Double((i * 7) % 4) * 60)
                try tx.update(ticket)
                tickets.append(ticket)
            }
            return (ada, bob, tickets)
        }
        self.ada = ada
        self.bob = bob
        self.tickets = tickets
    }

    /// What a queue must show, computed the slow and obvious way.
    func expected(_ queue: TicketQueue) -> [TicketID] {
        tickets.filter { t in
            let inView: Bool =
                switch queue.view {
                case .mine(let id): t.assigneeID == id
                case .teams(let names): t.team.map(names.contains) ?? false
                case .unassigned: t.assigneeID == nil
                case .all: true
                }
            return inView && (queue.statuses.isEmpty || queue.statuses.contains(t.status))
                && (queue.visibleTeams.map { teams in t.team.map(teams.contains) ?? false } ?? true)
        }
        .sorted { a, b in
            let rank: (Ticket) -> Int = { TicketPriority.allCases.firstIndex(of: $0.priority)! }
            let ascending: Bool =
                switch queue.sort.key {
                case .updated:
                    a.updatedAt != b.updatedAt ? a.updatedAt < b.updatedAt : a.id.rawValue < b.id.rawValue
                case .created, .number: a.id.rawValue < b.id.rawValue
                case .priority:
                    rank(a) != rank(b)
                        ? rank(a) < rank(b)
                        : a.updatedAt != b.updatedAt ? a.updatedAt < b.updatedAt : a.id.rawValue < b.id.rawValue
                }
            return queue.sort.descending ? !ascending : ascending
        }
        .map(\.id)
    }

    /// Every page of `queue`, followed through its cursors (and through their text form, as a URL carries them).
    func allPages(_ queue: TicketQueue) async throws -> [TicketID] {
        var queue = queue
        var seen: [TicketID] = []
        for _ in 0..<100 {
            let page = try await db.store.read { [queue] q in try q.queue(queue) }
            seen += page.rows.map(\.id)
            guard let next = page.next else { return seen }
            queue.after = QueueCursor(token: next.token)
            #expect(queue.after == next)
        }
        Issue.record("pagination did not end")
        return seen
    }
}

@Suite struct QueueStoreTests {
    static let sorts: [QueueSort] = QueueSort.Key.allCases.flatMap {
        [QueueSort($0), QueueSort($0, descending: false)]
    }
    static let statusSets: [Set<TicketStatus>] = [[], [.open], [.new, .pending], [.solved, .closed, .open, .new]]

    @Test("every view, status set and order pages through each matching ticket exactly once, in order")
    func pagesCoverEveryTicketOnce() async throws {
        // Given forty tickets with many equal update times
        let fixture = try await QueueFixture()
        let views: [TicketQueue.View] = [
            .all, .unassigned, .mine(fixture.ada), .mine(fixture.bob), .teams(["billing"]),
            .teams(["billing", "tech"]),
        ]
        for view in views {
            for statuses in Self.statusSets {
                for sort in Self.sorts {
                    // When the queue is read three rows at a time
                    let queue = TicketQueue(view: view, statuses: statuses, sort: sort, pageSize: 3)
                    let got = try await fixture.allPages(queue)
                    // Then the pages hold exactly the matching tickets, each once, in the queue's order
                    #expect(got == fixture.expected(queue), "\(view) \(statuses) \(sort)")
                }
            }
        }
    }

    @Test("visible teams restrict every view, and a team view of no team is empty")
    func visibility() async throws {
        let fixture = try await QueueFixture()
        for view in [TicketQueue.View.all, .unassigned, .mine(fixture.ada), .teams(["billing", "tech"])] {
            let queue = TicketQueue(view: view, visibleTeams: ["tech"], pageSize: 4)
            #expect(try await fixture.allPages(queue) == fixture.expected(queue))
        }
        #expect(try await fixture.allPages(TicketQueue(view: .teams([]))) == [])
        #expect(try await fixture.allPages(TicketQueue(view: .all, visibleTeams: [])) == [])
    }

    @Test("a team named twice, or a page size out of range, shows each ticket once and a bounded page")
    func repeatedTeamsAndPageSizes() async throws {
        let fixture = try await QueueFixture()
        let twice = TicketQueue(view: .teams(["tech", "billing", "tech"]), pageSize: 4)
        #expect(try await fixture.allPages(twice) == fixture.expected(twice))
        for size in [-5, 0, 1_000_000] {
            var queue = TicketQueue(view: .all)
            queue.pageSize = size
            let page = try await fixture.db.store.read { [queue] q in try q.queue(queue) }
            #expect(page.rows.count == min(max(size, 1), fixture.tickets.count), "\(size)")
        }
    }

    @Test("a row carries what the queue page shows")
    func rowContents() async throws {
        // Given a ticket assigned to Ada with two messages, one an internal note
        let fixture = try await QueueFixture(count: 1)
        let id = fixture.tickets[0].id
        try await fixture.db.store.write { tx in
            var ticket = try #require(try tx.ticket(id: id))
            ticket.assigneeID = fixture.ada
            try tx.update(ticket)
            _ = try tx.append(Fixture.customerMessage(ticket: id))
            _ = try tx.append(Fixture.customerMessage(ticket: id, isInternal: true))
        }
        // When the queue and the customer's list are read
        let row = try #require(try await fixture.db.store.read { q in try q.queue(TicketQueue(view: .all)) }.rows.first)
        let customer = try await fixture.db.store.read { q in
            try q.customerTickets(of: CustomerID(1), pageSize: 10, after: nil)
        }
        // Then the row names the ticket, its customer and assignee, and counts messages (the customer's, without notes)
        #expect(row.number == TicketNumber(id.rawValue))
        #expect(row.subject == "Ticket 0")
        #expect(row.customer == Person(name: "Ivan", address: "c0@example.test"))
        #expect(row.assignee?.address == "ada@example.test")
        #expect(row.assigneeID == fixture.ada)
        #expect(row.messageCount == 2)
        #expect(customer.rows.map(\.messageCount) == [1])
    }

    @Test("a customer's tickets page by keyset; the other tickets leave out the one on screen")
    func customerTickets() async throws {
        let fixture = try await QueueFixture()
        let first = fixture.tickets[0]
        let customerID = try #require(
            try await fixture.db.store.read { q in
                try q.customerAccounts().first?.id
                    ?? CustomerID(1)
            })
        var seen: [TicketID] = []
        var after: QueueCursor?
        repeat {
            let page = try await fixture.db.store.read { [after] q in
                try q.customerTickets(of: customerID, pageSize: 2, after: after)
            }
            seen += page.rows.map(\.id)
            after = page.next
        } while after != nil
        let mine = fixture.tickets.filter { $0.customer.address == first.customer.address }
        #expect(Set(seen) == Set(mine.map(\.id)))
        #expect(seen.count == mine.count)
        let others = try await fixture.db.store.read { q in try q.otherTickets(ofCustomerOf: first.id, limit: 50) }
        #expect(Set(others.map(\.id)) == Set(mine.map(\.id)).subtracting([first.id]))
    }

    @Test(
        "a cursor of another order, or text no store made, starts at the first page",
        arguments: ["", "updated", "updated.d.1", "updated.x.1.AA", "nope.d.1.AA", "updated.d.-1.AA", "updated.d.1.$$"])
    func hostileCursor(token: String) async throws {
        #expect(QueueCursor(token: token) == nil)
    }

    @Test("a cursor made for one order is ignored by another")
    func cursorOfAnotherOrder() async throws {
        let fixture = try await QueueFixture()
        let first = try await fixture.db.store.read { q in try q.queue(TicketQueue(view: .all, pageSize: 5)) }
        let other = try await fixture.db.store.read { q in
            try q.queue(TicketQueue(view: .all, sort: QueueSort(.number), pageSize: 5, after: first.next))
        }
        #expect(
            other.rows.map(\.id) == Array(fixture.expected(TicketQueue(view: .all, sort: QueueSort(.number))).prefix(5))
        )
    }
}
