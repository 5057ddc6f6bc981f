extension TicketJSON {
    /// A ticket's SLA as `tickets show --json` prints it under `"sla"`: the policy, each target's due time (null
    /// when the policy does not measure it, or its clock is paused or met) and the targets that breached.
    public struct SLAJSON: Encodable, Sendable {
        public var policy: String
        public var first_response_due: String?
        public var next_response_due: String?
        public var resolution_due: String?
        public var breached: [String]

        public init(_ sla: TicketSLA) {
            policy = sla.policy
            first_response_due = sla.firstResponseDue.map(TicketJSON.timestamp)
            next_response_due = sla.nextResponseDue.map(TicketJSON.timestamp)
            resolution_due = sla.resolutionDue.map(TicketJSON.timestamp)
            breached = sla.breached
        }

        enum CodingKeys: String, CodingKey {
            case policy, first_response_due, next_response_due, resolution_due, breached
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(policy, forKey: .policy)
            try c.encode(first_response_due, forKey: .first_response_due)
            try c.encode(next_response_due, forKey: .next_response_due)
            try c.encode(resolution_due, forKey: .resolution_due)
            try c.encode(breached, forKey: .breached)
        }
    }
}
