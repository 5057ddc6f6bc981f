import Foundation
import PostdeskCore
import PostdeskStore
import Testing

/// `postdesk user add|list|disable|enable` and `postdesk team add|list` (issue 8 §1, ARCHITECTURE §4).
@Suite("postdesk user and team", .serialized)
struct UserCommandTests {
    let cli = CommandLineTests()

    func json(_ run: CommandLineTests.Run) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [[String: Any]], "\(run)")
    }

    @Test("an admin adds teams and operators with several addresses; lists show them as the contract says")
    func addAndList() throws {
        defer { try? FileManager.default.removeItem(atPath: cli.dataDir) }
        // Given two teams
        #expect(try cli.postdesk(["team", "add", "billing"]).status == 0)
        #expect(try cli.postdesk(["team", "add", "tier2"]).status == 0)

        // When Anna joins both with a second address, Boss becomes an admin, and Ivan gets a customer account
        let anna = try cli.postdesk([
            "user", "add", "--role", "operator", "anna@example.test", "--name", "Anna", "--team", "tier2", "--team",
            "billing", "--also", "anna.k@example.test",
        ])
        let boss = try cli.postdesk(["user", "add", "--role", "admin", "boss@example.test"])
        let ivan = try cli.postdesk(["user", "add", "--role", "customer", "ivan@example.ru", "--name", "Ivan"])
        #expect(
            anna.status == 0
                && anna.stdout == "operator anna@example.test, anna.k@example.test added in billing, tier2\n", "\(anna)"
        )
        #expect(boss.status == 0 && ivan.status == 0, "\(boss) \(ivan)")

        // Then user list --json has each with exactly the contract's keys
        let users = try json(try cli.postdesk(["user", "list", "--json"]))
        #expect(
            users.map { $0["address"] as? String } == ["anna@example.test", "boss@example.test", "ivan@example.ru"])
        #expect(
            Set(users[0].keys) == [
                "address", "name", "role", "addresses", "teams", "disabled", "created_at", "away", "time_zone", "week",
                "quiet_hours", "muted_templates",
            ])
        #expect(users.map { $0["role"] as? String } == ["operator", "admin", "customer"])
        #expect(users[0]["addresses"] as? [String] == ["anna@example.test", "anna.k@example.test"])
        #expect(users[0]["teams"] as? [String] == ["billing", "tier2"])
        #expect(users[1]["name"] is NSNull && users[2]["name"] as? String == "Ivan")
        #expect(users.allSatisfy { $0["disabled"] as? Bool == false })
        #expect((users[0]["created_at"] as? String)?.hasSuffix("Z") == true)

        // And team list --json names each team's members by primary address
        let teams = try json(try cli.postdesk(["team", "list", "--json"]))
        #expect(teams.map { $0["name"] as? String } == ["billing", "tier2"])
        #expect(Set(teams[0].keys) == ["name", "members", "created_at"])
        #expect(teams.allSatisfy { $0["members"] as? [String] == ["anna@example.test"] })

        // And the plain lists have one line each
        let plain = try cli.postdesk(["user", "list"])
        #expect(plain.stdout.split(separator: "\n").count == 3)
        #expect(
            plain.stdout.hasPrefix("operator\tanna@example.test,anna.k@example.test\tAnna\tbilling,tier2\tenabled\n"))
        #expect(try cli.postdesk(["team", "list"]).stdout == "billing\tanna@example.test\ntier2\tanna@example.test\n")
    }

    @Test("disable and enable by any address; an address with no account is an error")
    func disableAndEnable() throws {
        defer { try? FileManager.default.removeItem(atPath: cli.dataDir) }
        // Given Anna with two addresses
        let anna = try cli.postdesk([
            "user", "add", "--role", "operator", "anna@example.test", "--also", "anna.k@example.test",
        ])
        #expect(anna.status == 0, "\(anna)")

        // When she is disabled by her second address, Then the list says so
        let disabled = try cli.postdesk(["user", "disable", "ANNA.K@example.test"])
        #expect(disabled.status == 0, "\(disabled)")
        #expect(try json(try cli.postdesk(["user", "list", "--json"])).first?["disabled"] as? Bool == true)

        // When she is enabled again, Then she is not disabled
        #expect(try cli.postdesk(["user", "enable", "anna@example.test"]).status == 0)
        #expect(try json(try cli.postdesk(["user", "list", "--json"])).first?["disabled"] as? Bool == false)

        // And an unknown address is an error that names it
        let unknown = try cli.postdesk(["user", "disable", "nobody@example.test"])
        #expect(unknown.status == 1 && unknown.stderr.contains("nobody@example.test"), "\(unknown)")
    }

    /// Each refused `user add` or `team add`, and what its message must say.
    static let refused: [([String], String)] = [
        (["user", "add", "--role", "boss", "x@example.test"], "--role"),
        (["user", "add", "--role", "operator", "not-an-address"], "not a mail address"),
        (["user", "add", "--role", "operator", "x@example.test\r\nBcc: y@evil.test"], "not a mail address"),
        (["user", "add", "--role", "operator", "x@example.test", "--also", "<y@example.test>"], "--also"),
        (["user", "add", "--role", "operator", "x@example.test", "--team", "night-shift"], "night-shift"),
        (["user", "add", "--role", "operator", "ANNA@example.test"], "already belongs"),
        (["user", "add", "--role", "admin", "x@example.test", "--also", "anna.k@EXAMPLE.test"], "already belongs"),
        (["user", "add", "--role", "customer", "x@example.test", "--team", "billing"], "operators and admins"),
        (["user", "add", "--role", "operator", "x@example.test", "--name", "X\r\nBcc: y@evil.test"], "control"),
        (["user", "add", "--role", "customer", "ivan@example.ru"], "already has a customer account"),
        (["team", "add", "Billing"], "already exists"),
        (["team", "add", "night shift"], "not a team name"),
        (["team", "add", ""], "not a team name"),
        (["team", "add", String(repeating: "a", count: 65)], "not a team name"),
        (["team", "add", "ops\n#internal"], "not a team name"),
        (["team", "add", "отдел"], "not a team name"),
    ]

    @Test("bad addresses, roles, names, unknown teams and duplicates are refused with a message and exit 1")
    func refused() throws {
        defer { try? FileManager.default.removeItem(atPath: cli.dataDir) }
        // Given billing, Anna (two addresses) and Ivan's customer account
        #expect(try cli.postdesk(["team", "add", "billing"]).status == 0)
        #expect(
            try cli.postdesk([
                "user", "add", "--role", "operator", "anna@example.test", "--also", "anna.k@example.test",
            ])
            .status == 0)
        #expect(try cli.postdesk(["user", "add", "--role", "customer", "ivan@example.ru"]).status == 0)

        for (arguments, message) in Self.refused {
            // When a bad command runs
            let run = try cli.postdesk(arguments)

            // Then it exits 1, saying why on stderr
            #expect(run.status == 1, "\(arguments): \(run)")
            #expect(run.stderr.hasPrefix("postdesk: ") && run.stderr.contains(message), "\(arguments): \(run)")
        }

        // And nothing was added by any of them
        let users = try json(try cli.postdesk(["user", "list", "--json"]))
        #expect(users.map { $0["address"] as? String } == ["anna@example.test", "ivan@example.ru"])
        #expect(try json(try cli.postdesk(["team", "list", "--json"])).count == 1)
    }

    @Test("tickets show --json names the mailbox, the assignee and the time entries")
    func ticketShowsPeople() async throws {
        defer { try? FileManager.default.removeItem(atPath: cli.dataDir) }
        // Given ticket #1 from Ivan and Anna, an operator
        #expect(try cli.postdesk(["ingest", "-", "--mailbox", "pipe"], stdin: CommandLineTests.mail).status == 0)
        #expect(
            try cli.postdesk(["user", "add", "--role", "operator", "anna@example.test", "--name", "Anna"]).status == 0)
        let before = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try cli.postdesk(["tickets", "show", "1", "--json"]).stdout.utf8))
                as? [String: Any])
        // (one configured mailbox: the single-mailbox shorthand is named `support`)
        #expect(before["mailbox"] as? String == "support" && before["assignee"] is NSNull, "\(before)")
        #expect((before["time_entries"] as? [Any])?.isEmpty == true)

        // When the ticket is assigned to Anna and she logs 45 minutes (as the mail workflow will)
        let store = try SQLiteStore.openExisting(path: "\(cli.dataDir)/postdesk.sqlite", access: .readWrite)
        try await store.write { tx in
            guard var ticket = try tx.ticket(number: TicketNumber(1)),
                let anna = try tx.operatorAccount(address: "anna@example.test")
            else { throw StoreError(code: .notFound, message: "no ticket or operator") }
            ticket.assigneeID = anna.id
            try tx.update(ticket)
            try tx.append(
                TimeEntry(
                    ticketID: ticket.id, operatorID: anna.id, minutes: 45, workType: "consulting", date: "2026-11-23",
                    via: .mail, createdAt: Date()))
        }
        try store.close()

        // Then show --json carries both, and list --json the assignee
        let after = try #require(
            try JSONSerialization.jsonObject(
                with: Data(try cli.postdesk(["tickets", "show", "1", "--json"]).stdout.utf8))
                as? [String: Any])
        #expect((after["assignee"] as? [String: Any])?["address"] as? String == "anna@example.test")
        let entries = try #require(after["time_entries"] as? [[String: Any]])
        #expect(entries.count == 1 && entries[0]["operator"] as? String == "anna@example.test")
        #expect(entries[0]["minutes"] as? Int == 45 && entries[0]["work_type"] as? String == "consulting")
        #expect(entries[0]["date"] as? String == "2026-11-23")
        let list = try json(try cli.postdesk(["tickets", "list", "--json"]))
        #expect((list.first?["assignee"] as? [String: Any])?["name"] as? String == "Anna")
        #expect(list.first?["mailbox"] as? String == "support" && list.first?["time_entries"] == nil)
    }

    @Test("away, back, hours, notify and quiet are stored and listed; bad input exits 1 with a sentence")
    func availability() throws {
        defer { try? FileManager.default.removeItem(atPath: cli.dataDir) }
        // Given Anna and Boris in support
        #expect(try cli.postdesk(["team", "add", "support"]).status == 0)
        for who in ["anna", "boris"] {
            let added = try cli.postdesk([
                "user", "add", "--role", "operator", "\(who)@example.test", "--team", "support",
            ])
            #expect(added.status == 0, "\(added)")
        }

        // When an admin sets Anna's hours, quiet hours and opt-outs
        let hours = try cli.postdesk([
            "user", "hours", "anna@example.test", "--time-zone", "Europe/Berlin", "--week",
            "sat 10:00-14:00; Mon-Fri 14:00-18:00 09:00-13:00",
        ])
        #expect(hours.status == 0, "\(hours)")
        #expect(
            hours.stdout == "anna@example.test works mon-fri 09:00-13:00 14:00-18:00; sat 10:00-14:00 (Europe/Berlin)\n"
        )
        let quiet = try cli.postdesk(["user", "quiet", "anna@example.test", "22:00-07:00"])
        #expect(
            quiet.status == 0 && quiet.stdout == "anna@example.test quiet hours 22:00-07:00 (Europe/Berlin)\n",
            "\(quiet)")
        let off = try cli.postdesk([
            "user", "notify", "anna@example.test", "--off", "operator_activity", "operator_new_ticket",
        ])
        #expect(off.status == 0, "\(off)")
        let on = try cli.postdesk(["user", "notify", "anna@example.test", "--on", "operator_new_ticket"])
        #expect(on.stdout == "anna@example.test opted out of operator_activity\n", "\(on)")
        let away = try cli.postdesk(["user", "away", "anna@example.test"])
        #expect(away.status == 0 && away.stdout == "anna@example.test is away; 0 open tickets handed back\n", "\(away)")

        // Then user list --json shows it all
        let users = try json(try cli.postdesk(["user", "list", "--json"]))
        #expect(users[0]["away"] as? Bool == true && users[1]["away"] as? Bool == false)
        #expect(users[0]["time_zone"] as? String == "Europe/Berlin" && users[1]["time_zone"] is NSNull)
        #expect(users[0]["week"] as? String == "mon-fri 09:00-13:00 14:00-18:00; sat 10:00-14:00")
        #expect(users[1]["week"] is NSNull)
        #expect(users[0]["quiet_hours"] as? String == "22:00-07:00")
        #expect(users[0]["muted_templates"] as? [String] == ["operator_activity"])

        // And back, always and quiet off undo it
        #expect(try cli.postdesk(["user", "back", "anna@example.test"]).status == 0)
        #expect(try cli.postdesk(["user", "hours", "anna@example.test", "--always"]).status == 0)
        #expect(try cli.postdesk(["user", "quiet", "anna@example.test", "off"]).status == 0)
        let undone = try json(try cli.postdesk(["user", "list", "--json"]))[0]
        #expect(undone["away"] as? Bool == false && undone["week"] is NSNull && undone["quiet_hours"] is NSNull)

        // And every refusal exits 1 with one sentence and changes nothing
        let refusals: [([String], String)] = [
            (
                ["user", "notify", "anna@example.test", "--off", "operator_gossip"],
                "no mail template named 'operator_gossip'"
            ),
            (
                ["user", "hours", "anna@example.test", "--week", "mon-fri 9-17"],
                "hours: \"9-17\": a time is written HH:MM"
            ),
            (
                ["user", "hours", "anna@example.test", "--week", "weekdays 09:00-17:00"],
                "hours: \"weekdays\" is not a day"
            ),
            (
                ["user", "hours", "anna@example.test", "--week", "mon 22:00-06:00"],
                "hours: \"22:00-06:00\": an interval"
            ),
            (
                ["user", "hours", "anna@example.test", "--time-zone", "Europe/Berlinn"],
                "unknown time zone Europe/Berlinn"
            ),
            (["user", "hours", "anna@example.test"], "give --week, --always or --time-zone"),
            (["user", "quiet", "anna@example.test", "10pm-7am"], "\"10pm\": a time is written HH:MM"),
            (["user", "notify", "anna@example.test"], "give --off TEMPLATE… or --on TEMPLATE…"),
            (["user", "away", "nobody@example.test"], "no operator has the address nobody@example.test"),
        ]
        for (arguments, sentence) in refusals {
            let run = try cli.postdesk(arguments)
            #expect(run.status == 1 && run.stderr.hasPrefix("postdesk: \(sentence)"), "\(arguments): \(run)")
        }
        let after = try json(try cli.postdesk(["user", "list", "--json"]))[0]
        #expect(after["time_zone"] as? String == "Europe/Berlin" && after["week"] is NSNull)
        #expect(after["muted_templates"] as? [String] == ["operator_activity"])
    }
}
