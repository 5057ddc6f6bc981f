import Testing

@testable import PostdeskWeb

/// Who may read `/metrics`: the decision alone, for peers this machine cannot produce in a test.
@Suite struct MetricsAccessTests {
    @Test(
        "loopback peers are loopback in every spelling; nothing else is",
        arguments: [
            ("127.0.0.1", true), ("127.1.2.3", true), ("::1", true), ("0:0:0:0:0:0:0:1", true),
            ("::ffff:127.0.0.1", true), ("::FFFF:127.0.0.1", true),
            ("192.0.2.2", false), ("10.0.0.1", false), ("::ffff:192.0.2.2", false), ("fd00::2", false),
            ("::", false), ("0.0.0.0", false), ("127.0.0", false), ("127.0.0.1.5", false), ("127.0.0.256", false),
            ("1270.0.0.1", false), ("127.0.0.1 ", false), ("", false), ("localhost", false),
        ]
    )
    func loopback(address: String, expected: Bool) {
        #expect(MetricsAccess.isLoopback(address) == expected)
    }

    @Test(
        "the decision: loopback without proxy headers, or the configured bearer token",
        arguments: [
            // token configured, peer, forwarded, Authorization, allowed
            (String?.none, String?.some("127.0.0.1"), false, String?.none, true),
            (nil, "192.0.2.7", false, nil, false),
            (nil, nil, false, nil, false),
            (nil, "127.0.0.1", true, nil, false),
            (nil, "192.0.2.7", false, "Bearer ", false),
            ("", "192.0.2.7", false, "Bearer ", false),
            ("s3cret", "192.0.2.7", false, "Bearer s3cret", true),
            ("s3cret", "192.0.2.7", false, "BEARER s3cret", true),
            ("s3cret", nil, false, "Bearer s3cret", true),
            ("s3cret", "127.0.0.1", true, "Bearer s3cret", true),
            ("s3cret", "192.0.2.7", false, "Bearer s3cre", false),
            ("s3cret", "192.0.2.7", false, "Bearer s3crett", false),
            ("s3cret", "192.0.2.7", false, "Bearer S3CRET", false),
            ("s3cret", "192.0.2.7", false, "Bearer  s3cret", false),
            ("s3cret", "192.0.2.7", false, "Basic s3cret", false),
            ("s3cret", "192.0.2.7", false, "s3cret", false),
            ("s3cret", "192.0.2.7", false, nil, false),
        ]
    )
    func decision(token: String?, peer: String?, forwarded: Bool, authorization: String?, allowed: Bool) {
        let access = MetricsAccess(token: token)
        #expect(access.allows(peer: peer, forwarded: forwarded, authorization: authorization) == allowed)
    }

    @Test(
        "token comparison: equal bytes only, any lengths",
        arguments: [
            ("abc", "abc", true), ("abc", "abd", false), ("ab", "abc", false), ("abcd", "abc", false),
            ("", "abc", false), ("abc", "", false), ("", "", true),
        ]
    )
    func constantTime(given: String, expected: String, equal: Bool) {
        #expect(MetricsAccess.constantTimeEqual(Array(given.utf8), Array(expected.utf8)) == equal)
    }
}
