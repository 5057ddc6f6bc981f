// CCurlShims: non-variadic wrappers around libcurl's variadic calls, so that Swift can call them.
//
// Thread safety (https://curl.se/libcurl/c/threadsafe.html):
// - postdesk_curl_global_init() runs curl_global_init(CURL_GLOBAL_ALL) exactly once per process (pthread_once);
//   call it before the first curl_easy_init. It is never undone: curl_global_cleanup is not thread-safe and the
//   process needs libcurl until it exits.
// - An easy handle must be used by one thread at a time. PostdeskCurl confines each handle to one serial queue.
// - Signals: every handle gets CURLOPT_NOSIGNAL=1, since libcurl's SIGALRM-based DNS timeouts are not safe in a
//   multi-threaded process.
#ifndef POSTDESK_CCURL_SHIMS_H
#define POSTDESK_CCURL_SHIMS_H

#include <curl/curl.h>

#ifdef __cplusplus
extern "C" {
#endif

/// The signature libcurl expects of CURLOPT_READFUNCTION and CURLOPT_WRITEFUNCTION callbacks.
typedef size_t (*postdesk_curl_data_callback)(char *buffer, size_t size, size_t count, void *userdata);

/// Runs curl_global_init(CURL_GLOBAL_ALL) once; later calls return the first call's result.
CURLcode postdesk_curl_global_init(void);

/// curl_easy_setopt for options that take a long (CURLOPTTYPE_LONG), e.g. CURLOPT_CONNECT_ONLY.
CURLcode postdesk_curl_setopt_long(CURL *handle, CURLoption option, long value);
/// curl_easy_setopt for options that take a string (CURLOPTTYPE_STRINGPOINT); libcurl copies the string.
CURLcode postdesk_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
/// curl_easy_setopt for options that take a pointer (CURLOPTTYPE_OBJECTPOINT, CURLOPTTYPE_SLISTPOINT,
/// CURLOPTTYPE_CBPOINT), e.g. CURLOPT_READDATA, CURLOPT_MAIL_RCPT, CURLOPT_ERRORBUFFER. libcurl keeps the pointer.
CURLcode postdesk_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
/// curl_easy_setopt for CURLOPT_READFUNCTION and CURLOPT_WRITEFUNCTION.
CURLcode postdesk_curl_setopt_data_callback(CURL *handle, CURLoption option, postdesk_curl_data_callback value);
/// curl_easy_setopt for options that take a curl_off_t (CURLOPTTYPE_OFF_T), e.g. CURLOPT_INFILESIZE_LARGE.
CURLcode postdesk_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value);

/// curl_easy_setopt for options that take a struct curl_blob (CURLOPTTYPE_BLOB), e.g. CURLOPT_CAINFO_BLOB. The bytes
/// are copied (CURL_BLOB_COPY), so the caller may free them on return.
CURLcode postdesk_curl_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length);
/// The CA bundle libcurl was built to trust by default (curl_version_info's cainfo), or NULL when it has none.
const char *postdesk_curl_default_cainfo(void);

/// curl_easy_getinfo for CURLINFO_LONG items, e.g. CURLINFO_RESPONSE_CODE.
CURLcode postdesk_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
/// curl_easy_getinfo for CURLINFO_STRING items; the string belongs to the handle.
CURLcode postdesk_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value);
/// curl_easy_getinfo for CURLINFO_SOCKET items, i.e. CURLINFO_ACTIVESOCKET.
CURLcode postdesk_curl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value);
/// curl_easy_getinfo for CURLINFO_OFF_T items, e.g. CURLINFO_SIZE_UPLOAD_T.
CURLcode postdesk_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value);

/// CURL_ERROR_SIZE, the size CURLOPT_ERRORBUFFER needs (a macro Swift cannot import as a constant).
size_t postdesk_curl_error_size(void);
/// CURL_SOCKET_BAD.
curl_socket_t postdesk_curl_socket_bad(void);

#ifdef __cplusplus
}
#endif

#endif
