public import Hummingbird

/// A rendered HTML page as a response: UTF-8, no caching of private pages. ``SecurityHeaders`` adds the rest.
struct HTMLPage: ResponseGenerator {
    var status: HTTPResponse.Status = .ok
    var html: String

    func response(from request: Request, context: some RequestContext) throws -> Response {
        Response(
            status: status,
            headers: [
                .contentType: "text/html; charset=utf-8",
                .cacheControl: "no-store",
            ],
            body: .init(byteBuffer: ByteBuffer(string: html))
        )
    }
}
