import Foundation
import PostdeskCore
import PostdeskWorkflow

/// One `/events` connection's SSE text: a frame for each change the operator may read, and nothing else.
///
/// What a stream carries must say nothing about tickets the operator may not see, not even how busy the desk is:
/// a hidden change writes no byte (not even a heartbeat, which would arrive off its beat), and frame ids count this
/// connection's frames (1, 2, 3 …) rather than the event table's row ids, whose gaps would show every change
/// made anywhere. Heartbeats come from the connection's own timer (``LiveFeed/heartbeat``), never from the feed.
struct LiveStreamFramer {
    var account: OperatorAccount
    var access: TicketAccess
    /// Frames written on this connection so far: the last frame's id.
    private(set) var sent = 0

    /// The comment that keeps proxies from closing an idle stream.
    static let heartbeat = ": heartbeat\n\n"

    struct EventPayload: Encodable {
        var ticket: Int64
        var kinds: [String]
        var status: String
    }

    init(account: OperatorAccount, access: TicketAccess) {
        self.account = account
        self.access = access
    }

    /// The frames for one batch: empty when the operator may read none of its tickets.
    mutating func frames(_ batch: [LiveChange]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var text = ""
        for change in batch where access.permission(of: .operator(account), on: change.ticket).mayRead {
            let payload = EventPayload(
                ticket: change.ticket.number.rawValue, kinds: change.kinds, status: change.ticket.status.rawValue)
            guard let data = try? encoder.encode(payload) else { continue }
            sent += 1
            // JSONEncoder writes one line; the payload holds no user text, only numbers and our event kinds.
            text += "id: \(sent)\nevent: ticket\ndata: \(String(decoding: data, as: UTF8.self))\n\n"
        }
        return text
    }
}
