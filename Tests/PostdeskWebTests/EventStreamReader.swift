import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A server-sent event stream read over a plain socket (URLSession buffers a streaming body): sends one GET and
/// collects what arrives, without blocking a thread of the test's executor.
final class EventStreamReader: @unchecked Sendable {
    private let fd: Int32
    private(set) var received = ""

    init(port: Int, path: String, cookies: [String: String]) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            close(fd)
            throw URLError(.cannotConnectToHost)
        }
        let cookie = cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
        let request = Array(
            "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\nCookie: \(cookie)\r\n\r\n".utf8)
        _ = request.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    deinit { close(fd) }

    /// Reads until `needle` has arrived (true) or `seconds` have passed (false).
    func wait(for needle: String, seconds: Double = 10) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        var buffer = [UInt8](repeating: 0, count: 4096)
        while Date() < deadline {
            if received.contains(needle) { return true }
            let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if count > 0 {
                received += String(decoding: buffer.prefix(count), as: UTF8.self)
            } else if count == 0 {
                return received.contains(needle)
            } else {
                try await Task.sleep(for: .milliseconds(50))
            }
        }
        return received.contains(needle)
    }
}
