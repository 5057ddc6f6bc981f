import CCurl
import CCurlShims
import PostdeskCore

/// One libcurl easy handle (`CURL *`) and the memory it points into.
///
/// Not `Sendable`: libcurl allows one thread at a time per handle
/// ([threadsafe](https://curl.se/libcurl/c/threadsafe.html)), so each handle lives and dies on one serial queue.
/// Every handle gets `CURLOPT_NOSIGNAL` and an error buffer; string lists set on it are freed with it.
final class CurlEasyHandle {
    let raw: UnsafeMutableRawPointer
    private let errorBuffer: UnsafeMutablePointer<CChar>
    /// The string lists the handle points into, by option: setting an option again frees the list it replaces, so a
    /// handle reused for many transfers (an SMTP lane) does not grow.
    private var lists: [CURLoption.RawValue: UnsafeMutablePointer<curl_slist>] = [:]

    /// - Throws: ``MailTransportError`` when libcurl cannot be initialised or has no memory for a handle.
    init() throws(MailTransportError) {
        let global = postdesk_curl_global_init()
        guard global == CURLE_OK else {
            throw MailTransportError(curl: CurlError(global), context: "curl_global_init")
        }
        guard let raw = curl_easy_init() else {
            throw MailTransportError(
                code: .protocolError, message: "curl_easy_init returned NULL", isTransient: true)
        }
        self.raw = raw
        let size = postdesk_curl_error_size()
        errorBuffer = .allocate(capacity: size)
        errorBuffer.initialize(repeating: 0, count: size)
        // https://curl.se/libcurl/c/CURLOPT_NOSIGNAL.html: required in multi-threaded programs.
        _ = postdesk_curl_setopt_long(raw, CURLOPT_NOSIGNAL, 1)
        // https://curl.se/libcurl/c/CURLOPT_ERRORBUFFER.html
        _ = postdesk_curl_setopt_pointer(raw, CURLOPT_ERRORBUFFER, errorBuffer)
    }

    deinit {
        curl_easy_cleanup(raw)
        for list in lists.values { curl_slist_free_all(list) }
        errorBuffer.deallocate()
    }

    /// Sets an option that takes a `long`.
    func set(_ option: CURLoption, _ value: Int) throws(MailTransportError) {
        try check(postdesk_curl_setopt_long(raw, option, value), option)
    }

    /// Sets an option that takes a string; libcurl keeps its own copy.
    func set(_ option: CURLoption, _ value: String) throws(MailTransportError) {
        try check(postdesk_curl_setopt_string(raw, option, value), option)
    }

    /// Sets an option that takes a `curl_off_t`.
    func set(_ option: CURLoption, offset value: Int64) throws(MailTransportError) {
        try check(postdesk_curl_setopt_off_t(raw, option, curl_off_t(value)), option)
    }

    /// Sets an option that takes a pointer libcurl keeps; the caller keeps the pointee alive as long as the handle.
    func set(_ option: CURLoption, pointer value: UnsafeMutableRawPointer?) throws(MailTransportError) {
        try check(postdesk_curl_setopt_pointer(raw, option, value), option)
    }

    /// Sets an option that takes a `struct curl_blob` (e.g. `CURLOPT_CAINFO_BLOB`); libcurl keeps its own copy.
    func set(_ option: CURLoption, blob bytes: [UInt8]) throws(MailTransportError) {
        let code = bytes.withUnsafeBytes { postdesk_curl_setopt_blob(raw, option, $0.baseAddress, $0.count) }
        try check(code, option)
    }

    /// Sets `CURLOPT_READFUNCTION` or `CURLOPT_WRITEFUNCTION`.
    func set(_ option: CURLoption, callback: postdesk_curl_data_callback) throws(MailTransportError) {
        try check(postdesk_curl_setopt_data_callback(raw, option, callback), option)
    }

    /// Sets an option that takes a `struct curl_slist *` (e.g. `CURLOPT_MAIL_RCPT`); the list lives until the handle
    /// ends or the option is set again. An empty list sets the option to NULL and frees the list it replaces: on a
    /// reused handle (an SMTP lane) the previous mail's list must not stay attached.
    func set(_ option: CURLoption, list strings: [String]) throws(MailTransportError) {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for string in strings {
            guard let longer = curl_slist_append(list, string) else {
                if let list { curl_slist_free_all(list) }
                throw MailTransportError(code: .protocolError, message: "curl_slist_append failed", isTransient: true)
            }
            list = longer
        }
        guard let list else {
            // Unset first, free after, as below: libcurl must never hold a pointer to a freed list.
            try check(postdesk_curl_setopt_pointer(raw, option, nil), option)
            if let old = lists.removeValue(forKey: option.rawValue) { curl_slist_free_all(old) }
            return
        }
        // Set first, free after: libcurl must never hold a pointer to a freed list, even when setting fails.
        do throws(MailTransportError) {
            try check(postdesk_curl_setopt_pointer(raw, option, list), option)
        } catch {
            curl_slist_free_all(list)
            throw error
        }
        if let old = lists.updateValue(list, forKey: option.rawValue) { curl_slist_free_all(old) }
    }

    /// The strings of the list set for `option` and still attached to the handle; empty when there is none.
    func attachedList(_ option: CURLoption) -> [String] {
        var strings: [String] = []
        var node = lists[option.rawValue]
        while let current = node {
            if let data = current.pointee.data { strings.append(String(cString: data)) }
            node = current.pointee.next
        }
        return strings
    }

    /// How many new connections the last transfer opened
    /// ([CURLINFO_NUM_CONNECTS](https://curl.se/libcurl/c/CURLINFO_NUM_CONNECTS.html)): 0 when it reused one.
    var connectsOfLastTransfer: Int {
        var value = 0
        return postdesk_curl_getinfo_long(raw, CURLINFO_NUM_CONNECTS, &value) == CURLE_OK ? value : 0
    }

    /// Runs `curl_easy_perform`, blocking the calling thread.
    /// - Throws: ``CurlError`` with the error buffer's text and the server's last reply code.
    func perform() throws(CurlError) {
        errorBuffer[0] = 0
        let code = curl_easy_perform(raw)
        guard code == CURLE_OK else { throw failure(code) }
    }

    /// The `CurlError` for `code`, with the error buffer's text and `CURLINFO_RESPONSE_CODE`.
    func failure(_ code: CURLcode) -> CurlError {
        CurlError(code, detail: String(cString: errorBuffer), responseCode: responseCode)
    }

    /// The last server reply code ([CURLINFO_RESPONSE_CODE](https://curl.se/libcurl/c/CURLINFO_RESPONSE_CODE.html)),
    /// 0 when none.
    var responseCode: Int {
        var value = 0
        return postdesk_curl_getinfo_long(raw, CURLINFO_RESPONSE_CODE, &value) == CURLE_OK ? value : 0
    }

    /// The socket of a `CURLOPT_CONNECT_ONLY` connection
    /// ([CURLINFO_ACTIVESOCKET](https://curl.se/libcurl/c/CURLINFO_ACTIVESOCKET.html)), `nil` when there is none.
    var activeSocket: Int32? {
        var socket = postdesk_curl_socket_bad()
        guard postdesk_curl_getinfo_socket(raw, CURLINFO_ACTIVESOCKET, &socket) == CURLE_OK,
            socket != postdesk_curl_socket_bad()
        else { return nil }
        return socket
    }

    private func check(_ code: CURLcode, _ option: CURLoption) throws(MailTransportError) {
        guard code == CURLE_OK else {
            throw MailTransportError(curl: CurlError(code), context: "curl_easy_setopt(\(option.rawValue))")
        }
    }
}
