import CCurl
import PostdeskCore
import Testing

@testable import PostdeskCurl

/// A handle reused for mail after mail (an SMTP lane) carries only the current mail's string lists.
struct CurlEasyHandleTests {
    @Test(
        "setting a list replaces the one before; an empty list leaves none attached",
        arguments: [
            (first: ["<a@example.ru>"], second: [], attached: []),
            (first: ["<a@example.ru>", "<b@example.ru>"], second: ["<c@example.ru>"], attached: ["<c@example.ru>"]),
            (first: [], second: [], attached: []),
            (first: [], second: ["<d@example.ru>"], attached: ["<d@example.ru>"]),
        ] as [(first: [String], second: [String], attached: [String])])
    func listReplaced(first: [String], second: [String], attached: [String]) throws {
        // Given a handle whose recipients were set for one mail
        let handle = try CurlEasyHandle()
        try handle.set(CURLOPT_MAIL_RCPT, list: first)
        #expect(handle.attachedList(CURLOPT_MAIL_RCPT) == first)

        // When the next mail sets its own recipients
        try handle.set(CURLOPT_MAIL_RCPT, list: second)

        // Then only those are attached: never the previous mail's
        #expect(handle.attachedList(CURLOPT_MAIL_RCPT) == attached)
    }

    @Test("an emptied list can be set again, and other options' lists are left alone")
    func emptyThenSetAgain() throws {
        // Given a handle with recipients and another list option
        let handle = try CurlEasyHandle()
        try handle.set(CURLOPT_MAIL_RCPT, list: ["<a@example.ru>"])
        try handle.set(CURLOPT_QUOTE, list: ["NOOP"])

        // When the recipients are emptied and set again
        try handle.set(CURLOPT_MAIL_RCPT, list: [])
        try handle.set(CURLOPT_MAIL_RCPT, list: ["<b@example.ru>"])

        // Then the new recipients are attached, and the other list is untouched
        #expect(handle.attachedList(CURLOPT_MAIL_RCPT) == ["<b@example.ru>"])
        #expect(handle.attachedList(CURLOPT_QUOTE) == ["NOOP"])
    }
}
