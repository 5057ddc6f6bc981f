import Mustache

/// The portal's page templates. Mustache escapes every `{{value}}`, so mail content can never inject markup.
enum PageTemplates {
    static let layoutStart = """
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{title}}</title>
        <style>
        body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2430}
        header{border-bottom:1px solid #dde;margin-bottom:1rem}
        .status{display:inline-block;padding:.1rem .6rem;border-radius:1rem;background:#eef;font-size:.9rem}
        .msg{border:1px solid #dde;border-radius:.6rem;padding:.6rem 1rem;margin:.8rem 0;max-width:85%}
        .msg.support{margin-left:auto;background:#f3f7ff}
        .meta{color:#667;font-size:.85rem}
        pre{white-space:pre-wrap;font:inherit;margin:.3rem 0}
        </style></head><body>
        """

    static let ticket = try! MustacheTemplate(
        string: layoutStart + """
            <header><h1>[#{{number}}] {{subject}}</h1>
            <p><span class="status status-{{status}}">{{statusLabel}}</span> <span class="meta">opened {{createdAt}}</span></p></header>
            <main>
            {{#entries}}
            <article class="msg{{#fromSupport}} support{{/fromSupport}}">
            <div class="meta">{{author}} · {{at}}</div>
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
