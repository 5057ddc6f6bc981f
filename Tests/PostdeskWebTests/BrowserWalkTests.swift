import Foundation
import Hummingbird
import PostdeskApp
import PostdeskCore
import PostdeskGateway
import PostdeskStore
import PostdeskWorkflow
import Synchronization
import Testing

@testable import PostdeskWeb

/// Issue 10, "How it will be checked": the customer's and the operator's paths walked in Debian's headless Chromium,
/// driven by Playwright for Python (`Browser/walk.py`), against `serve`'s own composition over a real SQLite file.
/// Screenshots of each step land in the directory the test prints.
@Suite(
    "Browser walk", .serialized,
    .enabled(if: Browser.chromium != nil, "Debian's chromium is not installed (deploy/install-deps --test)"),
    .enabled(
        if: PlaywrightPython.interpreter != nil,
        "Playwright for Python is not installed (deploy/install-deps --test; never `playwright install`)"))
struct BrowserWalkTests {
    static let operatorPassword = "operator horse battery"
    /// A mail whose HTML tries everything that would run script: any of it that ran would call `/pwned`.
    static let scriptedHTML = """
        <p>Hello from HTML</p><script>document.title='pwned';window.pwned=1;fetch('/pwned?script')</script>\
        <img src=x onerror="window.pwned=1;fetch('/pwned?onerror')">\
        <svg onload="fetch('/pwned?svg')"></svg>\
        <a id="js" href="javascript:window.pwned=1;fetch('/pwned?href')">click me</a>
        """

    @Test("sign up → mail → password → sign in → form → reply with a file; operator reply, note, assign, solve, time")
    func walk() async throws {
        // Given `serve`'s routes over a fresh data directory, operator Anna and admin Boris with passwords, a work
        // type, and Ivan's scripted HTML mail as ticket #1
        let desk = try await WalkDesk()
        defer { desk.remove() }
        let pwned = Mutex<[String]>([])
        let router = try await desk.postdesk.portalRoutes().router()
        router.get("/pwned") { request, _ in
            pwned.withLock { $0.append(request.uri.description) }
            return "caught\n"
        }
        let server = try await LiveServer.start(router)
        defer { server.stop() }
        let base = "http://127.0.0.1:\(server.port)"
        let renderer = try await desk.renderer(baseURL: base)
        let artifacts = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".build/test-artifacts/browser")
        try? FileManager.default.removeItem(at: artifacts)
        print("BrowserWalk: screenshots in \(artifacts.path)")

        // When the walk runs in one Chromium, answering its questions about the outbox
        let started = ContinuousClock.now
        let run = try await PlaywrightRun.start(
            script: "walk.py",
            environment: [
                "WALK_BASE": base, "WALK_ARTIFACTS": artifacts.path, "WALK_CHROMIUM": try #require(Browser.chromium),
                "WALK_OPERATOR_PASSWORD": Self.operatorPassword,
            ])
        var result: WalkResult?
        for await line in run.lines {
            guard let message = try? JSONDecoder().decode(WalkMessage.self, from: Data(line.utf8)) else {
                print("walk: \(line)")
                continue
            }
            if let question = message.ask {
                let link = try await desk.mailLink(to: question.to, template: question.template, renderer: renderer)
                run.answer(String(decoding: try JSONEncoder().encode(["link": link ?? ""]), as: UTF8.self))
            } else if let step = message.step {
                print("BrowserWalk: \(step) \(message.url ?? "") → \(message.screenshot ?? "")")
            } else if let done = message.result {
                result = done
            }
        }
        let status = await run.exit()
        let elapsed = ContinuousClock.now - started
        print("BrowserWalk: walk took \(elapsed)")

        // Then the walk passed every step in the browser
        #expect(status == 0, "walk.py failed:\n\(run.errors)")
        let walked = try #require(result, "walk.py ended without a result:\n\(run.errors)")
        #expect(walked.pageErrors.isEmpty, "uncaught script errors: \(walked.pageErrors)")
        #expect(walked.screenshots.count >= 12)
        for message in walked.console where message.type == "error" { print("BrowserWalk console: \(message.text)") }
        // And Chromium said why: the mail's script was there and the frame's sandbox blocked it
        #expect(walked.console.contains { $0.who == "customer" && $0.text.contains("sandboxed") })
        #expect(walked.queueWalked, "GET /console: the queue and search were not walked")
        // And no script of the mail ran anywhere: nothing called /pwned
        #expect(pwned.withLock { $0 }.isEmpty)

        // And the store holds what the pages showed: Ivan's reply with its file, Anna's relayed reply, her internal
        // note, the assignment, the solved status and the time entry
        let number = TicketNumber(Int64(walked.ticket))
        let (ticket, messages, outbox, times) = try await desk.postdesk.store.read { q in
            let ticket = try #require(try q.ticket(number: number))
            return (
                ticket, try q.messages(of: ticket.id, includeInternal: true), try q.outbox(ticket: ticket.id),
                try q.timeEntries(of: ticket.id)
            )
        }
        let file = try #require(messages.first { $0.text == "Here is the log." }?.attachments.first)
        #expect(file.filename == "printer-log.txt")
        #expect(try desk.postdesk.blobs.get(sha256: file.sha256) == Array("paper jam at 14:02\n".utf8))
        #expect(
            outbox.contains {
                $0.item.template == "operator_reply" && $0.item.recipient.address == "ivan@example.ru"
            })
        #expect(messages.contains { $0.isInternal && $0.text == "Probably the warranty case." })
        #expect(ticket.assigneeID == desk.anna && ticket.status == .solved && ticket.tags.contains("scanner"))
        #expect(times.map(\.minutes) == [45] && times.first?.workType == "consulting")
        #expect(elapsed < .seconds(90))
    }
}

/// What walk.py writes, one JSON object a line.
struct WalkMessage: Decodable {
    struct Question: Decodable {
        var to: String
        var template: String
    }
    var ask: Question?
    var step: String?
    var url: String?
    var screenshot: String?
    var result: WalkResult?
}

/// The walk's summary: the ticket it opened, its screenshots, and what the browser's console said.
struct WalkResult: Decodable {
    struct ConsoleMessage: Decodable {
        var who: String
        var type: String
        var text: String
    }
    var ticket: Int
    var queueWalked: Bool
    var screenshots: [String]
    var console: [ConsoleMessage]
    var pageErrors: [[String: String]]
}

/// A data directory wired by `serve`'s composition root (``Postdesk``), seeded for the walk.
struct WalkDesk {
    let postdesk: Postdesk
    let config: PostdeskConfig
    let anna: OperatorID

    init() async throws {
        var config = PostdeskConfig()
        config.dataDir =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "postdesk-walk-\(UUID().uuidString)"
            ).path
        config.supportAddress = "support@support.test"
        config.secret = "browser-walk-secret-of-at-least-32-bytes"
        config.templatesDir =
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("MailTemplates").path
        self.config = config
        postdesk = try Postdesk(config: config)
        let date = Date()
        anna = try await postdesk.store.write { tx in
            _ = try tx.addTeam(name: "support", at: date)
            for (role, address, name) in [
                (Role.operator, "anna@support.test", "Anna"), (.admin, "boris@support.test", "Boris"),
            ] {
                _ = try tx.addUser(
                    NewUser(role: role, address: EmailAddress(address)!, name: name, teams: ["support"]), at: date)
            }
            _ = try tx.addWorkTypePrice(
                name: "consulting",
                price: WorkTypePrice(amount: Money(minorUnits: 100, currency: "EUR"), from: "2020-01-01"),
                at: date)
            return try #require(try tx.operatorAccount(address: "anna@support.test")).id
        }
        let accounts = try await postdesk.portalRoutes().accounts
        for address in ["anna@support.test", "boris@support.test"] {
            #expect(try await accounts.setPassword(email: address, password: BrowserWalkTests.operatorPassword))
        }
        // Ivan's scripted HTML mail, as the poller hands it to the workflow
        let message = InboundMessage(
            from: Person(name: "Ivan", address: "ivan@example.ru"), subject: "Printer on fire",
            text: "Hello <script>document.title='pwned'</script>", html: BrowserWalkTests.scriptedHTML,
            reply: "Hello <script>document.title='pwned'</script>", messageID: "walk-1@example.ru", attachments: [],
            language: "en", automatic: nil, hints: ThreadHints(), mailbox: postdesk.defaultMailbox)
        let workflow = postdesk.workflow()
        _ = try await postdesk.store.write { tx in
            let raw = Array("walk-1".utf8)
            guard
                case .recorded(let inbound) = try tx.recordInbound(
                    NewInbound(
                        mailbox: "INBOX", uidValidity: nil, uid: nil, sha256: String(repeating: "a", count: 64),
                        raw: raw, receivedAt: date))
            else { throw CancellationError() }
            return try workflow.apply(message, inbound: inbound, in: tx)
        }
    }

    /// The renderer `serve`'s outbox uses, with links to `baseURL` (known once the server listens).
    func renderer(baseURL: String) async throws -> MailRenderer {
        var config = config
        config.baseURL = baseURL
        return try await Postdesk(config: config).renderer()
    }

    /// The account link in the newest queued `template` mail to `to`, read from the mail as rendered for sending.
    func mailLink(to: String, template: String, renderer: MailRenderer) async throws -> String? {
        let item = try await postdesk.store.read { q in
            try q.outbox(state: .queued, limit: 1000).last {
                $0.item.template == template && $0.item.recipient.address == to
            }
        }
        guard let item else { return nil }
        // Quoted-printable soft breaks and `=3D` undone, so the link reads as the customer's mail program shows it.
        let text = String(decoding: try renderer.render(item, date: Date()), as: UTF8.self)
            .replacingOccurrences(of: "=\r\n", with: "").replacingOccurrences(of: "=3D", with: "=")
        guard let found = text.firstMatch(of: /https?:\/\/[^\s"<>]+\/password\/[A-Za-z0-9_\-]+/) else { return nil }
        return String(found.0)
    }

    func remove() { try? FileManager.default.removeItem(atPath: config.dataDir) }
}

/// A Python interpreter that has Playwright (`pip install playwright`; its browsers are never downloaded: the walk
/// drives Debian's Chromium).
enum PlaywrightPython {
    /// Where `deploy/install-deps --test` puts Playwright when no `python3` on the PATH has it.
    static let venv = "/opt/postdesk-test/venv/bin/python3"

    /// `$POSTDESK_PLAYWRIGHT_PYTHON`, the test venv, then each `python3` on the PATH: the first that imports Playwright.
    static let interpreter: String? = {
        let environment = ProcessInfo.processInfo.environment
        let path = (environment["PATH"] ?? "/usr/bin").split(separator: ":").map { "\($0)/python3" }
        let candidates =
            [environment["POSTDESK_PLAYWRIGHT_PYTHON"], venv].compactMap { $0 } + path + ["/usr/bin/python3"]
        return candidates.first { candidate in
            guard FileManager.default.isExecutableFile(atPath: candidate) else { return false }
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate)
            process.arguments = ["-c", "import playwright.sync_api"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return false }
            process.waitUntilExit()
            return process.terminationStatus == 0
        }
    }()
}

/// A Playwright script from `Browser/` running under ``PlaywrightPython``: its stdout as lines, answers to its stdin,
/// its stderr kept for the failure message. Killed after `timeout`, so a stuck browser fails the test instead of
/// hanging it.
final class PlaywrightRun: @unchecked Sendable {
    let process = Process()
    let input = Pipe()
    /// What the script writes to stdout, line by line; finishes when it closes stdout.
    let lines: AsyncStream<String>
    /// Its stderr, complete once the script has ended (then the one value, then the end).
    private let stderr: AsyncStream<String>
    /// Its exit status (one value).
    private let status: AsyncStream<Int32>
    /// Its stderr, once ``exit()`` has returned.
    private(set) var errors = ""

    private init(lines: AsyncStream<String>, stderr: AsyncStream<String>, status: AsyncStream<Int32>) {
        self.lines = lines
        self.stderr = stderr
        self.status = status
    }

    static func start(script: String, environment: [String: String], timeout: Duration = .seconds(120)) async throws
        -> PlaywrightRun
    {
        let (lines, linesOut) = AsyncStream.makeStream(of: String.self)
        let (stderr, stderrOut) = AsyncStream.makeStream(of: String.self)
        let (status, statusOut) = AsyncStream.makeStream(of: Int32.self)
        let run = PlaywrightRun(lines: lines, stderr: stderr, status: status)
        let output = Pipe()
        let errors = Pipe()
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "Browser/\(script)")
        run.process.executableURL = URL(fileURLWithPath: try #require(PlaywrightPython.interpreter))
        run.process.arguments = ["-u", path.path]
        run.process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        run.process.standardInput = run.input
        run.process.standardOutput = output
        run.process.standardError = errors
        run.process.terminationHandler = { process in
            statusOut.yield(process.terminationStatus)
            statusOut.finish()
        }
        try run.process.run()
        // Blocking reads on threads of their own, never on the cooperative pool the server's handlers share.
        Thread.detachNewThread {
            var pending: [UInt8] = []
            while true {
                let chunk = output.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                pending += chunk
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    linesOut.yield(String(decoding: pending[..<newline], as: UTF8.self))
                    pending.removeSubrange(...newline)
                }
            }
            if !pending.isEmpty { linesOut.yield(String(decoding: pending, as: UTF8.self)) }
            linesOut.finish()
        }
        Thread.detachNewThread {
            stderrOut.yield(String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self))
            stderrOut.finish()
        }
        Task.detached {
            try? await Task.sleep(for: timeout)
            if run.process.isRunning { run.process.terminate() }
        }
        return run
    }

    /// One line to the script's stdin.
    func answer(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// The exit status, once the script has ended and its stderr is read.
    func exit() async -> Int32 {
        var code: Int32 = -1
        for await value in status { code = value }
        for await text in stderr { errors = text }
        return code
    }
}
