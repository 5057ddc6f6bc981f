import PostdeskCore
import Testing

/// A `MailSender` that records every message and answers with the outcomes it was scripted with.
/// A send beyond the script is a test failure (fakes fail on unexpected calls).
actor RecordingMailSender: MailSender {
    enum Outcome: Sendable {
        case accept
        case fail(MailTransportError)
    }

    private var script: [Outcome]
    private(set) var sent: [OutgoingMail] = []
    /// Yields the number of sends so far after each send, so a test can wait for one without sleeping.
    nonisolated let sends: AsyncStream<Int>
    private let continuation: AsyncStream<Int>.Continuation

    init(_ script: [Outcome] = []) {
        self.script = script
        (sends, continuation) = AsyncStream.makeStream(of: Int.self)
    }

    /// Adds outcomes for the next sends.
    func expect(_ outcomes: Outcome...) {
        script += outcomes
    }

    func send(_ mail: OutgoingMail) async throws {
        sent.append(mail)
        defer { continuation.yield(sent.count) }
        guard !script.isEmpty else {
            Issue.record("unexpected send #\(sent.count) to \(mail.recipients)")
            throw MailTransportError(code: .protocolError, message: "unexpected send", isTransient: false)
        }
        if case .fail(let error) = script.removeFirst() { throw error }
    }

    static let transient = MailTransportError(code: .timedOut, message: "421 try again later", isTransient: true)
    static let permanent = MailTransportError(code: .rejected, message: "550 5.1.1 no such user", isTransient: false)
}
