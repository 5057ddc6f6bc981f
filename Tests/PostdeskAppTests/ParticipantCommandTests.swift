import Foundation
import Testing

/// `postdesk tickets participant add|list` and the `participants` key of `tickets show --json`.
@Suite("postdesk tickets participant", .serialized)
struct ParticipantCommandTests {
    let cli = CommandLineTests()

    @Test("an operator lists and adds participants; show --json includes them; bad input is refused")
    func addAndList() throws {
        defer { try? FileManager.default.removeItem(atPath: cli.dataDir) }
        // Given ticket #1 from Ivan
        let ingest = try cli.postdesk(["ingest", "-", "--mailbox", "pipe"], stdin: CommandLineTests.mail)
        #expect(ingest.status == 0, "\(ingest)")

        // When the participants are listed, Then Ivan is the one confirmed participant
        let before = try cli.postdesk(["tickets", "participant", "list", "1"])
        #expect(
            before.status == 0 && before.stdout == "confirmed\tivan@example.ru\tIvan\tticket.created\n", "\(before)")

        // When an operator adds a colleague, twice
        let added = try cli.postdesk(["tickets", "participant", "add", "1", "boss@example.ru", "--name", "Boss"])
        let again = try cli.postdesk(["tickets", "participant", "add", "1", "BOSS@example.ru"])
        #expect(added.status == 0 && added.stdout.contains("added"), "\(added)")
        #expect(again.status == 0 && again.stdout.contains("already"), "\(again)")

        // Then both are listed, as JSON too, and `tickets show --json` carries them
        let list = try cli.postdesk(["tickets", "participant", "list", "1", "--json"])
        let listed = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(listed.map { $0["address"] as? String } == ["ivan@example.ru", "boss@example.ru"])
        #expect(listed.last?["added_by"] as? String == "operator:cli")
        let show = try cli.postdesk(["tickets", "show", "1", "--json"])
        let ticket = try #require(try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any])
        #expect((ticket["participants"] as? [[String: Any]])?.count == 2)

        // And an address that could smuggle headers, or a ticket that does not exist, is refused
        let header = try cli.postdesk(["tickets", "participant", "add", "1", "x@example.ru\r\nBcc: y@evil.test"])
        let missing = try cli.postdesk(["tickets", "participant", "add", "9", "x@example.ru"])
        #expect(header.status == 1 && header.stderr.contains("not a plain mail address"), "\(header)")
        #expect(missing.status == 1 && missing.stderr.contains("no ticket #9"), "\(missing)")
    }
}
