import PostdeskGateway
import Testing

@Suite struct RetryPolicyTests {
    static let policy = RetryPolicy(base: .seconds(2), cap: .seconds(300), giveUpAfter: 10)

    @Test(
        "transient failures back off exponentially up to the cap, then give up",
        arguments: [
            (1, RetryPolicy.Decision.retry(after: .seconds(2))),
            (2, .retry(after: .seconds(4))),
            (3, .retry(after: .seconds(8))),
            (7, .retry(after: .seconds(128))),
            (8, .retry(after: .seconds(256))),
            (9, .retry(after: .seconds(300))),
            (10, .giveUp),
            (11, .giveUp),
        ]
    )
    func transient(attempts: Int, expected: RetryPolicy.Decision) {
        #expect(Self.policy.decide(attempts: attempts, transient: true) == expected)
    }

    @Test("a permanent failure gives up on the first attempt", arguments: [1, 2, 9])
    func permanent(attempts: Int) {
        #expect(Self.policy.decide(attempts: attempts, transient: false) == .giveUp)
    }

    @Test("huge attempt counts neither overflow nor exceed the cap")
    func noOverflow() {
        let patient = RetryPolicy(base: .seconds(2), cap: .seconds(300), giveUpAfter: .max)
        #expect(patient.decide(attempts: 10_000, transient: true) == .retry(after: .seconds(300)))
        #expect(patient.decide(attempts: 0, transient: true) == .retry(after: .seconds(2)))
    }

    @Test("the defaults: 2 s base, 5 min cap, 600 attempts")
    func defaults() {
        let policy = RetryPolicy()
        #expect(policy.decide(attempts: 1, transient: true) == .retry(after: .seconds(2)))
        #expect(policy.decide(attempts: 599, transient: true) == .retry(after: .seconds(300)))
        #expect(policy.decide(attempts: 600, transient: true) == .giveUp)
    }
}
