// Non-variadic wrappers around curl_easy_setopt/curl_easy_getinfo; see include/CCurlShims.h.
#include "CCurlShims.h"

#include <pthread.h>

static pthread_once_t global_once = PTHREAD_ONCE_INIT;
static CURLcode global_result = CURLE_FAILED_INIT;

static void global_init(void) { global_result = curl_global_init(CURL_GLOBAL_ALL); }

CURLcode postdesk_curl_global_init(void) {
    pthread_once(&global_once, global_init);
    return global_result;
}

CURLcode postdesk_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode postdesk_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode postdesk_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode postdesk_curl_setopt_blob(CURL *handle, CURLoption option, const void *data, size_t length) {
    struct curl_blob blob = {.data = (void *)data, .len = length, .flags = CURL_BLOB_COPY};
    return curl_easy_setopt(handle, option, &blob);
}

const char *postdesk_curl_default_cainfo(void) {
    const curl_version_info_data *info = curl_version_info(CURLVERSION_NOW);
    return (info != NULL && info->age >= CURLVERSION_NINTH) ? info->cainfo : NULL;
}

CURLcode postdesk_curl_setopt_data_callback(CURL *handle, CURLoption option, postdesk_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode postdesk_curl_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

CURLcode postdesk_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode postdesk_curl_getinfo_string(CURL *handle, CURLINFO info, const char **value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode postdesk_curl_getinfo_socket(CURL *handle, CURLINFO info, curl_socket_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

CURLcode postdesk_curl_getinfo_off_t(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

size_t postdesk_curl_error_size(void) { return CURL_ERROR_SIZE; }

curl_socket_t postdesk_curl_socket_bad(void) { return CURL_SOCKET_BAD; }
