public import Hummingbird
public import PostdeskCore

/// Who is signed in, as every route sees it: a customer, or an operator or admin, with their id.
public enum Viewer: Sendable, Hashable {
    case customer(CustomerID)
    case `operator`(OperatorID)
    case admin(OperatorID)

    /// The role a route asks for.
    public var role: Role {
        switch self {
        case .customer: .customer
        case .operator: .operator
        case .admin: .admin
        }
    }
}

/// A signed-in browser, resolved from its session cookie for one request.
public struct WebSession: Sendable, Hashable {
    public var viewer: Viewer
    /// How the page greets them (the name, else the address).
    public var name: String
    /// The session's CSRF secret: the value every form of this browser echoes.
    public var csrf: String
    /// The SHA-256 (hex) of the cookie's token: what sign-out deletes.
    public var tokenDigest: String
}

/// A page needs someone signed in (with a given role); answered with a redirect to `/login` for pages and 403 when
/// signed in with another role. Retrying does not help without signing in.
public struct SignInRequired: Error, Sendable {
    public var signedIn: Bool
}

extension SignInRequired: HTTPResponseError {
    public var status: HTTPResponse.Status { signedIn ? .forbidden : .seeOther }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        if signedIn {
            return Response(
                status: .forbidden, headers: [.contentType: "text/plain; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: "Forbidden\n")))
        }
        return Response(status: .seeOther, headers: [.location: "/login", .cacheControl: "no-store"])
    }
}
