import Foundation
import Testing

@testable import PostdeskMail

/// Table tests for header grammars: RFC 2047 words, RFC 5322 addresses and dates, RFC 2231 parameters.
@Suite struct HeaderGrammarTests {
    static func decodeWords(_ value: String) -> String {
        var warnings = WarningLog(limit: 10)
        return EncodedWords.decode(Array(value.utf8), decoder: TextDecoder(), context: "test", warnings: &warnings)
    }

    @Test(arguments: [
        ("=?UTF-8?Q?Caf=C3=A9?=", "Café"),
        ("=?utf-8?b?0J/RgNC40LLQtdGC?=", "Привет"),
        ("=?UTF-8?B?0J/R?= =?UTF-8?B?gNC40LLQtdGC?=", "Привет"),  // split multi-byte character, joined
        ("=?ISO-8859-1?Q?a?=   =?ISO-8859-1?Q?b?=", "ab"),  // §6.2: whitespace between words dropped
        ("=?ISO-8859-1?Q?a?= x =?ISO-8859-1?Q?b?=", "a x b"),
        ("=?ISO-8859-1?Q?J=F6rg_M=FCller?=", "Jörg Müller"),
        ("=?koi8-r?B?8NLJ18XU?=", "Привет"),
        ("=?windows-1251?Q?=CF=F0=E8=E2=E5=F2?=", "Привет"),
        ("=?GB2312?B?xOO6ww==?=", "你好"),
        ("=?ISO-2022-JP?B?GyRCJEskWyRzGyhC?=", "にほん"),
        ("=?UTF-8*en?Q?Hello?=", "Hello"),  // RFC 2231 §5 language suffix
        ("=?us-ascii?Q?with spaces?=", "with spaces"),  // tolerated blank inside a Q word
        ("=?broken", "=?broken"),
        ("=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="),
        ("plain text", "plain text"),
        ("Grüße", "Grüße"),  // RFC 6532 raw UTF-8
    ])
    func encodedWords(input: String, expected: String) {
        #expect(Self.decodeWords(input) == expected)
    }

    static func addresses(_ value: String) -> [MailAddress] {
        var warnings = WarningLog(limit: 10)
        return AddressListParser.parse(
            Array(value.utf8), decoder: TextDecoder(), limit: 100, context: "To", warnings: &warnings)
    }

    @Test(arguments: [
        ("a@example.com", [MailAddress(name: nil, address: "a@example.com")]),
        ("Anna <a@example.com>", [MailAddress(name: "Anna", address: "a@example.com")]),
        (
            "\"Smith, John\" <j@example.com>, b@example.com",
            [
                MailAddress(name: "Smith, John", address: "j@example.com"),
                MailAddress(name: nil, address: "b@example.com"),
            ]
        ),
        ("j@example.com (John Smith)", [MailAddress(name: "John Smith", address: "j@example.com")]),
        ("MAILER-DAEMON (Mail Delivery System)", [MailAddress(name: "Mail Delivery System", address: "MAILER-DAEMON")]),
        ("=?UTF-8?B?0JjQstCw0L0=?= <i@example.ru>", [MailAddress(name: "Иван", address: "i@example.ru")]),
        ("\"=?UTF-8?B?0JjQstCw0L0=?=\" <i@example.ru>", [MailAddress(name: "Иван", address: "i@example.ru")]),
        (
            "=?iso-8859-1?Q?B=FCrling,=20Andreas?= <a@example.com>",
            [MailAddress(name: "Bürling, Andreas", address: "a@example.com")]
        ),
        (
            "Team: a@example.com, Bob <b@example.com>;, c@example.com",
            [
                MailAddress(name: nil, address: "a@example.com"), MailAddress(name: "Bob", address: "b@example.com"),
                MailAddress(name: nil, address: "c@example.com"),
            ]
        ),
        ("undisclosed-recipients:;", []),
        ("\"Empty\" <>, \"LTD\" <ly@example.com>", [MailAddress(name: "LTD", address: "ly@example.com")]),
        ("Test test@example.com", [MailAddress(name: "Test", address: "test@example.com")]),
        ("<mailto:m@example.com>", [MailAddress(name: nil, address: "m@example.com")]),
        ("Broken <b@example.com", [MailAddress(name: "Broken", address: "b@example.com")]),
        ("\"q\\\"uote\" <q@example.com>", [MailAddress(name: "q\"uote", address: "q@example.com")]),
    ])
    func addressLists(input: String, expected: [MailAddress]) {
        #expect(Self.addresses(input) == expected)
    }

    @Test(arguments: [
        ("Wed, 31 Jan 2024 10:00:00 +0000", "2024-01-31T10:00:00Z"),
        ("Wed, 31 Jan 2024 13:00:00 +0300", "2024-01-31T10:00:00Z"),
        ("31 Jan 2024 10:00 GMT", "2024-01-31T10:00:00Z"),
        ("Wed, 31 Jan 24 05:00:00 EST", "2024-01-31T10:00:00Z"),
        ("Wed, 31 Jan 2024 11:00:00 +0100 (CET)", "2024-01-31T10:00:00Z"),
        ("Wed Jan 31 10:00:00 2024", "2024-01-31T10:00:00Z"),
        ("Thu, 1 Jan 1970 00:00:00 +0000", "1970-01-01T00:00:00Z"),
    ])
    func dates(input: String, expected: String) throws {
        let date = try #require(DateParser.parse(input))
        #expect(ParsedMail.iso8601(date) == expected)
    }

    @Test(arguments: ["", "yesterday", "32 Foo 2024"])
    func unreadableDates(input: String) {
        #expect(DateParser.parse(input) == nil)
    }

    static func parameters(_ value: String) -> ParameterizedValue {
        var warnings = WarningLog(limit: 10)
        return ParameterizedValue(Array(value.utf8), decoder: TextDecoder(), warnings: &warnings)
    }

    @Test(arguments: [
        ("attachment; filename=\"a b.pdf\"", "filename", "a b.pdf"),
        ("attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf", "filename", "€ rates.pdf"),
        ("attachment; filename*0=\"long \"; filename*1=\"name.txt\"", "filename", "long name.txt"),
        ("attachment; filename*0*=utf-8'de'M%C3%A4rz; filename*1=\".pdf\"", "filename", "März.pdf"),
        ("text/plain; name=\"=?UTF-8?B?0YTQsNC50LsudHh0?=\"", "name", "файл.txt"),
        ("text/plain; charset = \"UTF-8\" ; format=flowed", "charset", "UTF-8"),
        ("multipart/mixed; boundary=\"a\\\"b\"", "boundary", "a\"b"),
    ])
    func rfc2231Parameters(input: String, name: String, expected: String) {
        #expect(Self.parameters(input)[name] == expected)
    }

    @Test(arguments: [
        ("<a@b> <c@d>", ["a@b", "c@d"]),
        ("<a@b>,\t<c@d>", ["a@b", "c@d"]),
        ("a@b", ["a@b"]),
        ("<a@b> (comment) <c@d>", ["a@b", "c@d"]),
    ])
    func messageIDs(input: String, expected: [String]) {
        #expect(MessageIDList.parse(input) == expected)
    }
}
