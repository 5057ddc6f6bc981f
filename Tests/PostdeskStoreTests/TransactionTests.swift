import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// `write` commits or rolls back as a whole; `savepoint` isolates one failure inside it.
@Suite struct TransactionTests {
    struct Boom: Error {}

    let db: TemporaryStore
    init() throws { db = try TemporaryStore() }

    @Test("a savepoint that throws undoes only its own changes; the rest of the transaction commits")
    func savepointIsolatesOneFailure() async throws {
        // Given one transaction recording three mails, the second inside a failing savepoint
        let caught = try await db.store.write { tx -> Bool in
            _ = try tx.recordInbound(Fixture.inbound(uid: 1, body: "first"))
            var caught = false
            do {
                try tx.savepoint {
                    _ = try tx.recordInbound(Fixture.inbound(uid: 2, body: "second"))
                    _ = try tx.seedTicket()
                    throw Boom()
                }
            } catch is Boom {
                caught = true
            }
            _ = try tx.recordInbound(Fixture.inbound(uid: 3, body: "third"))
            return caught
        }

        // Then the error reached the caller, and only the first and third mail (and no ticket) were committed
        #expect(caught)
        let uids = try await db.store.read { q in try q.inbound(state: .received, limit: 10).compactMap(\.uid) }
        #expect(uids == [1, 3])
        #expect(try await db.store.read { q in try q.tickets(limit: 10) }.isEmpty)
    }

    @Test("a savepoint that returns commits with the transaction and hands back its value")
    func savepointReturnsValue() async throws {
        let number = try await db.store.write { tx in try tx.savepoint { try tx.seedTicket().number } }
        let ticket = try await db.store.read { q in try q.ticket(number: number) }
        #expect(ticket?.subject == "Printer on fire")
    }

    @Test("a savepoint may return nil")
    func savepointReturnsNil() async throws {
        let value: Int? = try await db.store.write { tx in try tx.savepoint { Int?.none } }
        #expect(value == nil)
    }

    @Test("a write that throws rolls back everything it did")
    func writeRollsBack() async throws {
        await #expect(throws: Boom.self) {
            try await db.store.write { tx in
                _ = try tx.recordInbound(Fixture.inbound(uid: 1, body: "lost"))
                _ = try tx.seedTicket()
                throw Boom()
            }
        }
        #expect(try await db.store.read { q in try q.inbound(state: .received, limit: 10) }.isEmpty)
        #expect(try await db.store.read { q in try q.tickets(limit: 10) }.isEmpty)
    }
}
