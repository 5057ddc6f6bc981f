import Foundation
import GRDB
import Testing

@testable import PostdeskStore

/// Dates bound without a formatter must be the very bytes GRDB's `DateFormatter` writes.
@Suite struct StoredDateTests {
    static func grdb(_ date: Date) -> String? {
        String.fromDatabaseValue(date.databaseValue)
    }

    @Test(
        "edge dates: the same text as GRDB's formatter",
        arguments: [
            0, -0.0005, -0.001, 0.0009999, 0.0015, 0.0025, 0.0035, -0.0025, 1_700_000_000.0025, 1_700_000_000.123_456,
            951_782_400, 951_868_799.999_9, 4_102_444_800,
            -2_208_988_800.5, -11_644_473_600, 253_402_300_799.999, 1_735_689_599.999_5, 1_609_459_200.000_1,
        ] as [TimeInterval]
    )
    func edges(seconds: TimeInterval) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(StoredDate.text(date) == Self.grdb(date), "\(seconds)")
    }

    @Test("random dates from 1601 to 9999, with sub-millisecond parts: the same text as GRDB's formatter")
    func randomDates() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20000 {
            let date = Date(
                timeIntervalSince1970: Double.random(in: -11_644_473_600..<253_402_300_800, using: &generator))
            #expect(StoredDate.text(date) == Self.grdb(date), "\(date.timeIntervalSince1970)")
        }
        // Around now, where every real row is
        for _ in 0..<20000 {
            let date = Date(timeIntervalSinceNow: Double.random(in: -1e9...1e9, using: &generator))
            #expect(StoredDate.text(date) == Self.grdb(date), "\(date.timeIntervalSince1970)")
        }
    }

    @Test("a date read back from the database is written back as GRDB would write it")
    func roundTrip() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let date = Date(timeIntervalSinceNow: Double.random(in: -1e9...1e9, using: &generator))
            let text = try #require(StoredDate.text(date))
            let read = try #require(Date.fromDatabaseValue(text.databaseValue))
            #expect(StoredDate.text(read) == Self.grdb(read))
        }
    }

    @Test("outside 1601…9999 the text is GRDB's own", arguments: [-1e12, -6e10, 3e11] as [TimeInterval])
    func farDates(seconds: TimeInterval) {
        let date = Date(timeIntervalSince1970: seconds)
        #expect(StoredDate.text(date) == nil)
        #expect(String.fromDatabaseValue(StoredDate(date).databaseValue) == Self.grdb(date))
    }
}
