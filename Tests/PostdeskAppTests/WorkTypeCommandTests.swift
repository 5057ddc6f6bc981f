import Foundation
import Testing

/// `postdesk worktype add|list`: hourly prices as decimal text or minor units, never floats (ARCHITECTURE §4).
@Suite("postdesk worktype", .serialized)
struct WorkTypeCommandTests {
    let cli = CommandLineTests()

    @Test("a type gets a price, a later --from adds a dated one, and the list shows both")
    func addAndList() throws {
        defer { try? FileManager.default.removeItem(atPath: cli.dataDir) }
        let first = try cli.postdesk([
            "worktype", "add", "Consulting", "--price", "3000", "--currency", "RUB", "--from", "2026-01-01",
        ])
        #expect(
            first.status == 0 && first.stdout == "work type Consulting: 3000.00 RUB per hour from 2026-01-01\n",
            "\(first)")
        let later = try cli.postdesk([
            "worktype", "add", "consulting", "--price", "350050m", "--currency", "RUB", "--from", "2026-07-01",
        ])
        #expect(later.status == 0 && later.stdout.contains("3500.50 RUB per hour from 2026-07-01"), "\(later)")

        let list = try cli.postdesk(["worktype", "list"])
        #expect(list.stdout == "Consulting\t3000.00 RUB from 2026-01-01, 3500.50 RUB from 2026-07-01\n", "\(list)")
    }

    @Test(
        "bad prices, currencies, days and repeats are refused with a message and exit 1",
        arguments: [
            (["--price", "12.345", "--currency", "EUR"], "not a price"),
            (["--price", "1e3", "--currency", "EUR"], "not a price"),
            (["--price=-5", "--currency", "EUR"], "not a price"),
            (["--price", "5", "--currency", "euro"], "not a price"),
            (["--price", "5", "--currency", "EUR", "--from", "2026-02-30"], "yyyy-MM-dd"),
            (["--price", "5", "--currency", "EUR", "--from", "2026-01-01"], "already has"),
        ])
    func refused(_ arguments: [String], _ message: String) throws {
        defer { try? FileManager.default.removeItem(atPath: cli.dataDir) }
        _ = try cli.postdesk([
            "worktype", "add", "Support", "--price", "5", "--currency", "EUR", "--from", "2026-01-01",
        ])
        let run = try cli.postdesk(["worktype", "add", "Support"] + arguments)
        #expect(run.status == 1 && run.stderr.contains(message), "\(run)")
    }
}
