import Foundation
import PostdeskCore
import PostdeskStore
import PostdeskWorkflow
import Testing

@testable import PostdeskWeb

/// What an `/events` stream tells an operator: their tickets' changes, and nothing about anyone else's, not even
/// how many there were or when.
@Suite struct LiveStreamFramerTests {
    static let sergei = OperatorAccount(
        id: OperatorID(2), name: "Sergei", role: .operator, addresses: ["sergei@support.test"], teams: ["sales"],
        isDisabled: false, createdAt: Date(timeIntervalSince1970: 0))
    static let access = TicketAccess(operatorsSeeAllTeams: false)

    static func change(_ number: Int64, team: String, eventID: Int64) -> LiveChange {
        LiveChange(
            eventID: eventID,
            ticket: Ticket(
                id: TicketID(number), number: TicketNumber(number), subject: "s", status: .open, priority: .normal,
                team: team, customer: Person(name: nil, address: "c@example.ru"), assignee: nil, tags: [],
                createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0), messageCount: 1),
            kinds: ["message.received"])
    }

    @Test("a batch of only other teams' changes writes nothing at all: no frame, no off-beat heartbeat")
    func hiddenChangesAreSilent() {
        // Given Sergei (sales), who may not see billing's tickets
        var framer = LiveStreamFramer(account: Self.sergei, access: Self.access)
        // When billing's tickets change
        let text = framer.frames([
            Self.change(1, team: "billing", eventID: 41), Self.change(2, team: "billing", eventID: 42),
        ])
        // Then his stream stays silent
        #expect(text == "")
        #expect(framer.sent == 0)
    }

    @Test("frame ids count this connection's frames, not the event table's rows")
    func idsPerConnection() {
        // Given Sergei's stream
        var framer = LiveStreamFramer(account: Self.sergei, access: Self.access)
        // When his ticket changes at event 57, then 9,000 hidden events later at event 9058
        let first = framer.frames([Self.change(3, team: "sales", eventID: 57)])
        _ = framer.frames([Self.change(1, team: "billing", eventID: 9000)])
        let second = framer.frames([
            Self.change(1, team: "billing", eventID: 9057), Self.change(3, team: "sales", eventID: 9058),
        ])
        // Then the ids are 1 and 2: the gap between them shows nothing
        #expect(
            first.hasPrefix(
                "id: 1\nevent: ticket\ndata: {\"kinds\":[\"message.received\"],\"status\":\"open\",\"ticket\":3}"))
        #expect(second == first.replacingOccurrences(of: "id: 1\n", with: "id: 2\n"))
        #expect(!first.contains("57") && !second.contains("9058") && !second.contains("\"ticket\":1"))
    }

    @Test("the shared feed hands out no empty batches: heartbeats are each stream's own, on its own clock")
    func feedHasNoHeartbeats() async throws {
        // Given a feed looking every 5 ms and one listener
        let db = try PortalRoutesTests.Database()
        let feed = LiveFeed(store: db.store, interval: .milliseconds(5))
        let subscription = try await feed.subscribe()
        // When 300 ms pass with nothing written (60 looks)
        let got = Task {
            var iterator = subscription.stream.makeAsyncIterator()
            return await iterator.next()
        }
        try await Task.sleep(for: .milliseconds(300))
        subscription.finish()
        // Then the listener received nothing before it left
        #expect(await got.value == nil)
    }
}
