import PostdeskCore
import Testing

@testable import PostdeskCurl

/// What the reader takes from untagged responses, read from framed fixtures.
struct IMAPUntaggedDataTests {
    static func parse(_ wire: String) throws -> IMAPResponse? {
        var parser = IMAPResponseParser()
        parser.append(Array(wire.utf8))
        return try parser.next()
    }

    @Test(
        arguments: [
            ("* 23 EXISTS\r\n", IMAPUntaggedData.exists(23)),
            ("* 4 expunge\r\n", .expunge(4)),
            ("* SEARCH 2 84 882\r\n", .search([2, 84, 882])),
            ("* SEARCH\r\n", .search([])),
            ("* CAPABILITY IMAP4rev1 IDLE literal+\r\n", .capability(["IMAP4REV1", "IDLE", "LITERAL+"])),
            ("* OK [CAPABILITY IMAP4rev1 IDLE] ready\r\n", .capability(["IMAP4REV1", "IDLE"])),
            (
                "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n",
                .status(.ok, .uidValidity(3_857_529_045), text: "[UIDVALIDITY 3857529045] UIDs valid")
            ),
            (
                "* OK [UIDNEXT 4392] Predicted next UID\r\n",
                .status(.ok, .uidNext(4392), text: "[UIDNEXT 4392] Predicted next UID")
            ),
            ("* OK Still here\r\n", .status(.ok, nil, text: "Still here")),
            ("* BYE Autologout\r\n", .status(.bye, nil, text: "Autologout")),
            ("* NO [ALERT] disk full\r\n", .status(.no, .other("ALERT"), text: "[ALERT] disk full")),
            ("* 5 RECENT\r\n", .other),
            ("* FLAGS (\\Answered \\Seen)\r\n", .other),
            ("* LIST (\\HasNoChildren) \"/\" INBOX\r\n", .other),
        ] as [(String, IMAPUntaggedData)])
    func untagged(_ wire: String, expected: IMAPUntaggedData) throws {
        let response = try #require(try Self.parse(wire))
        #expect(IMAPUntaggedData(response) == expected)
    }

    @Test(
        arguments: [
            (
                "* 12 FETCH (UID 34 BODY[] {5}\r\nhello)\r\n",
                IMAPFetchData(sequence: 12, uid: 34, body: Array("hello".utf8))
            ),
            ("* 1 FETCH (BODY[] {2}\r\nhi UID 7)\r\n", IMAPFetchData(sequence: 1, uid: 7, body: Array("hi".utf8))),
            (
                "* 3 FETCH (UID 8 FLAGS (\\Seen \\Flagged) BODY[] {1}\r\nx)\r\n",
                IMAPFetchData(sequence: 3, uid: 8, body: [UInt8(ascii: "x")], flags: ["\\Seen", "\\Flagged"])
            ),
            ("* 3 FETCH (FLAGS ())\r\n", IMAPFetchData(sequence: 3, flags: [])),
            (
                "* 2 FETCH (UID 5 BODY[] \"quoted \\\"body\\\"\")\r\n",
                IMAPFetchData(sequence: 2, uid: 5, body: Array("quoted \"body\"".utf8))
            ),
            ("* 2 FETCH (UID 5 BODY[] NIL)\r\n", IMAPFetchData(sequence: 2, uid: 5, body: [])),
            (
                "* 9 FETCH (UID 10 MODSEQ (12345) RFC822.SIZE 44 BODY[] {0}\r\n)\r\n",
                IMAPFetchData(sequence: 9, uid: 10, body: [])
            ),
            ("* 4 FETCH (UID 6 BODY[HEADER.FIELDS (SUBJECT)] {3}\r\nabc)\r\n", IMAPFetchData(sequence: 4, uid: 6)),
        ] as [(String, IMAPFetchData)])
    func fetch(_ wire: String, expected: IMAPFetchData) throws {
        let response = try #require(try Self.parse(wire))
        #expect(IMAPUntaggedData(response) == .fetch(expected))
    }

    @Test(arguments: ["* 1 FETCH (UID)\r\n", "* 1 FETCH (UID x)\r\n", "* 1 FETCH UID 4\r\n", "* 1 FETCH (UID 4\r\n"])
    func malformedFetchIsOther(_ wire: String) throws {
        let response = try #require(try Self.parse(wire))
        #expect(IMAPUntaggedData(response) == .other)
    }

    @Test(
        arguments: [
            (
                "P7 OK [READ-WRITE] SELECT completed\r\n",
                IMAPTaggedResult(status: .ok, text: "[READ-WRITE] SELECT completed")
            ),
            (
                "P8 NO Mailbox doesn't exist: Nope\r\n",
                IMAPTaggedResult(status: .no, text: "Mailbox doesn't exist: Nope")
            ),
            ("P9 bad\r\n", IMAPTaggedResult(status: .bad, text: "")),
        ] as [(String, IMAPTaggedResult)])
    func tagged(_ wire: String, expected: IMAPTaggedResult) throws {
        let response = try #require(try Self.parse(wire))
        #expect(response.taggedResult == expected)
        #expect(IMAPUntaggedData(response) == nil)
    }

    @Test(
        arguments: [
            ([1, 2, 3, 7, 9, 10] as [UInt32], "1:3,7,9:10"), ([5], "5"), ([3, 1, 2, 2], "1:3"), ([], ""),
            ([UInt32.max - 1, UInt32.max], "4294967294:4294967295"),
        ] as [([UInt32], String)])
    func uidSet(_ uids: [UInt32], expected: String) {
        #expect(UIDSet(uids).description == expected)
    }

    @Test(arguments: [
        ("imap://h:1/INBOX", "INBOX"), ("imaps://h/", "INBOX"), ("imap://h", "INBOX"),
        ("imap://u@h:1/Support%20Queue", "Support Queue"), ("imap://h/INBOX;UIDVALIDITY=3", "INBOX"),
        ("imap://h/Archive/2024/", "Archive/2024"),
    ])
    func mailboxName(_ url: String, expected: String) throws {
        #expect(try CurlIMAPMailbox.mailboxName(in: url) == expected)
    }

    @Test(arguments: ["imap://h/Gr%C3%BC%C3%9Fe", "imap://h/bad%zz", "no-scheme"])
    func mailboxNameRefused(_ url: String) {
        #expect(throws: MailTransportError.self) { try CurlIMAPMailbox.mailboxName(in: url) }
    }

    @Test func quotedMailbox() {
        #expect(IMAPConnection.quoted(#"a "b" \c"#) == #""a \"b\" \\c""#)
    }
}
