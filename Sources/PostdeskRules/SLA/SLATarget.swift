/// What an SLA measures; the raw value is the YAML and JSON spelling.
public enum SLATarget: String, Hashable, Codable, Sendable, CaseIterable, CodingKeyRepresentable {
    /// From the ticket's creation to the first public operator reply.
    case firstResponse = "first_response"
    /// From a customer message left unanswered after the first reply to the next public operator reply.
    case nextResponse = "next_response"
    /// From the ticket's creation until it is solved or closed (reopening resumes the clock).
    case resolution
}
