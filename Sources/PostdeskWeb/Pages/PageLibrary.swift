public import Foundation

/// The page templates (`Templates/*.mustache`, a SwiftPM resource), parsed once at start.
///
/// Every `{{value}}` is HTML-escaped, so mail content can never inject markup. Pages extend `layout` with
/// `{{<layout}}{{$body}}…{{/body}}{{/layout}}`; shared pieces are partials under `partials/`.
public struct PageLibrary: Sendable {
    /// A page this module renders. Its raw value is the template's file name without `.mustache`.
    public enum Page: String, Sendable, CaseIterable {
        case landing, ticket
        case notFound = "not-found"
        case consoleTicket = "console-ticket"
        case consoleRefused = "console-refused"
        /// The console ticket page's changing parts alone (``ConsoleRoutes`` `/live`).
        case consoleLive = "console-live"
        case consoleInvite = "console-invite"
        case login, signup, message
        case linkConfirm = "link-confirm"
        case setPassword = "set-password"
        case tickets
        case newTicket = "new-ticket"
        case queue
    }

    /// A template that is missing or does not parse: `serve` cannot start, and retrying does not help.
    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every template by its path under the directory, without `.mustache` (`queue`, `partials/topbar`).
    let templates: [String: PageTemplate]

    /// Loads every template under `directory` (default: the bundled `Templates`), and fails unless each ``Page``
    /// and the layout are there and every template parses.
    public static func load(from directory: URL? = nil) async throws -> PageLibrary {
        guard let directory = directory ?? Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw LoadError(description: "the page templates are not bundled with postdesk")
        }
        let root = directory.standardizedFileURL.path
        var templates: [String: PageTemplate] = [:]
        let files = FileManager.default.enumerator(atPath: root)
        while let file = files?.nextObject() as? String {
            guard file.hasSuffix(".mustache") else { continue }
            let name = String(file.dropLast(".mustache".count))
            let text: String
            do {
                text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            } catch {
                throw LoadError(description: "page template \(file) cannot be read: \(error)")
            }
            do {
                templates[name] = try PageTemplate(text)
            } catch {
                throw LoadError(description: "page template \(file) does not parse: \(error)")
            }
        }
        let needed = ["layout", "partials/topbar"] + Page.allCases.map(\.rawValue)
        if let missing = needed.first(where: { templates[$0] == nil }) {
            throw LoadError(description: "page template \(missing).mustache is missing in \(directory.path)")
        }
        return PageLibrary(templates: templates)
    }

    /// The page rendered with `context`; every page exists (``load(from:)`` checked).
    func render(_ page: Page, _ context: TemplateValue) -> String {
        render(named: page.rawValue, context)
    }

    /// The template `name` rendered with `context`; an empty page when there is no such template.
    func render(named name: String, _ context: TemplateValue) -> String {
        templates[name]?.render(context, library: templates) ?? ""
    }
}
