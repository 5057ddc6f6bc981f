import Foundation
import PostdeskCore
import PostdeskCrypto
import PostdeskStore
import Testing

@testable import PostdeskWeb

/// The operator's page for one ticket, opened by the link signed for them in a notification: the whole ticket for the
/// right link, the same 403 for anything else.
@Suite struct ConsoleRoutesTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    static let keys = try! KeyRing(secret: Array("console-routes-test-secret-of-32-bytes!".utf8))

    let db: PortalRoutesTests.Database
    let routes: ConsoleRoutes
    let anna: OperatorID
    let boris: OperatorID

    /// Given ticket #1 with a customer mail, Anna's answer, Anna's internal note, a time entry and an event, and
    /// operators Anna (enabled) and Boris (disabled).
    init() async throws {
        db = try PortalRoutesTests.Database()
        routes = ConsoleRoutes(
            store: db.store, pages: try await PageLibrary.load(), keys: Self.keys, now: { Self.now + 120 })
        (anna, boris) = try await db.store.write { tx in
            guard
                case .operator(let anna) = try tx.addUser(
                    NewUser(role: .operator, address: EmailAddress("anna@support.test")!, name: "Anna <b>Op</b>"),
                    at: Self.now),
                case .operator(let boris) = try tx.addUser(
                    NewUser(role: .operator, address: EmailAddress("boris@support.test")!, name: "Boris"),
                    at: Self.now)
            else { throw CancellationError() }
            _ = try tx.setUserDisabled(address: "boris@support.test", disabled: true)
            let customer = try tx.upsertCustomer(Person(name: "Ivan", address: "ivan@example.ru"), at: Self.now)
            let ticket = try tx.createTicket(
                subject: "Printer <i>on fire</i>", customer: customer, priority: .high,
                portalToken: "portal0000000000000000000001", at: Self.now)
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .customer,
                    author: Person(name: "Ivan", address: "ivan@example.ru"),
                    isInternal: false, via: .mail, text: "It burns <script>alert(1)</script>\n\n> old quote",
                    html: nil, reply: "It burns <script>alert(1)</script>", messageIDHeader: "c1@example.ru",
                    inboundID: nil, attachments: [], createdAt: Self.now))
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .operator, author: anna.person, isInternal: true, via: .mail,
                    text: "NOTE: call the fire brigade", html: nil, reply: "NOTE: call the fire brigade",
                    messageIDHeader: nil, inboundID: nil, attachments: [], createdAt: Self.now + 60))
            try tx.append(
                TimeEntry(
                    ticketID: ticket.id, operatorID: anna.id, minutes: 15, workType: "triage", date: "2023-11-14",
                    via: .mail, createdAt: Self.now + 60))
            try tx.append(TicketEvent(ticketID: ticket.id, kind: "priority.changed", at: Self.now + 60, detail: "high"))
            return (anna.id, boris.id)
        }
    }

    func link(ticket: Int64 = 1, for id: OperatorID, signedAt date: Date = Self.now + 90) -> String {
        ConsoleLink.sign(ticketNumber: ticket, operatorID: id.rawValue, at: date, keys: Self.keys).key
    }

    @Test("the link signed for an operator opens the whole ticket: conversation, internal notes, time and history")
    func opensTicket() async throws {
        // When Anna opens the link of her notification
        let page = try await routes.ticketPage(number: "1", key: link(for: anna))

        // Then she sees the ticket, its state, the customer by name and address, and every message in order
        #expect(page.status == .ok)
        #expect(page.html.contains("<h1>[#1] Printer &lt;i&gt;on fire&lt;/i&gt;</h1>"))
        #expect(page.html.contains("Priority high"))
        #expect(page.html.contains("Ivan &lt;ivan@example.ru&gt;"))
        let customer = try #require(page.html.range(of: "It burns"))
        let note = try #require(page.html.range(of: "NOTE: call the fire brigade"))
        #expect(customer.lowerBound < note.lowerBound)
        // And the internal note is marked as one
        #expect(page.html.contains("<article class=\"msg internal\">\n<div class=\"meta\">Internal note"))
        // And the whole mail is there behind the typed reply
        #expect(page.html.contains("&gt; old quote"))
        // And the time entry and the event
        #expect(page.html.contains("<td>15 min</td><td>triage</td>"))
        #expect(page.html.contains("priority.changed"))
        // And markup from mail and names is escaped
        #expect(!page.html.contains("<script>") && !page.html.contains("<b>Op"))
    }

    @Test(
        "a link that is altered, for another ticket, expired, of a disabled operator or missing gets the same 403",
        arguments: ["altered", "other ticket", "expired", "disabled", "unknown operator", "missing", "not a number"])
    func refused(_ case: String) async throws {
        let good = link(for: anna)
        let (number, key): (String, String) =
            switch `case` {
            case "altered": ("1", String(good.dropLast()) + (good.hasSuffix("a") ? "b" : "a"))
            case "other ticket": ("2", good)
            case "expired": ("1", link(for: anna, signedAt: Self.now - ConsoleLink.lifetime - 1))
            case "disabled": ("1", link(for: boris))
            case "unknown operator": ("1", link(for: OperatorID(99)))
            case "missing": ("1", "")
            default: ("1x", good)
            }
        let page = try await routes.ticketPage(number: number, key: key)
        #expect(page.status == .forbidden)
        #expect(page.html.contains("This link does not open a ticket"))
        #expect(!page.html.contains("Printer"))
    }

    @Test("internal notes written after the link was signed are not shown, only counted")
    func laterNotesHidden() async throws {
        // Given a link signed before Anna's note (written at now + 60)
        let key = link(for: anna, signedAt: Self.now + 30)

        // When it is opened
        let page = try await routes.ticketPage(number: "1", key: key)

        // Then the customer's mail is there, the later note is not, and the page says one note is held back
        #expect(page.status == .ok && page.html.contains("It burns"))
        #expect(!page.html.contains("fire brigade"))
        #expect(page.html.contains("1 internal note(s) written after this link was sent are not shown"))
    }

    @Test("a link signed by another secret opens nothing")
    func otherSecret() async throws {
        let other = try KeyRing(secret: Array("another-secret-another-secret-32bytes".utf8))
        let key = ConsoleLink.sign(ticketNumber: 1, operatorID: anna.rawValue, at: Self.now, keys: other).key
        let page = try await routes.ticketPage(number: "1", key: key)
        #expect(page.status == .forbidden)
    }

    @Test("without a key ring the console opens nothing")
    func noKeys() async throws {
        let routes = ConsoleRoutes(
            store: db.store, pages: try await PageLibrary.load(), keys: nil, now: { Self.now + 120 })
        let page = try await routes.ticketPage(number: "1", key: link(for: anna))
        #expect(page.status == .forbidden)
    }
}
