import PostdeskCore

extension RuleAction: Codable {
    private struct NotifyBody: Codable {
        var to: String
        var template: String
    }
    private struct TemplateBody: Codable { var template: String }
    private struct NoteBody: Codable { var text: String }

    public init(from decoder: any Decoder) throws {
        if let word = try? decoder.singleValueContainer().decode(String.self) {
            guard word == "stop" else {
                throw DecodingError.dataCorrupted(
                    .init(
                        codingPath: decoder.codingPath,
                        debugDescription: "an action is a mapping like {set_team: billing}; only stop stands alone"))
            }
            self = .stop
            return
        }
        let container = try decoder.container(keyedBy: RuleCodingKey.self)
        let key = try container.onlyKey(what: "action")
        switch key.stringValue {
        case "set_team": self = .setTeam(try container.decode(String.self, forKey: key))
        case "set_priority": self = .setPriority(try container.decode(TicketPriority.self, forKey: key))
        case "set_status": self = .setStatus(try container.decode(TicketStatus.self, forKey: key))
        case "add_tags": self = .addTags(try container.decode([String].self, forKey: key))
        case "remove_tags": self = .removeTags(try container.decode([String].self, forKey: key))
        case "assign": self = .assign(try container.decode(AssignTarget.self, forKey: key))
        case "notify":
            let body = try container.decode(NotifyBody.self, forKey: key)
            self = .notify(NotifyRecipient(yamlName: body.to), template: body.template)
        case "reply": self = .reply(template: try container.decode(TemplateBody.self, forKey: key).template)
        case "add_note": self = .addNote(text: try container.decode(NoteBody.self, forKey: key).text)
        case "stop":
            // `{stop: true}` is the mapping spelling; `{stop: false}` would be an action that does nothing.
            guard try container.decode(Bool.self, forKey: key) else {
                throw DecodingError.dataCorruptedError(
                    forKey: key, in: container, debugDescription: "stop: false does nothing; leave the action out")
            }
            self = .stop
        default:
            throw DecodingError.dataCorruptedError(
                forKey: key, in: container,
                debugDescription: "unknown action \(key.stringValue.debugDescription); known: set_team, "
                    + "set_priority, set_status, add_tags, remove_tags, assign, notify, reply, add_note, stop")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        if case .stop = self {
            var container = encoder.singleValueContainer()
            try container.encode("stop")
            return
        }
        var container = encoder.container(keyedBy: RuleCodingKey.self)
        let key = RuleCodingKey(yamlName)
        switch self {
        case .setTeam(let team): try container.encode(team, forKey: key)
        case .setPriority(let priority): try container.encode(priority, forKey: key)
        case .setStatus(let status): try container.encode(status, forKey: key)
        case .addTags(let tags), .removeTags(let tags): try container.encode(tags, forKey: key)
        case .assign(let target): try container.encode(target, forKey: key)
        case .notify(let recipient, let template):
            try container.encode(NotifyBody(to: recipient.yamlName, template: template), forKey: key)
        case .reply(let template): try container.encode(TemplateBody(template: template), forKey: key)
        case .addNote(let text): try container.encode(NoteBody(text: text), forKey: key)
        case .stop: break
        }
    }
}

extension AssignTarget: Codable {
    private enum CodingKeys: String, CodingKey {
        case to, strategy
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        switch (
            try container.decodeIfPresent(String.self, forKey: .to),
            try container.decodeIfPresent(String.self, forKey: .strategy)
        ) {
        case (let address?, nil): self = .address(address)
        case (nil, "round_robin"?): self = .roundRobin
        case (nil, "least_open"?): self = .leastOpen
        case (nil, let other?):
            throw DecodingError.dataCorruptedError(
                forKey: .strategy, in: container,
                debugDescription: "unknown strategy \(other.debugDescription); known: round_robin, least_open")
        default:
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "assign takes either {to: ADDRESS} or {strategy: round_robin|least_open}"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .address(let address): try container.encode(address, forKey: .to)
        case .roundRobin: try container.encode("round_robin", forKey: .strategy)
        case .leastOpen: try container.encode("least_open", forKey: .strategy)
        }
    }
}

extension NotifyRecipient: Codable {
    public init(from decoder: any Decoder) throws {
        self.init(yamlName: try decoder.singleValueContainer().decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(yamlName)
    }
}
