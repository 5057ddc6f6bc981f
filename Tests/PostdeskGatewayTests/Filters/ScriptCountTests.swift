import Foundation
import PostdeskMail
import Testing

@testable import PostdeskGateway

/// The byte-level letter count must decide exactly as the scalar-property count it replaced.
@Suite struct ScriptCountTests {
    /// The count before the fast path, kept verbatim as the reference.
    static func reference(subject: String, body: String) -> ScriptCount {
        let sample = (subject + " " + body).unicodeScalars.prefix(2000)
        let letters = sample.filter { $0.properties.isAlphabetic }
        let cyrillic = letters.filter { (0x0400...0x04FF).contains($0.value) }
        return ScriptCount(letters: letters.count, cyrillic: cyrillic.count)
    }

    /// Every mail fixture of the parser's tests, and the shared Zammad corpus when this machine has it.
    static func corpus() throws -> [URL] {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("PostdeskMailTests/Fixtures")
        let roots = [fixtures, URL(fileURLWithPath: "/work/shared/corpus/zammad/mail")]
        return roots.flatMap { root -> [URL] in
            let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?.allObjects ?? []
            return files.compactMap { $0 as? URL }.filter { $0.pathExtension == "eml" }
        }
    }

    @Test("every corpus mail: the same letter and Cyrillic counts as the reference")
    func corpusMails() throws {
        // Given the parser's fixtures (and the Zammad corpus)
        let files = try Self.corpus()
        #expect(files.count >= 30)
        for file in files {
            guard let parsed = try? MailParser().parse([UInt8](try Data(contentsOf: file))) else { continue }
            // When both counts look at subject and reply
            let subject = parsed.subject ?? ""
            // Then they agree
            #expect(
                ScriptCount(subject: subject, body: parsed.reply)
                    == Self.reference(subject: subject, body: parsed.reply),
                "\(file.lastPathComponent)")
        }
    }

    @Test(
        "edge texts: the same counts as the reference",
        arguments: [
            ("", ""), ("Printer", "It burns."), ("Принтер", "Горит"), ("҂҃҄ ҈҉ Ѐ ӿ ԀԐ", "ǅ ʰ ˆ ͅ Ά ϶"),
            ("ｆｕｌｌ　ｗｉｄｔｈ", "中文 日本語 한국어 🙂👍🏽 e\u{301}"), (String(repeating: "я", count: 2500), "abc"),
            (String(repeating: "a", count: 1999), "ж"), (String(repeating: "a", count: 2000), "ж"),
            ("x", String(repeating: "ё1 ", count: 900)), ("\u{0}\u{7F}\u{80}\u{FF}", "\u{10FFFF}\u{FFFD}"),
        ]
    )
    func edges(subject: String, body: String) {
        #expect(ScriptCount(subject: subject, body: body) == Self.reference(subject: subject, body: body))
    }

    @Test("random texts over many scripts: the same counts as the reference")
    func randomTexts() {
        // Given scalars from ASCII, Latin, Greek, Cyrillic (with its non-letters), CJK, emoji and the astral planes
        let ranges: [ClosedRange<UInt32>] = [
            0x20...0x7E, 0x00...0x1F, 0x80...0x24F, 0x0370...0x03FF, 0x0400...0x052F, 0x0590...0x06FF,
            0x0900...0x097F, 0x3000...0x30FF, 0x4E00...0x4F00, 0xAC00...0xAD00, 0x1F300...0x1F6FF,
            0x10000...0x10FFFF,
        ]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<400 {
            func text(_ length: Int) -> String {
                var scalars = String.UnicodeScalarView()
                for _ in 0..<length {
                    let range = ranges.randomElement(using: &generator)!
                    if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &generator)) {
                        scalars.append(scalar)
                    }
                }
                return String(scalars)
            }
            let subject = text(Int.random(in: 0...60))
            let body = text(Int.random(in: 0...2600))
            // When both count, then they agree
            #expect(ScriptCount(subject: subject, body: body) == Self.reference(subject: subject, body: body))
        }
    }
}
