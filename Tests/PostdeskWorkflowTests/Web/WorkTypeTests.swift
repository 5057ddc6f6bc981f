import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// Work types with dated prices: amounts in minor units, never floats (ARCHITECTURE §4, Time and money).
@Suite struct WorkTypeTests {
    @Test(
        "prices are read as decimal text or minor units",
        arguments: [
            ("1500", "RUB", Int64(150_000)), ("1500.5", "RUB", 150_050), ("1500,50", "EUR", 150_050),
            ("150050m", "RUB", 150_050), ("1500", "JPY", 1500), ("1.234", "KWD", 1234), ("0.01", "USD", 1),
        ])
    func parse(_ text: String, _ currency: String, _ minor: Int64) {
        #expect(Money(parsing: text, currency: currency) == Money(minorUnits: minor, currency: currency))
    }

    @Test(
        "anything else is refused",
        arguments: [
            ("1.005", "USD"), ("1.5", "JPY"), ("-1", "RUB"), ("1e3", "RUB"), ("", "RUB"), ("1.", "RUB"), (".5", "RUB"),
            ("1.5m", "RUB"), ("m", "RUB"), ("1500", "rub"), ("1500", "RUBL"), ("9999999999999999", "RUB"),
            ("1 500", "RUB"), ("١٥", "RUB"),
        ])
    func refused(_ text: String, _ currency: String) {
        #expect(Money(parsing: text, currency: currency) == nil)
    }

    @Test(
        "decimal text has the currency's digits",
        arguments: [(Int64(300_000), "RUB", "3000.00"), (5, "EUR", "0.05"), (7, "JPY", "7"), (1234, "KWD", "1.234")])
    func text(_ minor: Int64, _ currency: String, _ expected: String) {
        #expect(Money(minorUnits: minor, currency: currency).decimalText == expected)
    }

    static func rub(_ amount: Int64, _ from: String) -> WorkTypePrice {
        WorkTypePrice(amount: Money(minorUnits: amount, currency: "RUB"), from: from)
    }

    @Test("a later --from adds a dated price to the same type; the price on a day is the latest in force")
    func datedPrices() async throws {
        let h = try WorkflowHarness()
        let now = h.world.now
        _ = try await h.store.write { tx in
            try tx.addWorkTypePrice(name: "Consulting", price: Self.rub(300_000, "2026-01-01"), at: now)
        }
        let type = try await h.store.write { tx in
            try tx.addWorkTypePrice(name: "consulting", price: Self.rub(350_000, "2026-07-01"), at: now)
        }
        #expect(type.name == "Consulting" && type.prices.count == 2)
        #expect(type.price(in: "RUB", on: "2026-06-30")?.minorUnits == 300_000)
        #expect(type.price(in: "RUB", on: "2026-07-01")?.minorUnits == 350_000)
        #expect(type.price(in: "RUB", on: "2025-12-31") == nil && type.price(in: "EUR", on: "2026-08-01") == nil)
        // The same day twice is a conflict, not a silent overwrite
        await #expect(throws: StoreError.self) {
            _ = try await h.store.write { tx in
                try tx.addWorkTypePrice(name: "CONSULTING", price: Self.rub(1, "2026-07-01"), at: now)
            }
        }
        let types = try await h.store.read { q in try q.workTypes() }
        #expect(types.count == 1)
    }
}
