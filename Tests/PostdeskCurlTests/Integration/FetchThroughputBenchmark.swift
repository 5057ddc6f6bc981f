import Foundation
import PostdeskCore
import Testing

@testable import PostdeskCurl

extension MailstackTests {
    /// Fetch speed of ``CurlIMAPMailbox`` next to Python's imaplib on the same 2,000 waiting small mails.
    ///
    /// Off by default: `POSTDESK_BENCHMARK=1 MAILSTACK_DIR=… swift test --filter FetchThroughputBenchmark` (add
    /// `-c release` for numbers that mean something). It prints one line per run and checks only that every mail came.
    @Suite(.enabled(if: ProcessInfo.processInfo.environment["POSTDESK_BENCHMARK"] == "1", "set POSTDESK_BENCHMARK=1"))
    struct FetchThroughputBenchmark {
        let stack = Mailstack.current!
        static let count = 2000

        @Test func curlReaderAgainstImaplib() async throws {
            // Given 2,000 small mails waiting in a fresh mailbox
            let user = try stack.newUser("bench")
            try stack.run(stack.scripts + "/fill", user, "\(Self.count)")
            _ = try imaplib(user)  // warm up: Dovecot indexes the new mails once

            // When each client fetches all of them on one fresh connection, three times
            for batch in [100, 500] {
                var best = Duration.seconds(3600)
                for _ in 0..<3 {
                    let (mails, elapsed) = try await fetchAll(user, batch: batch)
                    #expect(mails == Self.count)
                    best = min(best, elapsed)
                }
                let rate = Self.rate(best)
                print("PostdeskCurl CurlIMAPMailbox (batch \(batch)): \(rate) mails/s (\(best) for \(Self.count))")
            }
            var bestPython = 0.0
            for _ in 0..<3 {
                let result = try imaplib(user)
                #expect(result.mails == Self.count)
                bestPython = max(bestPython, result.rate)
            }
            print("Python imaplib (one UID FETCH 1:*): \(Int(bestPython)) mails/s")
        }

        /// Connect, select, and fetch in batches until nothing is left; the time covers all of it.
        func fetchAll(_ user: String, batch: Int) async throws -> (Int, Duration) {
            let clock = ContinuousClock()
            let start = clock.now
            let reader = try CurlIMAPMailbox(config: stack.imap(user))
            _ = try await reader.select()
            var last: UInt32 = 0
            var total = 0
            while true {
                let mails = try await reader.fetch(after: last, limit: batch)
                guard let highest = mails.last?.uid else { break }
                total += mails.count
                last = highest
            }
            let elapsed = start.duration(to: clock.now)
            await reader.close()
            return (total, elapsed)
        }

        func imaplib(_ user: String) throws -> (mails: Int, rate: Double) {
            let output = try stack.run(
                stack.scripts + "/bench-imaplib", "127.0.0.1", "\(stack.imapPort)", user, Mailstack.password)
            let json = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any]
            return (json?["mails"] as? Int ?? 0, json?["mails_per_second"] as? Double ?? 0)
        }

        static func rate(_ elapsed: Duration) -> Int {
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            return Int(Double(count) / seconds)
        }
    }
}
