/// A UID set in IMAP syntax (RFC 9051 §9 `sequence-set`), runs of consecutive UIDs written as ranges:
/// `[1, 2, 3, 7, 9, 10]` → `1:3,7,9:10`.
struct UIDSet: CustomStringConvertible, Hashable, Sendable {
    let uids: [UInt32]

    /// - Parameter uids: the UIDs, in any order and with repeats.
    init(_ uids: [UInt32]) {
        self.uids = Array(Set(uids)).sorted()
    }

    var description: String {
        var parts: [String] = []
        var index = 0
        while index < uids.count {
            var end = index
            while end + 1 < uids.count, uids[end + 1] == uids[end] + 1 { end += 1 }
            parts.append(end == index ? "\(uids[index])" : "\(uids[index]):\(uids[end])")
            index = end + 1
        }
        return parts.joined(separator: ",")
    }
}
