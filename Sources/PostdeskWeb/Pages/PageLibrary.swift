public import Foundation
import Mustache

/// The page templates (`Templates/*.mustache`, a SwiftPM resource), parsed once at start.
///
/// Mustache escapes every `{{value}}`, so mail content can never inject markup. Pages extend `layout` with
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

    let library: MustacheLibrary

    /// Loads every template under `directory` (default: the bundled `Templates`), and fails unless each ``Page``
    /// and the layout are there.
    public static func load(from directory: URL? = nil) async throws -> PageLibrary {
        guard let directory = directory ?? Bundle.module.url(forResource: "Templates", withExtension: nil) else {
            throw LoadError(description: "the page templates are not bundled with postdesk")
        }
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: directory.path)
        } catch let error as MustacheLibrary.ParserError {
            throw LoadError(description: "page template \(error.filename) does not parse: \(error.error)")
        }
        let needed = ["layout", "partials/topbar"] + Page.allCases.map(\.rawValue)
        if let missing = needed.first(where: { library.getTemplate(named: $0) == nil }) {
            throw LoadError(description: "page template \(missing).mustache is missing in \(directory.path)")
        }
        return PageLibrary(library: library)
    }

    /// The page rendered with `context`; every page exists (``load(from:)`` checked).
    func render(_ page: Page, _ context: Any) -> String {
        library.render(context, withTemplate: page.rawValue) ?? ""
    }
}
