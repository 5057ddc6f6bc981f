import Dispatch
import PostdeskCore

/// A serial queue of its own for blocking libcurl calls, bridged to async callers with a continuation.
///
/// Blocking calls must never run on Swift concurrency's cooperative pool (a handful of threads shared by every task)
/// or on NIO event loops: one slow server would stall unrelated work. Each mailbox and each sender owns one of these,
/// so its calls run one at a time, in order, on a Dispatch thread outside the pool.
struct BlockingQueue: Sendable {
    private let queue: DispatchQueue

    /// - Parameter label: names the queue's thread in debuggers and crash logs.
    init(label: String) {
        queue = DispatchQueue(label: label, qos: .utility)
    }

    /// Runs `body` on the queue and returns its result to the awaiting task.
    func run<T: Sendable>(
        _ body: @escaping @Sendable () throws(MailTransportError) -> T
    ) async throws(MailTransportError) -> T {
        let result: Result<T, MailTransportError> = await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: Result { () throws(MailTransportError) -> T in try body() })
            }
        }
        return try result.get()
    }

    /// Runs `body` on the queue; cancelling the awaiting task raises the flag `body` receives, which `body` polls.
    func runCancellable<T: Sendable>(
        _ body: @escaping @Sendable (CancellationFlag) throws(MailTransportError) -> T
    ) async throws(MailTransportError) -> T {
        let flag = CancellationFlag()
        let result: Result<T, MailTransportError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    continuation.resume(returning: Result { () throws(MailTransportError) -> T in try body(flag) })
                }
            }
        } onCancel: {
            flag.raise()
        }
        return try result.get()
    }
}
