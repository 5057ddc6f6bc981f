import Foundation
import PostdeskCore

/// What `GET /console?view=…&status=…&q=…&sort=…&page=…` asks for, parsed from hostile URL text (STYLE habit 16):
/// an unknown view, status or sort is the default, a cursor the store did not make is the first page, and the
/// search text is bounded before it is cut into terms.
struct QueueRequest: Hashable {
    enum View: String, CaseIterable {
        case mine, team, unassigned, all
    }

    /// The statuses filter: one status, the active ones (the default), or every status.
    enum StatusFilter: Hashable {
        case active
        case any
        case only(TicketStatus)

        var parameter: String {
            switch self {
            case .active: "active"
            case .any: "any"
            case .only(let status): status.rawValue
            }
        }

        var statuses: Set<TicketStatus> {
            switch self {
            case .active: [.new, .open, .pending]
            case .any: []
            case .only(let status): [status]
            }
        }
    }

    /// The choices of the sort menu, as `sort=` spells them.
    enum Sort: String, CaseIterable {
        case updated, oldest, created, priority, number

        var queueSort: QueueSort {
            switch self {
            case .updated: QueueSort(.updated)
            case .oldest: QueueSort(.updated, descending: false)
            case .created: QueueSort(.created)
            case .priority: QueueSort(.priority)
            case .number: QueueSort(.number, descending: false)
            }
        }
    }

    var view: View = .mine
    var status: StatusFilter = .active
    var sort: Sort = .updated
    /// The search box's text as shown again (bounded), and the terms searched.
    var text: String = ""
    var after: QueueCursor?

    /// The longest search text read; the rest is ignored.
    static let maximumTextLength = 500
    static let pageSize = 50

    init(view: View = .mine, status: StatusFilter = .active, sort: Sort = .updated, text: String = "") {
        self.view = view
        self.status = status
        self.sort = sort
        self.text = text
    }

    /// Reads the query parameters (the first value of each; anything unreadable is the default).
    init(parameters: [String: String]) {
        view = parameters["view"].flatMap(View.init(rawValue:)) ?? .mine
        switch parameters["status"] ?? "" {
        case "any": status = .any
        case let value: status = TicketStatus(rawValue: value).map(StatusFilter.only) ?? .active
        }
        sort = parameters["sort"].flatMap(Sort.init(rawValue:)) ?? .updated
        text = String((parameters["q"] ?? "").prefix(Self.maximumTextLength))
        // A cursor of another order is the first page (the store refuses it too).
        after = parameters["page"].flatMap(QueueCursor.init(token:)).flatMap {
            $0.sort == sort.queueSort ? $0 : nil
        }
    }

    /// The store's question for `account`, within its rights: an operator who may not see other teams
    /// (`console.operators_see_all_teams` off) sees their teams' tickets, tickets of no team and their own, as
    /// `TicketAccess` lets them open them; an admin sees every ticket.
    func queue(for account: OperatorAccount, seeAllTeams: Bool) -> TicketQueue {
        let storeView: TicketQueue.View =
            switch view {
            case .mine: .mine(account.id)
            case .team: .teams(account.teams)
            case .unassigned: .unassigned
            case .all: .all
            }
        let restricted = account.role != .admin && !seeAllTeams
        return TicketQueue(
            view: storeView, statuses: status.statuses, sort: sort.queueSort, search: SearchText(text),
            visibleTeams: restricted ? account.teams : nil, visibleAssignee: restricted ? account.id : nil,
            pageSize: Self.pageSize, after: after)
    }

    /// `/console?…` for this request with some parts changed; the first page unless `page` is given.
    func link(view: View? = nil, page: QueueCursor? = nil) -> String {
        var items = [
            ("view", (view ?? self.view).rawValue), ("status", status.parameter), ("sort", sort.rawValue),
        ]
        if !text.isEmpty { items.append(("q", text)) }
        if let page { items.append(("page", page.token)) }
        return "/console?" + items.map { "\($0.0)=\(Self.encode($0.1))" }.joined(separator: "&")
    }

    /// RFC 3986's unreserved characters: everything else in a link is percent-encoded.
    private static let unreserved = CharacterSet(
        charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
