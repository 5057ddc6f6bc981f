// Umbrella header of the CCurl system library module: libcurl's public API, nothing added.
// curl_easy_setopt and curl_easy_getinfo are variadic and cannot be called from Swift; CCurlShims wraps them.
#ifndef POSTDESK_CCURL_H
#define POSTDESK_CCURL_H
#include <curl/curl.h>
#endif
