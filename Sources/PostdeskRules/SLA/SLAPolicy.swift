/// Service-level targets in business time: a plain value with no conditions.
///
/// Which policy applies to a ticket is decided by the rules (priority, customer domain, mailbox, team); `order`
/// is plain data for them (the lowest matching order wins), never read here.
///
/// As YAML:
/// ```yaml
/// name: urgent
/// order: 10
/// targets:
///   first_response: 1h
///   next_response: 4h
///   resolution: 16h
/// warn_at_percent: 80
/// ```
public struct SLAPolicy: Hashable, Sendable, Codable {
    /// The name admins and `explain` use.
    public var name: String
    /// Where this policy stands among policies when several match; the rules decide, this is only data.
    public var order: Int
    /// The targets this policy sets; a missing target is not measured.
    public var targets: [SLATarget: SLADuration]
    /// When a warning fires, in percent of a target's business time (1–99); `nil` means no warnings.
    public var warnAtPercent: Int?

    /// A policy.
    /// - Parameters:
    ///   - name: shown to admins.
    ///   - order: the rules' tie-breaker, lowest first.
    ///   - targets: business-time targets; omitted ones are not measured.
    ///   - warnAtPercent: 1–99, or `nil` for no warnings; other values are refused.
    public init(
        name: String, order: Int = 0, targets: [SLATarget: SLADuration], warnAtPercent: Int? = 80
    ) throws(BusinessCalendarError) {
        if let percent = warnAtPercent, !(1...99).contains(percent) {
            throw BusinessCalendarError(code: .invalidDuration, message: "warn_at_percent is 1 to 99")
        }
        self.name = name
        self.order = order
        self.targets = targets
        self.warnAtPercent = warnAtPercent
    }

    /// The business seconds after which a target's warning fires, if warnings are on.
    func warningSeconds(for target: SLATarget) -> Int? {
        guard let percent = warnAtPercent, let duration = targets[target] else { return nil }
        return duration.seconds * percent / 100
    }

    enum CodingKeys: String, CodingKey {
        case name, order, targets
        case warnAtPercent = "warn_at_percent"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(
                name: container.decode(String.self, forKey: .name),
                order: container.decodeIfPresent(Int.self, forKey: .order) ?? 0,
                targets: container.decode([SLATarget: SLADuration].self, forKey: .targets),
                warnAtPercent: container.decodeIfPresent(Int.self, forKey: .warnAtPercent))
        } catch let error as BusinessCalendarError {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.message, underlyingError: error))
        }
    }
}
