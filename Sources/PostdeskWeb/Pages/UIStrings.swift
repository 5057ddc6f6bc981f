import PostdeskCore

/// Every UI string the page templates show, one value per language: a missing translation is a compile error, not
/// an English word on a Russian page. Templates read them as `{{t.name}}`.
public struct UIStrings: Sendable, Encodable {
    var lang: String
    var otherLang: String
    var otherLangName: String
    var support: String
    var landingText: String
    var signIn: String
    var signUp: String
    var signOut: String
    var signedInAs: String
    var myTickets: String
    var email: String
    var password: String
    var name: String
    var surname: String
    var forgotOrLink: String
    var sendLink: String
    var loginFailed: String
    var tooManyAttempts: String
    var signupDone: String
    var linkSent: String
    var linkConfirmTitle: String
    var linkConfirmText: String
    var linkConfirmButton: String
    var linkInvalid: String
    var setPasswordTitle: String
    var setPasswordButton: String
    var passwordRules: String
    var passwordSet: String
    var noTickets: String
    var status: String
    var assignee: String
    var updated: String
    var due: String
    var nobody: String
    var opened: String
    var replyByMail: String
    var ticketNotFound: String
    var ticketNotFoundText: String
    var newParticipantFlag: String
    var forbidden: String
    var statusNew: String
    var statusOpen: String
    var statusPending: String
    var statusSolved: String
    var statusClosed: String

    static let english = UIStrings(
        lang: "en", otherLang: "ru", otherLangName: "Русский", support: "Support",
        landingText:
            "Write to us by mail; every mail becomes a ticket, and our acknowledgement links to its page here.",
        signIn: "Sign in", signUp: "Sign up", signOut: "Sign out", signedInAs: "Signed in as",
        myTickets: "My tickets", email: "Email", password: "Password", name: "Name", surname: "Surname",
        forgotOrLink: "No password, or forgot it? Get a one-time sign-in link by mail.",
        sendLink: "Send me a link", loginFailed: "The address or the password is wrong.",
        tooManyAttempts: "Too many sign-in attempts. Wait 15 minutes and try again.",
        signupDone: "Thank you. If the address can be used, a mail with your login is on its way to it.",
        linkSent: "If the address has an account, a mail with a sign-in link is on its way to it.",
        linkConfirmTitle: "Sign in", linkConfirmText: "Press the button to sign in with this link.",
        linkConfirmButton: "Sign me in",
        linkInvalid: "This link is not valid any more. Ask for a new one on the sign-in page.",
        setPasswordTitle: "Choose a password", setPasswordButton: "Save the password",
        passwordRules: "At least 10 characters, at most 72 bytes.",
        passwordSet: "Your password is saved.", noTickets: "You have no tickets yet.", status: "Status",
        assignee: "Assignee", updated: "Updated", due: "Due", nobody: "nobody", opened: "opened",
        replyByMail: "Reply to any of our mails to add to this conversation.", ticketNotFound: "Ticket not found",
        ticketNotFoundText: "This link is not valid. Use the link from the latest mail about your ticket.",
        newParticipantFlag:
            "From a new participant: not yet added to this ticket. This address receives nothing from the ticket unless you or we add it.",
        forbidden: "The form has expired. Go back, reload the page and send it again.",
        statusNew: "Received", statusOpen: "In progress",
        statusPending: "Waiting for your reply", statusSolved: "Solved", statusClosed: "Closed")

    static let russian = UIStrings(
        lang: "ru", otherLang: "en", otherLangName: "English", support: "Поддержка",
        landingText:
            "Напишите нам письмо: каждое письмо становится заявкой, а наш ответ содержит ссылку на её страницу здесь.",
        signIn: "Войти", signUp: "Зарегистрироваться", signOut: "Выйти", signedInAs: "Вы вошли как",
        myTickets: "Мои заявки", email: "Эл. почта", password: "Пароль", name: "Имя", surname: "Фамилия",
        forgotOrLink: "Нет пароля или забыли его? Получите одноразовую ссылку для входа по почте.",
        sendLink: "Прислать ссылку", loginFailed: "Неверный адрес или пароль.",
        tooManyAttempts: "Слишком много попыток входа. Подождите 15 минут и попробуйте снова.",
        signupDone: "Спасибо. Если адрес можно использовать, на него уже отправлено письмо с логином.",
        linkSent: "Если у адреса есть учётная запись, на него уже отправлено письмо со ссылкой для входа.",
        linkConfirmTitle: "Вход", linkConfirmText: "Нажмите кнопку, чтобы войти по этой ссылке.",
        linkConfirmButton: "Войти",
        linkInvalid: "Ссылка больше не действует. Запросите новую на странице входа.",
        setPasswordTitle: "Задайте пароль", setPasswordButton: "Сохранить пароль",
        passwordRules: "Не короче 10 символов и не длиннее 72 байт.",
        passwordSet: "Пароль сохранён.", noTickets: "У вас пока нет заявок.", status: "Статус",
        assignee: "Исполнитель", updated: "Обновлена", due: "Срок", nobody: "не назначен", opened: "создана",
        replyByMail: "Ответьте на любое наше письмо, чтобы дополнить переписку.",
        ticketNotFound: "Заявка не найдена",
        ticketNotFoundText: "Ссылка недействительна. Откройте ссылку из последнего письма о вашей заявке.",
        newParticipantFlag:
            "От нового участника: адрес ещё не добавлен в заявку и ничего не получает, пока вы или мы его не добавим.",
        forbidden: "Форма устарела. Вернитесь, обновите страницу и отправьте её снова.",
        statusNew: "Получена", statusOpen: "В работе",
        statusPending: "Ждём вашего ответа", statusSolved: "Решена", statusClosed: "Закрыта")

    /// A ticket's status as a customer reads it.
    func label(_ status: TicketStatus) -> String {
        switch status {
        case .new: statusNew
        case .open: statusOpen
        case .pending: statusPending
        case .solved: statusSolved
        case .closed: statusClosed
        }
    }
}
