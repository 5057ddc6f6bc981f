import Foundation
import PostdeskCore

/// The operator queue page (`GET /console`) as the template reads it: the filter form's choices with the current
/// one selected, the rows, and the next page's link.
struct QueuePageView: Encodable {
    struct Tab: Encodable {
        var label: String
        var href: String
        var current: Bool
    }

    struct Row: Encodable {
        var number: Int64
        var subject: String
        var customer: String
        var status: String
        var statusLabel: String
        var priority: String
        var priorityLabel: String
        var team: String
        var assignee: String
        var updatedAt: String
        var messageCount: Int
    }

    var q: QueueStrings
    var view: String
    var tabs: [Tab]
    var statuses: [SelectOption]
    var sorts: [SelectOption]
    var text: String
    var rows: [Row]
    /// Stored, not computed: a page reads what the view encodes, its stored properties.
    var hasRows: Bool
    /// The next page's link; none on the last page (a list: Mustache shows an empty string's section too).
    var nextPage: [String]
    /// The first page's link when this is a later one; none on the first.
    var firstPage: [String]
    /// The operator's first-steps hint, until "don't show again".
    var showHint = false

    init(request: QueueRequest, page: QueuePage, strings q: QueueStrings) {
        self.q = q
        view = request.view.rawValue
        let labels: [QueueRequest.View: String] = [
            .mine: q.viewMine, .team: q.viewTeam, .unassigned: q.viewUnassigned, .all: q.viewAll,
        ]
        tabs = QueueRequest.View.allCases.map {
            Tab(label: labels[$0] ?? $0.rawValue, href: request.link(view: $0), current: $0 == request.view)
        }
        let filters: [QueueRequest.StatusFilter] = [.active, .any] + TicketStatus.allCases.map { .only($0) }
        statuses = filters.map { filter in
            let label =
                switch filter {
                case .active: q.statusActive
                case .any: q.statusAny
                case .only(let status): q.label(status)
                }
            return SelectOption(value: filter.parameter, label: label, selected: filter == request.status)
        }
        let sortLabels: [QueueRequest.Sort: String] = [
            .updated: q.sortUpdated, .oldest: q.sortOldest, .created: q.sortCreated, .priority: q.sortPriority,
            .number: q.sortNumber,
        ]
        sorts = QueueRequest.Sort.allCases.map {
            SelectOption(value: $0.rawValue, label: sortLabels[$0] ?? $0.rawValue, selected: $0 == request.sort)
        }
        text = request.text
        rows = page.rows.map { row in
            Row(
                number: row.number.rawValue, subject: row.subject,
                customer: row.customer.name.flatMap { $0.isEmpty ? nil : $0 } ?? row.customer.address,
                status: row.status.rawValue, statusLabel: q.label(row.status), priority: row.priority.rawValue,
                priorityLabel: q.label(row.priority), team: row.team ?? "",
                assignee: row.assignee.map { $0.name.flatMap { $0.isEmpty ? nil : $0 } ?? $0.address } ?? q.nobody,
                updatedAt: TicketPageView.format(row.updatedAt), messageCount: row.messageCount)
        }
        hasRows = !rows.isEmpty
        nextPage = page.next.map { [request.link(page: $0)] } ?? []
        firstPage = request.after == nil ? [] : [request.link()]
    }
}
