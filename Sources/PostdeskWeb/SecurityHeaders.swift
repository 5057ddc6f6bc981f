public import Hummingbird

/// Adds the same security headers to every response — pages, `/healthz`, `/metrics`, 404s and errors alike.
///
/// - `Content-Security-Policy`: nothing may load but our own stylesheet and scripts (never inline); no images, fonts or frames, no
///   `<base>` that could redirect relative links, forms post only to us, and no other site may frame a page.
/// - `Referrer-Policy: no-referrer`: a `/t/<token>` URL never leaves in a `Referer` header when a customer follows a
///   link, nor when the browser fetches anything.
/// - `X-Content-Type-Options: nosniff`: a response is only ever what its Content-Type says.
///
/// Errors are turned into responses here rather than further out, so they carry the headers too; their text is the
/// status's reason only (an `HTTPResponseError` renders itself; anything else is a bare 500).
public struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    public static var contentSecurityPolicy: String {
        "default-src 'none'; style-src 'self'; script-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    }

    public init() {}

    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as any HTTPResponseError {
            response = try error.response(from: request, context: context)
        } catch {
            context.logger.error("request failed", metadata: ["postdesk.error": "\(type(of: error))"])
            response = Response(
                status: .internalServerError, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "Internal server error\n")))
        }
        response.headers[.contentSecurityPolicy] = Self.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        // Not among swift-http-types' named fields (and HTTPTypes is not ours to import): built by name.
        response.headers[.init("Referrer-Policy")!] = "no-referrer"
        return response
    }
}
