import PostdeskCore

/// The operator queue page's strings (`GET /console`), one value per language: a missing translation is a compile
/// error. The template reads them as `{{q.name}}`.
struct QueueStrings: Sendable, Encodable {
    var title: String
    var viewMine: String
    var viewTeam: String
    var viewUnassigned: String
    var viewAll: String
    var statusActive: String
    var statusAny: String
    var sortUpdated: String
    var sortOldest: String
    var sortCreated: String
    var sortPriority: String
    var sortNumber: String
    var search: String
    var searchPlaceholder: String
    var apply: String
    var subject: String
    var customer: String
    var status: String
    var priority: String
    var team: String
    var assignee: String
    var updated: String
    var messages: String
    var nobody: String
    var noTickets: String
    var nextPage: String
    var firstPage: String
    var keys: String
    var statusNew: String
    var statusOpen: String
    var statusPending: String
    var statusSolved: String
    var statusClosed: String
    var priorityLow: String
    var priorityNormal: String
    var priorityHigh: String
    var priorityUrgent: String
    /// Before the count of tickets changed since the page was loaded (`GET /events`).
    var changed: String
    var showChanges: String
    var hintTitle: String
    var hintText: String
    var hintDismiss: String
    var inviteCustomer: String

    static let english = QueueStrings(
        title: "Queue", viewMine: "Mine", viewTeam: "My teams", viewUnassigned: "Unassigned", viewAll: "All",
        statusActive: "Active (new, open, pending)", statusAny: "Any status", sortUpdated: "Last changed",
        sortOldest: "Least recently changed", sortCreated: "Newest", sortPriority: "Most urgent",
        sortNumber: "Number", search: "Search", searchPlaceholder: "Subject, message or customer",
        apply: "Show", subject: "Subject", customer: "Customer", status: "Status", priority: "Priority", team: "Team",
        assignee: "Assignee", updated: "Updated", messages: "Messages", nobody: "nobody",
        noTickets: "No tickets here.", nextPage: "Next page →", firstPage: "← First page",
        keys: "Keys: / search, j / k move, Enter opens.", statusNew: "New", statusOpen: "Open",
        statusPending: "Pending", statusSolved: "Solved", statusClosed: "Closed", priorityLow: "low",
        priorityNormal: "normal", priorityHigh: "high", priorityUrgent: "urgent",
        changed: "Tickets changed since this page was loaded:", showChanges: "Show",
        hintTitle: "First steps",
        hintText:
            "Mine, My teams, Unassigned and All pick the tickets; search finds words in subjects, messages and "
            + "customers. Open a ticket to reply (the customer gets it by mail), add an internal note, assign it, set "
            + "its status or log time. Press ? on a ticket for its keys. New mail shows up here without a reload.",
        hintDismiss: "Don't show again", inviteCustomer: "Invite a customer to the portal")

    static let russian = QueueStrings(
        title: "Очередь", viewMine: "Мои", viewTeam: "Мои команды", viewUnassigned: "Без исполнителя", viewAll: "Все",
        statusActive: "В работе (новые, открытые, ждут)", statusAny: "Любой статус", sortUpdated: "Недавно изменённые",
        sortOldest: "Давно не менявшиеся", sortCreated: "Новые", sortPriority: "Срочные", sortNumber: "По номеру",
        search: "Поиск", searchPlaceholder: "Тема, сообщение или клиент", apply: "Показать", subject: "Тема",
        customer: "Клиент", status: "Статус", priority: "Приоритет", team: "Команда", assignee: "Исполнитель",
        updated: "Обновлена", messages: "Сообщений", nobody: "не назначен", noTickets: "Здесь заявок нет.",
        nextPage: "Следующая страница →", firstPage: "← Первая страница",
        keys: "Клавиши: / поиск, j / k вверх-вниз, Enter открывает.", statusNew: "Новая", statusOpen: "Открыта",
        statusPending: "Ждёт ответа клиента", statusSolved: "Решена", statusClosed: "Закрыта", priorityLow: "низкий",
        priorityNormal: "обычный", priorityHigh: "высокий", priorityUrgent: "срочный",
        changed: "Изменено заявок с загрузки страницы:", showChanges: "Показать",
        hintTitle: "Первые шаги",
        hintText:
            "«Мои», «Мои команды», «Без исполнителя» и «Все» выбирают заявки; поиск ищет слова в темах, сообщениях "
            + "и клиентах. Откройте заявку, чтобы ответить (клиент получит ответ письмом), оставить внутреннюю "
            + "заметку, назначить исполнителя, сменить статус или учесть время. Клавиша ? на странице заявки "
            + "покажет сочетания клавиш. Новые письма появляются здесь без перезагрузки.",
        hintDismiss: "Больше не показывать", inviteCustomer: "Пригласить клиента на портал")

    static func of(_ language: UILanguage) -> QueueStrings {
        switch language {
        case .en: english
        case .ru: russian
        }
    }

    /// A status as an operator reads it.
    func label(_ status: TicketStatus) -> String {
        switch status {
        case .new: statusNew
        case .open: statusOpen
        case .pending: statusPending
        case .solved: statusSolved
        case .closed: statusClosed
        }
    }

    func label(_ priority: TicketPriority) -> String {
        switch priority {
        case .low: priorityLow
        case .normal: priorityNormal
        case .high: priorityHigh
        case .urgent: priorityUrgent
        }
    }
}
