import Foundation
import PostdeskCore
import PostdeskStore
import Testing

@testable import PostdeskWeb

@Suite struct MetricsTextTests {
    @Test("/metrics counts the ledger and the outbox by state, in Prometheus text format")
    func golden() async throws {
        // Given one processed and one quarantined inbound mail, and one queued and one failed outbound mail
        let db = try PortalRoutesTests.Database()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        try await db.store.write { tx in
            for (uid, state) in [(UInt32(1), InboundState.processed), (2, .quarantined)] {
                let raw = Array("mail \(uid)".utf8)
                guard
                    case .recorded(let id) = try tx.recordInbound(
                        NewInbound(
                            mailbox: "INBOX", uidValidity: 1, uid: uid, sha256: String(repeating: "\(uid)", count: 64),
                            raw: raw,
                            receivedAt: now
                        ))
                else { return }
                try tx.setInbound(id, state: state, reason: nil, ticket: nil)
            }
            for n in 1...2 {
                let id = try tx.enqueue(
                    NewOutboxItem(
                        ticketID: nil, template: "ticket_created", language: "en",
                        recipient: Person(name: nil, address: "a@b.c"),
                        messageID: "m\(n)@x", inReplyTo: nil, references: [], model: Data("{}".utf8), isAutomatic: true,
                        dueAt: now
                    ))
                if n == 2 { try tx.markOutbox(id, state: .failed, error: "550") }
            }
        }

        // When the metrics are rendered
        let text = try await db.store.read { q in try MetricsText.render(q) }

        // Then every state is present, zeros included
        #expect(
            text == """
                # HELP postdesk_inbound_messages Inbound mails in the ledger, by state.
                # TYPE postdesk_inbound_messages gauge
                postdesk_inbound_messages{state="received"} 0
                postdesk_inbound_messages{state="processed"} 1
                postdesk_inbound_messages{state="ignored"} 0
                postdesk_inbound_messages{state="quarantined"} 1
                # HELP postdesk_outbox_messages Outbound mails, by state.
                # TYPE postdesk_outbox_messages gauge
                postdesk_outbox_messages{state="queued"} 1
                postdesk_outbox_messages{state="sending"} 0
                postdesk_outbox_messages{state="sent"} 0
                postdesk_outbox_messages{state="failed"} 1
                postdesk_outbox_messages{state="uncertain"} 0

                """)
    }
}
