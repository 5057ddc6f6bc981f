import Foundation
import PostdeskMail
import Testing

/// Replies as each mail client structures them (`Fixtures/Replies/<client>-<language>.eml`, both alternatives
/// where the client sends both): `reply` is exactly what the sender typed (`<name>.typed.txt`), with the
/// client's quote, attribution, header block and signature lines gone.
@Suite struct ClientReplyTests {
    static let directory = GoldenMailTests.fixtures.appendingPathComponent("Replies")

    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".eml") }.map { String($0.dropLast(4)) }.sorted()
    }()

    @Test func everyClientIsCovered() {
        let clients = Set(Self.names.map { $0.split(separator: "-").first.map(String.init) ?? $0 })
        #expect(
            clients.isSuperset(of: [
                "gmail", "outlook", "apple", "iphone", "thunderbird", "k9", "samsung", "yahoo", "protonmail", "mailru",
                "yandex",
            ]))
    }

    @Test(arguments: names)
    func replyIsWhatTheSenderTyped(name: String) throws {
        let raw = try [UInt8](Data(contentsOf: Self.directory.appendingPathComponent("\(name).eml")))
        let typed = try String(contentsOf: Self.directory.appendingPathComponent("\(name).typed.txt"), encoding: .utf8)
        let mail = try MailParser().parse(raw)
        #expect(mail.reply == typed)
        // The full text is kept too.
        #expect(mail.text.count > mail.reply.count || name.hasPrefix("inline"))
    }
}
