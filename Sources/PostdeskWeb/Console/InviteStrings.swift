/// The console's invitation page's strings (`/console/customers/invite`), one value per language: a missing
/// translation is a compile error. The template reads them as `{{ic.name}}`.
struct InviteStrings: Sendable, Encodable {
    var console: String
    var title: String
    var help: String
    var email: String
    var name: String
    var language: String
    var send: String
    var sent: String
    var notSent: String
    var badAddress: String
    var staffAddress: String
    var disabledAccount: String
    var tooSoon: String
    var failed: String

    static let english = InviteStrings(
        console: "Console", title: "Invite a customer",
        help:
            "The customer gets a mail with the portal's address, their login and a link to set a password (valid for "
            + "7 days). An address without an account gets a customer account; an existing customer keeps theirs "
            + "and only gets the link. Staff addresses cannot be invited.",
        email: "Email", name: "Name (for a new account)", language: "Language of the mail", send: "Send invitation",
        sent: "Invitation sent: the customer gets the portal address, their login and a link to set a password.",
        notSent: "Not sent:", badAddress: "this is not a mail address.",
        staffAddress: "this address belongs to an operator or admin; invitations are for customers only.",
        disabledAccount: "this customer's account is disabled; an admin must enable it first.",
        tooSoon: "too many invitations just now (this address or you); try again in a few minutes.",
        failed: "the invitation could not be queued; try again.")

    static let russian = InviteStrings(
        console: "Консоль", title: "Пригласить клиента",
        help:
            "Клиент получит письмо с адресом портала, логином и ссылкой для установки пароля (действует 7 дней). "
            + "Для адреса без учётной записи будет создана учётная запись клиента; существующий клиент сохранит свою "
            + "и получит только ссылку. Адреса сотрудников пригласить нельзя.",
        email: "Эл. почта", name: "Имя (для новой учётной записи)", language: "Язык письма",
        send: "Отправить приглашение",
        sent: "Приглашение отправлено: клиент получит адрес портала, логин и ссылку для установки пароля.",
        notSent: "Не отправлено:", badAddress: "это не адрес электронной почты.",
        staffAddress: "адрес принадлежит оператору или администратору; приглашать можно только клиентов.",
        disabledAccount: "учётная запись клиента отключена; сначала её должен включить администратор.",
        tooSoon:
            "слишком много приглашений за короткое время (на этот адрес или от вас); повторите через несколько минут.",
        failed: "приглашение не удалось поставить в очередь; повторите.")

    static func of(_ language: UILanguage) -> InviteStrings {
        switch language {
        case .en: .english
        case .ru: .russian
        }
    }

    /// The sentence for a refusal.
    func message(_ refusal: InviteRefusal) -> String {
        switch refusal {
        case .staffAddress: staffAddress
        case .disabledAccount: disabledAccount
        case .tooSoon: tooSoon
        }
    }
}
