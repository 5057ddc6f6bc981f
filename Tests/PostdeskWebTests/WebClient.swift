import Foundation
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A browser in miniature for HTTP tests against a ``LiveServer``: keeps its own cookies, follows no redirects
/// (a test sees each 303), and can post urlencoded forms.
final class WebClient: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    struct Answer {
        var status: Int
        var headers: [String: String]
        var body: String
        var location: String? { headers["location"] }
    }

    let base: String
    var cookies: [String: String] = [:]
    var language: String?
    private var session: URLSession!

    init(port: Int, language: String? = nil) {
        base = "http://127.0.0.1:\(port)"
        self.language = language
        super.init()
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        session = URLSession(configuration: configuration, delegate: self, delegateQueue: nil)
    }

    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }

    func get(_ path: String) async throws -> Answer {
        try await send("GET", path, body: nil, headers: [:])
    }

    /// Posts `form`; unless `csrf` is false, the hidden `csrf` field carries the token of the page last seen.
    func post(_ path: String, _ form: [String: String], csrf: Bool = true, headers: [String: String] = [:])
        async throws -> Answer
    {
        var fields = form
        if csrf, fields["csrf"] == nil { fields["csrf"] = lastCSRF }
        let body = fields.sorted { $0.key < $1.key }.map { "\(Self.encode($0.key))=\(Self.encode($0.value))" }
            .joined(separator: "&")
        var headers = headers
        headers["Content-Type"] = "application/x-www-form-urlencoded"
        return try await send("POST", path, body: Data(body.utf8), headers: headers)
    }

    /// The `csrf` value of the last page's first form.
    var lastCSRF: String = ""

    func send(_ method: String, _ path: String, body: Data?, headers: [String: String]) async throws -> Answer {
        var request = URLRequest(url: URL(string: base + path)!)
        request.httpMethod = method
        request.httpBody = body
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        if let language { request.setValue(language, forHTTPHeaderField: "Accept-Language") }
        if !cookies.isEmpty {
            request.setValue(
                cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; "),
                forHTTPHeaderField: "Cookie")
        }
        let (data, response) = try await session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        if let setCookie = fields["set-cookie"] {
            // Several Set-Cookie headers arrive joined by ", "; none of ours has an Expires date with a comma.
            for cookie in setCookie.components(separatedBy: ", ") {
                let pair = cookie.split(separator: ";").first.map(String.init) ?? ""
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                guard parts.count == 2 else { continue }
                let maxAgeZero = cookie.contains("Max-Age=0")
                cookies[parts[0]] = maxAgeZero || parts[1].isEmpty ? nil : parts[1]
            }
        }
        let text = String(decoding: data, as: UTF8.self)
        if let range = text.range(of: "name=\"csrf\" value=\"") {
            lastCSRF = String(text[range.upperBound...].prefix { $0 != "\"" })
        }
        return Answer(status: http.statusCode, headers: fields, body: text)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }
}
