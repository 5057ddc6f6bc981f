import Foundation
import Hummingbird
import PostdeskCore
import PostdeskStore
import Testing

@testable import PostdeskWeb

/// The customer's ticket page: exactly its ticket for the right token, the same 404 for anything else.
@Suite struct PortalRoutesTests {
    static let token = "portal0000000000000000000001"
    static let now = Date(timeIntervalSince1970: 1_700_000_000)

    final class Database: Sendable {
        let directory: URL
        let store: SQLiteStore
        init() throws {
            directory = FileManager.default.temporaryDirectory
                .appendingPathComponent("postdesk-web-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            store = try SQLiteStore(path: directory.appendingPathComponent("postdesk.sqlite").path)
            try store.migrate()
        }
        deinit { try? FileManager.default.removeItem(at: directory) }
    }

    let db: Database
    let routes: PortalRoutes

    /// Given ticket #1 with a customer mail (with markup in it), an operator answer, and an internal note,
    /// and ticket #2 whose portal token is too short to be honoured.
    init() async throws {
        db = try Database()
        routes = PortalRoutes(store: db.store, pages: try await PageLibrary.load())
        try await db.store.write { tx in
            let customer = try tx.upsertCustomer(
                Person(name: "Ivan <b>Petrov</b>", address: "ivan@example.ru"), at: Self.now)
            var ticket = try tx.createTicket(
                subject: "Printer <i>on fire</i>", customer: customer, priority: .normal, portalToken: Self.token,
                at: Self.now
            )
            ticket.status = .pending
            try tx.update(ticket)
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .customer,
                    author: Person(name: "Ivan <b>Petrov</b>", address: "ivan@example.ru"),
                    isInternal: false, via: .mail, text: "full text with quoted history",
                    html: nil, reply: "<script>alert('x')</script> & it burns",
                    messageIDHeader: "c1@example.ru", inboundID: nil,
                    attachments: [
                        AttachmentRef(
                            filename: "photo.jpg", contentType: "image/jpeg", size: 10,
                            sha256: String(repeating: "a", count: 64),
                            contentID: nil, isInline: false),
                        AttachmentRef(
                            filename: "logo.png", contentType: "image/png", size: 10,
                            sha256: String(repeating: "b", count: 64),
                            contentID: "logo@x", isInline: true),
                    ],
                    createdAt: Self.now
                ))
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .operator,
                    author: Person(name: "Olga", address: "olga@support.test"),
                    isInternal: false, via: .portal, text: "We sent a technician.", html: nil, reply: "",
                    messageIDHeader: nil, inboundID: nil, attachments: [], createdAt: Self.now + 60
                ))
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .customer,
                    author: Person(name: "Petr", address: "petr@example.ru"), isInternal: false, via: .mail,
                    text: "I am Ivan's colleague", html: nil, reply: "I am Ivan's colleague",
                    messageIDHeader: "p1@example.ru", inboundID: nil, attachments: [], createdAt: Self.now + 90,
                    fromNewParticipant: true
                ))
            _ = try tx.append(
                TicketMessage(
                    ticketID: ticket.id, authorKind: .operator,
                    author: Person(name: "Olga", address: "olga@support.test"),
                    isInternal: true, via: .portal, text: "SECRET: this customer is difficult", html: nil,
                    reply: "SECRET: this customer is difficult", messageIDHeader: nil, inboundID: nil, attachments: [],
                    createdAt: Self.now + 120
                ))
            _ = try tx.createTicket(
                subject: "Other", customer: customer, priority: .normal, portalToken: "short", at: Self.now)
        }
    }

    @Test("the right token shows its ticket and the public conversation")
    func rightToken() async throws {
        // When the customer opens their link
        let page = try await routes.ticketPage(token: Self.token)

        // Then it is the ticket's page, with its status and both public messages in order
        #expect(page.status == .ok)
        #expect(page.html.contains("<h1>[#1] Printer &lt;i&gt;on fire&lt;/i&gt;</h1>"))
        #expect(page.html.contains("Waiting for your reply"))
        #expect(page.html.contains("opened 2023-11-14 22:13 UTC"))
        let customer = try #require(page.html.range(of: "&amp; it burns"))
        let support = try #require(page.html.range(of: "We sent a technician."))
        #expect(customer.lowerBound < support.lowerBound)
        #expect(page.html.contains("class=\"msg support\""))
        // And what the customer wrote now is shown rather than the quoted history
        #expect(!page.html.contains("full text with quoted history"))
        // And only real attachments are listed
        #expect(page.html.contains("photo.jpg") && !page.html.contains("logo.png"))
    }

    @Test("a message from a new participant is shown marked, its sender, words and files held back")
    func newParticipantMarked() async throws {
        // When the customer opens their link
        let page = try await routes.ticketPage(token: Self.token)

        // Then one message is marked as from someone not yet on the ticket, without who it is or what it says:
        // the link's holder may have planted a Message-ID, and a stranger's words are not support's
        let articles = page.html.components(separatedBy: "<article").dropFirst()
        let held = try #require(articles.first { $0.contains("class=\"msg new-participant\"") })
        #expect(held.contains("From a new participant: not yet added to this ticket."))
        #expect(held.contains("Someone not yet on this ticket"))
        #expect(!page.html.contains("colleague") && !page.html.contains("petr@example.ru"))
        #expect(articles.filter { $0.contains("new participant") }.count == 1)
    }

    @Test("internal notes never reach the customer's page")
    func noInternalNotes() async throws {
        let page = try await routes.ticketPage(token: Self.token)
        #expect(!page.html.contains("SECRET"))
        #expect(!page.html.contains("difficult"))
    }

    @Test("markup in mail text, names and subjects is escaped")
    func escapesHTML() async throws {
        let page = try await routes.ticketPage(token: Self.token)
        #expect(!page.html.contains("<script>"))
        #expect(!page.html.contains("<b>Petrov"))
        #expect(!page.html.contains("<i>on fire"))
        #expect(page.html.contains("&lt;script&gt;"))
        #expect(page.html.contains("Ivan &lt;b&gt;Petrov&lt;/b&gt;"))
        #expect(page.html.contains("<title>[#1] Printer &lt;i&gt;on fire&lt;/i&gt;</title>"))
    }

    @Test(
        "a wrong, altered, short or empty token gets the same not-found page",
        arguments: [
            "portal0000000000000000000002", "PORTAL0000000000000000000001", "portal000000000000000000000", "short", "",
        ]
    )
    func wrongToken(token: String) async throws {
        let page = try await routes.ticketPage(token: token)
        #expect(page.status == .notFound)
        #expect(page.html.contains("Ticket not found"))
        #expect(!page.html.contains("Printer") && !page.html.contains("Other"))
    }
}
