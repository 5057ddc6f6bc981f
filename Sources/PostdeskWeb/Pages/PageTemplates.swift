import Mustache

/// The portal's page templates. Mustache escapes every `{{value}}`, so mail content can never inject markup.
enum PageTemplates {
    /// The layout's head. Styles come from ``PortalStylesheet`` at `/portal.css`, so the Content-Security-Policy can
    /// forbid inline styles as well as scripts.
    static let layoutStart = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <link rel="stylesheet" href="/portal.css">
        </head><body>
        """

    static let ticket = try! MustacheTemplate(
        string: layoutStart + """
            <header><h1>[#{{number}}] {{subject}}</h1>
            <p><span class="status status-{{status}}">{{statusLabel}}</span> <span class="meta">opened {{createdAt}}</span></p></header>
            <main>
            {{#entries}}
            <article class="msg{{#fromSupport}} support{{/fromSupport}}{{#fromNewParticipant}} new-participant{{/fromNewParticipant}}">
            <div class="meta">{{author}} · {{at}}</div>
            {{#fromNewParticipant}}<p class="flag">From a new participant: not yet added to this ticket. This address receives nothing from the ticket unless you or we add it.</p>{{/fromNewParticipant}}
            <pre>{{text}}</pre>
            {{#attachments}}<div class="meta">📎 {{.}}</div>{{/attachments}}
            </article>
            {{/entries}}
            </main>
            <footer class="meta"><p>Reply to any of our mails to add to this conversation.</p></footer>
            </body></html>
            """)

    static let notFound = try! MustacheTemplate(
        string: layoutStart + """
            <h1>Ticket not found</h1>
            <p>This link is not valid. Use the link from the latest mail about your ticket.</p>
            </body></html>
            """)
}

extension PageTemplates {
    static let landing = try! MustacheTemplate(
        string: layoutStart + """
            <h1>Support</h1>
            <p>Write to us by mail; every mail becomes a ticket, and our acknowledgement links to its page here.</p>
            </body></html>
            """)
}
