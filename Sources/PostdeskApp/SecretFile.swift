import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// read(2), which ``SecretFile/read()`` would otherwise shadow.
private func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    #if canImport(Glibc)
        Glibc.read(fd, buffer, count)
    #else
        Darwin.read(fd, buffer, count)
    #endif
}

/// The generated secret in the data directory: created once, atomically, and never overwritten.
///
/// Every reply token and link already mailed was signed with it, so a new key would void them all: an existing
/// file that cannot be read, or is too short, stops the start-up with an error naming the file instead of being
/// replaced. Two first starts at once cannot both win: the key is written and synced under a private name first
/// (`O_CREAT|O_EXCL`, mode 0600), then published with link(2), which fails if the name exists; the loser reads the
/// winner's key.
struct SecretFile {
    var path: String
    /// The fewest bytes a usable secret has.
    var minimumLength: Int
    /// The most bytes read: anything longer is not a file we wrote.
    static let maximumLength = 4096

    /// Reads the secret, or creates it with `generate()` when there is no file yet.
    /// - Parameter generate: makes a new random key (only called when the file does not exist).
    func loadOrCreate(generate: () -> [UInt8]) throws(ConfigError) -> [UInt8] {
        if let existing = try read() { return existing }
        let key = generate()
        if try publish(key) { return key }
        // Another process created it between our read and our link: use theirs.
        guard let winner = try read() else {
            throw ConfigError(message: "\(path): created by another process and then removed; not starting")
        }
        return winner
    }

    /// The secret in the file, nil when there is no file; an unreadable or short file is an error.
    func read() throws(ConfigError) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        if fd < 0 {
            if errno == ENOENT { return nil }
            throw refusal("cannot be read (\(String(cString: strerror(errno))))")
        }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1024)
        while true {
            let count = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw refusal("cannot be read (\(String(cString: strerror(errno))))")
            }
            if count == 0 { break }
            bytes += chunk[..<count]
            if bytes.count > Self.maximumLength {
                throw refusal("is longer than \(Self.maximumLength) bytes, so it is not a secret Postdesk wrote")
            }
        }
        guard bytes.count >= minimumLength else {
            throw refusal("holds \(bytes.count) bytes; a secret needs at least \(minimumLength)")
        }
        return bytes
    }

    private func refusal(_ problem: String) -> ConfigError {
        ConfigError(
            message: "the secret file \(path) \(problem). Not starting: a new secret would void every reply token "
                + "and link already mailed. Restore the file, or remove it to generate a new secret on purpose "
                + "(or set POSTDESK_SECRET).")
    }

    /// Writes `key` under a private name, syncs it, and links it to ``path``. False when ``path`` already exists.
    private func publish(_ key: [UInt8]) throws(ConfigError) -> Bool {
        let temporary = "\(path).\(getpid()).\(UInt32.random(in: .min ... .max)).tmp"
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw writeError("cannot create \(temporary)") }
        defer { unlink(temporary) }
        var written = 0
        while written < key.count {
            let count = key[written...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else {
                close(fd)
                throw writeError("cannot write \(temporary)")
            }
            written += count
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw writeError("cannot sync \(temporary)")
        }
        close(fd)
        if link(temporary, path) != 0 {
            if errno == EEXIST { return false }
            throw writeError("cannot create \(path)")
        }
        // The new name must survive a crash too.
        let directory = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY | O_CLOEXEC)
        if directory >= 0 {
            _ = fsync(directory)
            close(directory)
        }
        return true
    }

    private func writeError(_ what: String) -> ConfigError {
        ConfigError(message: "\(what) (\(String(cString: strerror(errno)))): cannot store the generated secret")
    }
}
