import Foundation
import PostdeskCore
import PostdeskStore

// Portal store harness: Benchmarks/portal/run builds it and runs it.
//   PortalBench [--tickets N] [--messages M] [--database FILE] [--iterations K] [--only TEXT]
// Seeds N tickets (default 1,000,000) into FILE when it does not exist yet (a file that exists is measured as it
// is), then prints p50/p99 of each read a portal or console page makes, measured through the store API (the same
// `TicketStore.read` calls the web makes), K times each (default 200), on random operators, customers and tickets.
// `--only TEXT` measures only the reads whose name contains TEXT (e.g. `search`).

/// The value after `--name`, or nil.
func option(_ name: String) -> String? {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return nil }
    return arguments[index + 1]
}

let tickets = option("tickets").flatMap(Int.init) ?? 1_000_000
let messages = option("messages").flatMap(Int.init) ?? 4
let iterations = option("iterations").flatMap(Int.init) ?? 200
let only = option("only")
let path =
    option("database")
    ?? FileManager.default.temporaryDirectory.appendingPathComponent("portal-bench-\(getpid()).sqlite").path

func report(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let fresh = !FileManager.default.fileExists(atPath: path)
let store = try SQLiteStore(path: path)
try store.migrate()
if fresh {
    let started = ContinuousClock.now
    let summary = try store.seed(
        SeedPlan(
            tickets: tickets, messagesPerTicket: messages,
            passwordHash: "$2b$04$benchbenchbenchbenchbeu7pYbRrGQ0fWkIDu0zxq0OYpGqk8q1W", now: Date())
    ) { written in
        if written % 100_000 == 0 { FileHandle.standardError.write(Data("seeded \(written)\n".utf8)) }
    }
    let seconds = (ContinuousClock.now - started) / .seconds(1)
    report(
        "seed: \(summary.tickets) tickets, \(summary.messages) messages, \(summary.customers) customers, "
            + "\(summary.operators) operators, \(summary.timeEntries) time entries in \(String(format: "%.0f", seconds)) s"
    )
}
let bytes = ["", "-wal"].compactMap {
    try? FileManager.default.attributesOfItem(atPath: path + $0)[.size] as? Int
}.reduce(0, +)
report("database: \(path), \(bytes / 1_048_576) MB")

/// SplitMix64, fixed seed: every run asks for the same tickets.
struct Picks {
    var state: UInt64 = 42
    mutating func next(_ bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(max(bound, 1)))
    }
}

let (ticketCount, customerCount, operatorIDs) = try await store.read { q in
    (
        try q.tickets(limit: 1).first?.number.rawValue ?? 0, try q.customerAccounts().count,
        try q.operatorAccounts(includeDisabled: false).map { ($0.id, $0.teams) }
    )
}
/// Runs `work` `iterations` times (after 5 unmeasured warm-up runs) and prints p50, p99 and the rows it returned.
func measure(_ name: String, _ work: (inout Picks) async throws -> Int) async throws {
    if let only, !name.contains(only) { return }
    var picks = Picks()
    var rows = 0
    for _ in 0..<5 { rows = try await work(&picks) }
    var samples: [Double] = []
    for _ in 0..<iterations {
        let started = ContinuousClock.now
        rows = try await work(&picks)
        samples.append((ContinuousClock.now - started) / .milliseconds(1))
    }
    samples.sort()
    let p50 = samples[samples.count / 2]
    let p99 = samples[min(samples.count - 1, Int(Double(samples.count) * 0.99))]
    report(String(format: "%-44@ p50 %7.2f ms   p99 %7.2f ms   (%d rows)", name as NSString, p50, p99, rows))
}

func queue(_ view: @escaping (inout Picks) -> TicketQueue.View, statuses: Set<TicketStatus> = [], search: String = "")
    -> (inout Picks) async throws -> Int
{
    { picks in
        let queue = TicketQueue(view: view(&picks), statuses: statuses, search: SearchText(search), pageSize: 50)
        return try await store.read { q in try q.queue(queue) }.rows.count
    }
}

let active: Set<TicketStatus> = [.new, .open, .pending]
let someOperator: (inout Picks) -> TicketQueue.View = { .mine(operatorIDs[$0.next(operatorIDs.count)].0) }
let someTeam: (inout Picks) -> TicketQueue.View = { .teams(operatorIDs[$0.next(operatorIDs.count)].1) }
for (label, statuses) in [("active", active), ("any status", Set<TicketStatus>())] {
    try await measure("queue all, \(label)", queue({ _ in .all }, statuses: statuses))
    try await measure("queue mine, \(label)", queue(someOperator, statuses: statuses))
    try await measure("queue team, \(label)", queue(someTeam, statuses: statuses))
    try await measure("queue unassigned, \(label)", queue({ _ in .unassigned }, statuses: statuses))
}
try await measure("queue all, by priority") { _ in
    try await store.read { q in try q.queue(TicketQueue(view: .all, sort: QueueSort(.priority))) }.rows.count
}
try await measure("queue all, page 2 (keyset)") { _ in
    try await store.read { q in
        let first = try q.queue(TicketQueue(view: .all, statuses: active))
        return try q.queue(TicketQueue(view: .all, statuses: active, after: first.next)).rows.count
    }
}
// "re" stands for a dozen words: a prefix expanded into its words (v19), like "passw".
for word in ["refund", "возврат", "Baikal", "курьер Томск", "passw", "re"] {
    try await measure("search \"\(word)\", all", queue({ _ in .all }, search: word))
}
try await measure("search \"refund\", mine, active", queue(someOperator, statuses: active, search: "refund"))
// The web's queue searches the active tickets by default (`/console?view=all&q=…`).
for word in ["refund", "возврат", "Baikal"] {
    try await measure("search \"\(word)\", all, active", queue({ _ in .all }, statuses: active, search: word))
}
try await measure("customer's tickets") { picks in
    let customer = CustomerID(Int64(picks.next(customerCount) + 1))
    return try await store.read { q in try q.customerTickets(of: customer, pageSize: 20, after: nil) }.rows.count
}
try await measure("customer's other tickets") { picks in
    let ticket = TicketID(Int64(picks.next(Int(ticketCount)) + 1))
    return try await store.read { q in try q.otherTickets(ofCustomerOf: ticket, limit: 10) }.count
}
try await measure("ticket with its messages") { picks in
    let number = TicketNumber(Int64(picks.next(Int(ticketCount)) + 1))
    return try await store.read { q in
        guard let ticket = try q.ticket(number: number) else { return 0 }
        return try q.messages(of: ticket.id, includeInternal: true).count
    }
}
try store.close()
