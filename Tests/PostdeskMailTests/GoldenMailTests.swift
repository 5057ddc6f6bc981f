import Foundation
import PostdeskMail
import Testing

/// Every `Fixtures/<oddity>.eml` parsed and compared with `Fixtures/Expected/<oddity>.json` (the §4 JSON).
///
/// Re-record with `RECORD_SNAPSHOTS=1 swift test --filter GoldenMailTests`; recording fails the test so a
/// re-recorded snapshot is never mistaken for a passing one.
@Suite struct GoldenMailTests {
    static let fixtures: URL = {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures missing from the test bundle")
        }
        return url
    }()

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: fixtures.path)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func fixturesArePresent() {
        #expect(Self.names.count >= 10)
    }

    @Test(arguments: names)
    func matchesGolden(name: String) throws {
        // Given a fixture message
        let raw = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("\(name).eml")))
        // When it is parsed
        let mail = try MailParser().parse(raw)
        let produced = try JSONSerialization.jsonObject(with: mail.jsonData()) as? NSDictionary
        // Then its JSON equals the golden file
        let expectedURL = Self.fixtures.appendingPathComponent("Expected/\(name).json")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            let object = try JSONSerialization.jsonObject(with: mail.jsonData())
            let pretty = try JSONSerialization.data(
                withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("Fixtures/Expected/\(name).json")
            try pretty.write(to: source)
            Issue.record("recorded \(name).json; run again without RECORD_SNAPSHOTS")
            return
        }
        let expectedData = try Data(contentsOf: expectedURL)
        let expected = try JSONSerialization.jsonObject(with: expectedData) as? NSDictionary
        #expect(produced == expected, "\(name): \(String(decoding: mail.jsonData(), as: UTF8.self))")
    }
}
