import Foundation
import Hummingbird
import Logging
import PostdeskCore
import PostdeskCrypto
import PostdeskStore
import Testing

@testable import PostdeskWeb

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Debian's Chromium, when installed (`deploy/install-deps --test` installs it).
enum Browser {
    static let chromium: String? = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
}

/// The customer page as a customer meets it: a real HTTP server and a real headless Chromium.
@Suite("Portal in a real browser", .serialized, .enabled(if: Browser.chromium != nil))
struct PortalInBrowserTests {

    /// What Chromium's DOM holds after loading `url` (scripts run, CSP applied).
    func dom(_ url: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(Browser.chromium))
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", url]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    /// Serves `routes` on a random loopback port until the task is cancelled; the base URL once `/healthz` answers.
    func serve(_ routes: PortalRoutes) async throws -> (String, Task<Void, any Error>) {
        let port = Int.random(in: 20_000..<40_000)
        let app = Application(
            router: routes.router(),
            configuration: .init(address: .hostname("127.0.0.1", port: port)),
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() }))
        let server = Task { try await app.runService() }
        let base = "http://127.0.0.1:\(port)"
        let deadline = ContinuousClock.now + .seconds(10)
        while (try? await URLSession.shared.data(from: URL(string: "\(base)/healthz")!)) == nil,
            ContinuousClock.now < deadline
        {
            try await Task.sleep(for: .milliseconds(50))
        }
        return (base, server)
    }

    @Test("a customer's link shows their conversation and nothing else; markup in mail stays text")
    func customerPage() async throws {
        // Given a ticket with a hostile message and an internal note, served over HTTP
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "postdesk-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("postdesk.sqlite").path)
        try store.migrate()
        let token = "browser00000000000000000001"
        try await store.write { tx in
            let customer = try tx.upsertCustomer(Person(name: "Ivan", address: "ivan@example.ru"), at: Date())
            let ticket = try tx.createTicket(
                subject: "Принтер горит", customer: customer, priority: .normal,
                portalToken: token, at: Date())
            for (isInternal, text) in [
                (false, "<img src=x onerror=\"document.title='pwned'\">It burns"),
                (true, "SECRET internal note"),
            ] {
                _ = try tx.append(
                    TicketMessage(
                        ticketID: ticket.id, authorKind: isInternal ? .operator : .customer,
                        author: Person(name: nil, address: "ivan@example.ru"), isInternal: isInternal, via: .mail,
                        text: text,
                        html: nil, reply: text, messageIDHeader: nil, inboundID: nil, attachments: [], createdAt: Date()
                    ))
            }
        }
        let (base, server) = try await serve(PortalRoutes(store: store, pages: try await PageLibrary.load()))
        defer { server.cancel() }

        // When the customer opens their link, and a stranger guesses one
        let page = try dom("\(base)/t/\(token)")
        let guessed = try dom("\(base)/t/browser00000000000000000002")

        // Then the page shows the ticket, the markup stayed text, no script ran, and the note is absent
        #expect(page.contains("Принтер горит"))
        #expect(page.contains("It burns"))
        #expect(page.contains("&lt;img"))
        #expect(!page.contains("<title>pwned"))
        #expect(!page.contains("<img"))
        #expect(!page.contains("SECRET"))
        #expect(guessed.contains("Ticket not found") && !guessed.contains("Принтер"))
    }

    @Test("an operator's console link shows the whole ticket, the internal note marked; markup stays text")
    func consolePage() async throws {
        // Given a ticket with a hostile message and an internal note, and operator Anna, served over HTTP
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "postdesk-browser-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let store = try SQLiteStore(path: directory.appendingPathComponent("postdesk.sqlite").path)
        try store.migrate()
        let anna = try await store.write { tx in
            guard
                case .operator(let anna) = try tx.addUser(
                    NewUser(role: .operator, address: EmailAddress("anna@support.test")!, name: "Anna"), at: Date())
            else { throw CancellationError() }
            let customer = try tx.upsertCustomer(Person(name: "Ivan", address: "ivan@example.ru"), at: Date())
            let ticket = try tx.createTicket(
                subject: "Принтер горит", customer: customer, priority: .normal,
                portalToken: "browser00000000000000000001", at: Date())
            for (isInternal, text) in [
                (false, "<img src=x onerror=\"document.title='pwned'\">It burns"), (true, "Internal: call the brigade"),
            ] {
                _ = try tx.append(
                    TicketMessage(
                        ticketID: ticket.id, authorKind: isInternal ? .operator : .customer,
                        author: isInternal ? anna.person : Person(name: "Ivan", address: "ivan@example.ru"),
                        isInternal: isInternal, via: .mail,
                        text: text, html: nil, reply: text, messageIDHeader: nil, inboundID: nil, attachments: [],
                        createdAt: Date()))
            }
            return anna.id
        }
        let keys = try KeyRing(secret: Array("browser-console-secret-of-32-bytes!!".utf8))
        let (base, server) = try await serve(
            PortalRoutes(store: store, pages: try await PageLibrary.load(), keys: keys))
        defer { server.cancel() }
        let link = ConsoleLink.sign(ticketNumber: 1, operatorID: anna.rawValue, at: Date(), keys: keys)

        // When Anna opens her link, and someone tries it on another ticket
        let page = try dom("\(base)/console/tickets/1?k=\(link.key)")
        let moved = try dom("\(base)/console/tickets/2?k=\(link.key)")

        // Then she sees the conversation with the note marked, no script ran; the moved link opens nothing
        #expect(page.contains("Принтер горит") && page.contains("It burns") && page.contains("&lt;img"))
        #expect(page.contains("Internal note") && page.contains("Internal: call the brigade"))
        #expect(!page.contains("<title>pwned") && !page.contains("<img"))
        #expect(moved.contains("This link does not open a ticket") && !moved.contains("Принтер"))
    }
}
