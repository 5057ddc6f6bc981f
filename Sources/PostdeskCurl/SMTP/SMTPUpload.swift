import CCurlShims

/// The message bytes libcurl reads through
/// [CURLOPT_READFUNCTION](https://curl.se/libcurl/c/CURLOPT_READFUNCTION.html) during an SMTP upload.
///
/// libcurl does the SMTP dot-stuffing and the final `CRLF.CRLF`; the bytes go out as they are otherwise.
final class SMTPUpload {
    private let bytes: [UInt8]
    private var offset = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Copies up to `capacity` bytes into `buffer`; 0 at the end.
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int {
        let count = min(capacity, bytes.count - offset)
        guard count > 0 else { return 0 }
        bytes.withUnsafeBytes { source in
            guard let base = source.baseAddress else { return }
            buffer.copyMemory(from: base + offset, byteCount: count)
        }
        offset += count
        return count
    }

    /// The C callback: `userdata` is an unretained `SMTPUpload`.
    static let callback: postdesk_curl_data_callback = { buffer, size, count, userdata in
        guard let buffer, let userdata else { return 0 }
        let upload = Unmanaged<SMTPUpload>.fromOpaque(userdata).takeUnretainedValue()
        return upload.read(into: UnsafeMutableRawPointer(buffer), capacity: size * count)
    }
}
