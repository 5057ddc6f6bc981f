// Umbrella header of the CCrypto system library module: the parts of libcrypto PostdeskCrypto calls, nothing added.
// EVP digests, one-shot HMAC, HKDF through EVP_PKEY_derive (OpenSSL 3.0 on Debian 12), CRYPTO_memcmp.
#ifndef POSTDESK_CCRYPTO_H
#define POSTDESK_CCRYPTO_H
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#endif
