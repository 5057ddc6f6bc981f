public import Hummingbird

/// A rendered HTML page as a response: UTF-8, no caching of private pages, no framing by other sites.
struct HTMLPage: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var html: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
                // No framing; no scripts; the page links nowhere, so the token in its URL never leaks as a Referer.
                .contentSecurityPolicy: "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}
