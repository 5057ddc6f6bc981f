import CCurlShims
import Foundation
import PostdeskCore

/// The certificates TLS connections trust when `POSTDESK_CA_FILE` names extra ones: the system's and the extra ones.
///
/// [CURLOPT_CAINFO](https://curl.se/libcurl/c/CURLOPT_CAINFO.html) *replaces* libcurl's default bundle, so an extra
/// CA set that way would stop a relay with a public certificate from verifying (on builds without a default CA
/// directory, which Debian's has: `/etc/ssl/certs`). Instead the default bundle and the extra file are joined in memory
/// and handed over with [CURLOPT_CAINFO_BLOB](https://curl.se/libcurl/c/CURLOPT_CAINFO_BLOB.html), which the OpenSSL
/// backend loads beside the default [CURLOPT_CAPATH](https://curl.se/libcurl/c/CURLOPT_CAPATH.html).
enum CATrust {
    /// The bundle libcurl trusts by default (`curl_version_info()->cainfo`), e.g.
    /// `/etc/ssl/certs/ca-certificates.crt`; `nil` when it was built without one.
    static var defaultBundle: String? {
        postdesk_curl_default_cainfo().map { String(cString: $0) }
    }

    /// The PEM text of `system` (when it exists and is readable) followed by that of `extra`.
    /// - Parameters:
    ///   - extra: the configured CA file; it must be readable.
    ///   - system: the bundle trusted without it.
    /// - Throws: ``MailTransportError`` `.misconfigured` (not transient) when `extra` cannot be read.
    static func bundle(adding extra: String, to system: String?) throws(MailTransportError) -> [UInt8] {
        guard let added = FileManager.default.contents(atPath: extra) else {
            throw MailTransportError(
                code: .misconfigured, message: "cannot read the CA file \(extra)", isTransient: false)
        }
        var bytes = system.flatMap { FileManager.default.contents(atPath: $0) }.map { [UInt8]($0) } ?? []
        if let last = bytes.last, last != UInt8(ascii: "\n") { bytes.append(UInt8(ascii: "\n")) }
        return bytes + [UInt8](added)
    }
}
