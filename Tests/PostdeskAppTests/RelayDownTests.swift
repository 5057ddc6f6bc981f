import Foundation
import PostdeskCore
import PostdeskGateway
import Testing

/// The outbox while the relay is unreachable: mail waits, then goes out once each (ARCHITECTURE §2 step 9).
///
/// Only this desk's relay goes down: it sends through a port of its own, where nothing listens for a minute and then
/// a plain TCP forwarder to the stack's Postfix does. Pausing the shared Postfix would fail every other suite that
/// runs meanwhile.
@Suite("Relay down", .serialized, .enabled(if: MailStack.isAvailable))
struct RelayDownTests {
    let stack = MailStack.current!

    /// A TCP forwarder from `port` to the stack's SMTP port, in a child process that ends when its stdin closes
    /// (`terminate` alone would leave a grandchild behind pyenv-like shims, holding the test runner's output open).
    static func forwarder(from port: Int, to target: String) throws -> (Process, Pipe) {
        let script = """
            import asyncio, sys
            async def pipe(r, w):
                try:
                    while data := await r.read(65536):
                        w.write(data); await w.drain()
                finally:
                    w.close()
            async def handle(r, w):
                tr, tw = await asyncio.open_connection('127.0.0.1', int(sys.argv[2]))
                await asyncio.gather(pipe(r, tw), pipe(tr, w), return_exceptions=True)
            async def main():
                server = await asyncio.start_server(handle, '127.0.0.1', int(sys.argv[1]))
                print('ready', flush=True)
                await asyncio.get_running_loop().run_in_executor(None, sys.stdin.read)
            asyncio.run(main())
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = ["-c", script, "\(port)", target]
        let output = Pipe()
        let input = Pipe()
        process.standardOutput = output
        process.standardInput = input
        process.standardError = FileHandle.nullDevice
        try process.run()
        _ = output.fileHandleForReading.availableData  // "ready": listening
        return (process, input)
    }

    @Test("with the SMTP relay down for a minute, acknowledgements wait and then all go out, once each")
    func relayDownForAMinute() async throws {
        // Given five customers whose mails are in, with acknowledgements queued
        let relayPort = Int.random(in: 41_000..<49_000)
        let desk = try await TestDesk(
            stack: stack, retry: RetryPolicy(base: .seconds(1), cap: .seconds(4)), smtpPort: "\(relayPort)")
        defer { desk.cleanUp() }
        var customers: [String] = []
        for n in 1...5 {
            let customer = try stack.newUser("waiting\(n)")
            customers.append(customer)
            try await stack.deliver(
                """
                From: \(customer)
                To: \(desk.support)
                Subject: Waiting \(n)
                Message-ID: <wait-\(n)-\(UUID().uuidString)@example.test>
                Date: Mon, 23 Nov 2026 10:00:00 +0000

                Hello.
                """, from: customer, to: [desk.support])
        }
        try await desk.ingest(expecting: customers.count)

        // When the relay refuses connections for a minute while the outbox keeps trying
        let downUntil = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < downUntil {
            try await desk.outbox.drainOnce()
            try await Task.sleep(for: .milliseconds(500))
        }
        let waiting = try await desk.postdesk.store.read { q in try q.outbox(state: .queued, limit: 100) }
        #expect(waiting.count == customers.count)
        #expect(waiting.allSatisfy { $0.attempts > 1 && $0.lastError != nil })

        // Then, once it is back, every acknowledgement goes out
        let (relay, relayInput) = try Self.forwarder(from: relayPort, to: stack.smtpPort)
        defer {
            try? relayInput.fileHandleForWriting.close()
            relay.terminate()
        }
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline,
            try await desk.postdesk.store.read({ q in try q.outbox(state: .sent, limit: 100).count }) < customers.count
        {
            try await desk.outbox.drainOnce()
            try await Task.sleep(for: .milliseconds(250))
        }
        let sent = try await desk.postdesk.store.read { q in try q.outbox(state: .sent, limit: 100) }
        #expect(sent.count == customers.count)

        // And each customer holds exactly one
        for customer in customers {
            let inbox = try await stack.waitForInbox(of: customer, count: 1)
            try await Task.sleep(for: .milliseconds(300))  // a second copy, if any, would land within this
            #expect(try await stack.inbox(of: customer).count == 1, "\(customer) \(inbox.count)")
        }
    }
}
