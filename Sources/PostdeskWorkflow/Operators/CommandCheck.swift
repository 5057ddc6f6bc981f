import Foundation
import PostdeskCore

/// A command checked against the store: every name resolved, ready to apply.
enum TicketChange: Sendable, Equatable {
    case status(TicketStatus)
    case assign(OperatorAccount?)
    case team(String)
    case priority(TicketPriority)
    case tags([String])
    /// Tags to take off (the console; mail has no command for it).
    case removeTags([String])
    /// `date` is `yyyy-MM-dd`; nil: the day of the change, UTC.
    case time(minutes: Int, workType: String?, date: String?)
}

/// What an operator's mail asks for, once every command line is read and checked.
struct CheckedCommands: Sendable {
    var changes: [TicketChange] = []
    var isInternal = false
    var requester: EmailAddress?
    var refusals: [CommandRefusal] = []

    /// Reads and checks each line; a line that cannot be carried out becomes a refusal naming it.
    /// - Parameter allowRequester: `#requester` opens a ticket, so it is only for a mail without a ticket.
    static func check(
        _ lines: [WrittenCommand], by author: OperatorAccount, allowRequester: Bool, in store: any TicketQueries
    ) throws -> CheckedCommands {
        var result = CheckedCommands()
        for line in lines {
            func refuse(_ reason: String) {
                result.refusals.append(CommandRefusal(line: "line \(line.number): \(line.text)", reason: reason))
            }
            switch line.command {
            case .failure(let error):
                refuse(error.message)
            case .success(.internal):
                result.isInternal = true
            case .success(.status(let status)):
                result.changes.append(.status(status))
            case .success(.priority(let priority)):
                result.changes.append(.priority(priority))
            case .success(.tags(let tags)):
                result.changes.append(.tags(tags))
            case .success(.time(let minutes, let workType)):
                result.changes.append(.time(minutes: minutes, workType: workType, date: nil))
            case .success(.team(let name)):
                if let team = try store.team(named: name) {
                    result.changes.append(.team(team.name))
                } else {
                    refuse("there is no team named '\(name)'")
                }
            case .success(.assign(let choice)):
                switch try assignee(choice, author: author, in: store) {
                case .success(let account): result.changes.append(.assign(account))
                case .failure(let error): refuse(error.message)
                }
            case .success(.requester(let address)):
                if !allowRequester {
                    refuse("#requester opens a new ticket: write a new mail to the mailbox instead of a reply")
                } else if result.requester != nil {
                    refuse("only one #requester per mail")
                } else if try store.operatorAccount(address: address.rawValue) != nil {
                    refuse("\(address) is an operator's address, not a customer's")
                } else {
                    result.requester = address
                }
            }
        }
        return result
    }

    private static func assignee(
        _ choice: MailCommand.AssigneeChoice, author: OperatorAccount, in store: any TicketQueries
    ) throws -> Result<OperatorAccount?, CommandSyntaxError> {
        switch choice {
        case .me:
            return .success(author)
        case .nobody:
            return .success(nil)
        case .someone(let who):
            let candidates: [OperatorAccount]
            if who.contains("@") {
                candidates = try store.operatorAccount(address: who).map { [$0] } ?? []
            } else {
                candidates = try store.operatorAccounts(includeDisabled: true).filter {
                    $0.name?.caseInsensitiveCompare(who) == .orderedSame
                        || $0.primaryAddress.split(separator: "@").first.map(String.init)?
                            .caseInsensitiveCompare(who) == .orderedSame
                }
            }
            guard let account = candidates.first else {
                return .failure(.init("no operator is called or has the address '\(who)'"))
            }
            guard candidates.count == 1 else {
                return .failure(
                    .init("'\(who)' names \(candidates.count) operators; use an address"))
            }
            guard !account.isDisabled else { return .failure(.init("operator \(account.primaryAddress) is disabled")) }
            return .success(account)
        }
    }
}
