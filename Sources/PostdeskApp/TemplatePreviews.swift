import Foundation
import Mustache
import PostdeskGateway
import PostdeskWeb

/// The notification templates rendered with sample data, each language's subject, text and HTML parts, for the
/// admin page's read-only preview. The sample carries the same names the outbox's renderer gives the templates.
enum TemplatePreviews {
    static func render(directory: String, baseURL: String) async -> [AdminTemplatePreview] {
        let library: MustacheLibrary
        do {
            library = try await MailRenderer.loadLibrary(directory: directory)
        } catch {
            return [
                AdminTemplatePreview(
                    name: directory, language: "", subject: "", text: "", html: nil,
                    problem: "the templates do not load: \(error)")
            ]
        }
        let names = (try? MailTemplateNames.list(in: directory)) ?? []
        var previews: [AdminTemplatePreview] = []
        for name in names.sorted() {
            for language in ["en", "ru"] {
                let view = sample(language: language, baseURL: baseURL)
                func part(_ kind: String) -> String? {
                    let template = "\(name)/\(language).\(kind)"
                    guard library.getTemplate(named: template) != nil else { return nil }
                    return library.render(view, withTemplate: template)
                }
                guard let text = part("text"), let subject = part("subject") else {
                    previews.append(
                        AdminTemplatePreview(
                            name: name, language: language, subject: "", text: "", html: nil,
                            problem: "no \(language).text or \(language).subject template"))
                    continue
                }
                previews.append(
                    AdminTemplatePreview(
                        name: name, language: language,
                        subject: subject.trimmingCharacters(in: .whitespacesAndNewlines),
                        text: text, html: part("html"), problem: nil))
            }
        }
        return previews
    }

    /// A ticket from Ivan about an invoice, assigned to Anna in billing, with one reply and one internal note.
    static func sample(language: String, baseURL: String) -> [String: Any] {
        let ru = language == "ru"
        let body =
            ru
            ? "Здравствуйте!\n\nСчёт №42 не пришёл. Пришлите, пожалуйста, ещё раз."
            : "Hello,\n\nInvoice 42 never arrived. Could you send it again?"
        let customer: [String: Any] = [
            "author": ru ? "Иван Петров" : "Ivan Petrov", "isInternal": false, "at": "2026-12-01 10:00", "text": body,
        ]
        let note: [String: Any] = [
            "author": ru ? "Анна" : "Anna", "isInternal": true, "at": "2026-12-01 10:05",
            "text": ru ? "Проверю в бухгалтерии." : "Checking with accounting.",
        ]
        let conversation = [customer, note]
        return [
            "ticketNumber": 42, "hasTicket": true, "subject": ru ? "Счёт №42" : "Invoice 42",
            "customerName": ru ? "Иван Петров" : "Ivan Petrov", "customerAddress": "ivan@example.test",
            "portalURL": "\(baseURL)/t/sample-link", "consoleURL": "\(baseURL)/console/tickets/42", "body": body,
            "actorName": ru ? "Анна" : "Anna", "reason": ru ? "вы в команде billing" : "you are in team billing",
            "status": "open", "priority": "normal", "team": "billing", "assigneeName": ru ? "Анна" : "Anna",
            "conversation": conversation,
            "refusals": [["line": "#status maybe", "reason": ru ? "неизвестный статус" : "unknown status"]]
                as [[String: String]],
            "mailboxName": "Support", "portalHome": "\(baseURL)/", "accountURL": "\(baseURL)/password/sample-link",
            "login": "ivan@example.test", "generatedPassword": "sample-password",
            "paragraphs": body.components(separatedBy: "\n\n"), "inlineImages": [[String: String]](),
        ]
    }
}
