import CCurl
import Foundation
import Glibc
import PostdeskCore
import Testing

@testable import PostdeskCurl

/// Issue 7.9: `POSTDESK_CA_FILE` adds to the system's CAs instead of replacing them (README § Using it).
@Suite struct CATrustTests {
    @Test("the bundle is the system's PEM text followed by the extra file's, with a line break between")
    func joins() throws {
        let dir = try TemporaryDirectory()
        let system = try dir.write("system.pem", "SYSTEM")
        let extra = try dir.write("extra.pem", "EXTRA\n")
        #expect(try CATrust.bundle(adding: extra, to: system) == Array("SYSTEM\nEXTRA\n".utf8))
        // A build without a default bundle, or one that cannot be read, still trusts the extra file
        #expect(try CATrust.bundle(adding: extra, to: nil) == Array("EXTRA\n".utf8))
        #expect(try CATrust.bundle(adding: extra, to: dir.path("missing.pem")) == Array("EXTRA\n".utf8))
        // A missing extra file is a configuration error, not something to retry
        let error = try #require(throws: MailTransportError.self) {
            try CATrust.bundle(adding: dir.path("missing.pem"), to: system)
        }
        #expect(error.code == .misconfigured && !error.isTransient)
    }

    @Test("libcurl reports its default bundle when it was built with one")
    func defaultBundle() {
        // Debian's libcurl: /etc/ssl/certs/ca-certificates.crt. Other builds may have none; then nil, not a crash.
        if let bundle = CATrust.defaultBundle { #expect(!bundle.isEmpty) }
    }

    /// A real TLS handshake against `openssl s_server` with a certificate from CA "A"; CA "B" is unrelated.
    @Test(
        "a server is trusted when its CA is in the system bundle or in the extra file, and only then",
        .enabled(if: TLSServer.opensslAvailable),
        arguments: [
            // (system bundle, extra file, verifies): the first case is the one CURLOPT_CAINFO got wrong
            ("A", "B", true), ("B", "A", true), ("B", "B", false), ("none", "A", true), ("none", "B", false),
        ])
    func handshake(system: String, extra: String, verifies: Bool) throws {
        let server = try TLSServer()
        defer { server.stop() }
        let config = MailServerConfig(
            url: "https://127.0.0.1:\(server.port)/", user: "", password: "", caFile: server.ca(extra),
            timeout: .seconds(5))
        let handle = try CurlEasyHandle()
        try handle.apply(config, protocols: ["https"], systemBundle: system == "none" ? nil : server.ca(system))
        // Connect and shake hands only: that is where the certificate is verified.
        try handle.set(CURLOPT_CONNECT_ONLY, 1)
        do {
            try handle.perform()
            #expect(verifies, "the handshake verified with system \(system) and extra \(extra)")
        } catch {
            #expect(!verifies, "\(error)")
            #expect(error.code == Int32(CURLE_PEER_FAILED_VERIFICATION.rawValue), "\(error)")
        }
    }
}

/// A directory removed when the value goes away.
final class TemporaryDirectory {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("postdesk-curl-\(UUID().uuidString)")

    init() throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: url) }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    func write(_ name: String, _ text: String) throws -> String {
        try Data(text.utf8).write(to: url.appendingPathComponent(name))
        return path(name)
    }
}

/// `openssl s_server` on a loopback port, with two throwaway CAs made by `openssl req`; the server's certificate is
/// signed by "A" for 127.0.0.1.
final class TLSServer {
    static let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first {
        FileManager.default.isExecutableFile(atPath: $0)
    }
    static var opensslAvailable: Bool { openssl != nil }

    let dir: TemporaryDirectory
    let port: Int
    private let process: Process

    init() throws {
        dir = try TemporaryDirectory()
        for name in ["A", "B"] {
            try Self.run([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=postdesk-test-\(name)",
                "-keyout", dir.path("\(name).key"), "-out", dir.path("\(name).pem"),
            ])
        }
        _ = try dir.write("san.ext", "subjectAltName=IP:127.0.0.1\n")
        try Self.run([
            "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout",
            dir.path("server.key"), "-out", dir.path("server.csr"),
        ])
        try Self.run([
            "x509", "-req", "-in", dir.path("server.csr"), "-CA", dir.path("A.pem"), "-CAkey", dir.path("A.key"),
            "-set_serial", "7", "-days", "2", "-extfile", dir.path("san.ext"), "-out", dir.path("server.pem"),
        ])
        // s_server cannot report the port it got (no port 0), and its "ACCEPT" line sits in a pipe buffer: try a few
        // random high ports, each until it accepts a TCP connection or the process exits (port taken).
        for _ in 1...20 {
            let candidate = Int.random(in: 20_000...59_999)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Self.openssl ?? "openssl")
            process.arguments = [
                "s_server", "-accept", "127.0.0.1:\(candidate)", "-cert", dir.path("server.pem"), "-key",
                dir.path("server.key"), "-www", "-quiet",
            ]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let deadline = ContinuousClock.now + .seconds(10)
            while process.isRunning, ContinuousClock.now < deadline {
                if Self.accepts(port: candidate) {
                    self.port = candidate
                    self.process = process
                    return
                }
                usleep(20_000)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        throw TestFailure("openssl s_server did not start on any of 20 ports")
    }

    /// Whether something listens on 127.0.0.1:`port`.
    private static func accepts(port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
            }
        }
    }

    /// The PEM file of CA `name` ("A" or "B").
    func ca(_ name: String) -> String { dir.path("\(name).pem") }

    deinit { stop() }

    /// SIGKILL, not `terminate()`: the child inherits the spawning thread's signal mask, and under `swift test` that
    /// mask can block SIGTERM, so `terminate()` left s_server running and `waitUntilExit()` waited for ever.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    private static func run(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl ?? "openssl")
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("openssl \(arguments[0]) failed") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
