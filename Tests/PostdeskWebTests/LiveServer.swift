import Foundation
import Hummingbird
import Logging
import PostdeskWeb
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
#if canImport(Glibc)
    import Glibc
#endif

/// The portal on a real socket (an ephemeral port), answered over real HTTP: what a browser or a scraper gets.
struct LiveServer {
    let task: Task<Void, any Error>
    let port: Int

    /// Starts `router` on `host` and returns once it listens.
    static func start(_ router: Router<PortalRequestContext>, host: String = "127.0.0.1") async throws -> LiveServer {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let app = Application(
            router: router, configuration: .init(address: .hostname(host, port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: Logger(label: "test", factory: { _ in SwiftLogNoOpLogHandler() })
        )
        let task = Task { try await app.runService() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            task.cancel()
            throw URLError(.cannotConnectToHost)
        }
        return LiveServer(task: task, port: port)
    }

    func stop() { task.cancel() }

    /// GET `path` from `host` with `headers`; the status, the response headers (lowercased names) and the body.
    func get(_ path: String, host: String = "127.0.0.1", headers: [String: String] = [:]) async throws
        -> (status: Int, headers: [String: String], body: String)
    {
        var request = URLRequest(url: URL(string: "http://\(host):\(port)\(path)")!)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        var fields: [String: String] = [:]
        for (name, value) in http.allHeaderFields {
            fields[String(describing: name).lowercased()] = String(describing: value)
        }
        return (http.statusCode, fields, String(decoding: data, as: UTF8.self))
    }

    /// An IPv4 address of this machine that is not loopback, to reach the server as another host would; nil when
    /// the machine has none.
    static var nonLoopbackIPv4: String? {
        var list: UnsafeMutablePointer<ifaddrs>?
        guard getifaddrs(&list) == 0, let first = list else { return nil }
        defer { freeifaddrs(list) }
        for entry in sequence(first: first, next: { $0.pointee.ifa_next }) {
            guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else {
                continue
            }
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            let ok = address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { ipv4 in
                var raw = ipv4.pointee.sin_addr
                return inet_ntop(AF_INET, &raw, &text, socklen_t(text.count)) != nil
            }
            let string = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            if ok, !string.hasPrefix("127.") { return string }
        }
        return nil
    }
}
