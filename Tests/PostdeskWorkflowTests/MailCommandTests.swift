import PostdeskCore
import PostdeskWorkflow
import Testing

/// Issue 8 point 4: command lines at the top of an operator's mail, Postdesk's words and Zendesk's.
@Suite struct MailCommandTests {
    @Test(
        "each command line reads as its command",
        arguments: [
            ("#internal", MailCommand.internal),
            ("#note", .internal),
            ("#public false", .internal),
            ("#status solved", .status(.solved)),
            ("#Status Pending", .status(.pending)),
            ("#solved", .status(.solved)),
            ("#pending", .status(.pending)),
            ("#open", .status(.open)),
            ("#assign me", .assign(.me)),
            ("#assign nobody", .assign(.nobody)),
            ("#assignee agent1@example.test", .assign(.someone("agent1@example.test"))),
            ("#assign Anna Petrova", .assign(.someone("Anna Petrova"))),
            ("#team billing", .team("billing")),
            ("#group billing", .team("billing")),
            ("#priority urgent", .priority(.urgent)),
            ("#tag VIP", .tags(["vip"])),
            ("#tags vip printer vip", .tags(["vip", "printer"])),
            ("#time 30m", .time(minutes: 30, workType: nil)),
            ("#time 1h30m consulting on site", .time(minutes: 90, workType: "consulting on site")),
            ("#time 1.5h", .time(minutes: 90, workType: nil)),
            ("#time 2:15", .time(minutes: 135, workType: nil)),
            ("#time 45", .time(minutes: 45, workType: nil)),
            ("#requester olga@example.ru", .requester(EmailAddress("olga@example.ru")!)),
        ])
    func reads(_ line: String, _ command: MailCommand) throws {
        let parsed = CommandedText.parse("\(line)\nrest")
        #expect(parsed.lines.count == 1)
        #expect(try parsed.lines.first?.command.get() == command)
        #expect(parsed.text == "rest")
    }

    @Test(
        "a line that cannot be read says why",
        arguments: [
            ("#status done", "status must be"), ("#status new", "status must be"), ("#priority asap", "priority"),
            ("#time soon", "duration"), ("#time 999999999999999999:00", "duration"), ("#time -5", "duration"),
            ("#time 25h", "24 hours"), ("#time 0m", "1 minute"), ("#frobnicate", "unknown"),
            ("#assign", "needs"), ("#team", "one team"), ("#tag a<b", "one word"),
            ("#requester not-an-address", "plain"),
            ("#requester a@[10.0.0.1]", "plain"), ("#internal please", "no value"),
        ])
    func refuses(_ line: String, _ says: String) {
        let parsed = CommandedText.parse(line)
        guard case .failure(let error) = parsed.lines.first?.command else {
            Issue.record("\(line) read")
            return
        }
        #expect(error.message.contains(says), "\(error.message)")
    }

    @Test("commands stop at the first line of text; blank lines between are fine; #12 is text")
    func topOnly() {
        let parsed = CommandedText.parse("\n#internal\n\n#tag x\nHello,\n#status solved\n")
        #expect(parsed.lines.map(\.number) == [2, 4])
        #expect(parsed.text == "Hello,\n#status solved")
        #expect(CommandedText.parse("#12 is fixed").lines.isEmpty)
        #expect(CommandedText.parse("#12 is fixed").text == "#12 is fixed")
    }
}
