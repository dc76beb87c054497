#pragma once
// Hashes, HMACs and Base64 through OpenSSL 3's EVP APIs. Everything the four signature
// schemes need, and nothing else: all inputs and outputs are byte strings.
#include <cstddef>
#include <memory>
#include <span>
#include <string>
#include <string_view>

struct evp_md_ctx_st;  // OpenSSL's EVP_MD_CTX, kept out of this header

namespace cc::core {

// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);
// Lower-case hex SHA-256, the form TC3 and ACS3 put on the wire.
std::string sha256_hex(std::string_view data);
// The same into 64 bytes the caller has: a verifier hashes twice per request, and a fresh string
// each time was an allocation.
void sha256_hex(std::string_view data, std::span<char, 64> out);
// Raw HMAC outputs (the TC3 key chain feeds raw bytes into the next step).
std::string hmac_sha256(std::string_view key, std::string_view data);
std::string hmac_sha1(std::string_view key, std::string_view data);
// The same 20 bytes into `out`, with no string (the Alibaba V2 verifier's, once per request).
void hmac_sha1(std::string_view key, std::string_view data, std::span<unsigned char, 20> out);

// An HMAC-SHA256 key made ready once for many messages: the digest states after its inner and
// outer pad blocks are computed here, so each mac() hashes only the message and the inner
// digest. For a verifier that checks many messages under one key (the emulator's cached TC3
// keys). Immutable after construction: one key may be used by several threads at once.
class HmacSha256Key {
 public:
  explicit HmacSha256Key(std::string_view key);
  ~HmacSha256Key();
  HmacSha256Key(HmacSha256Key&&) noexcept;
  HmacSha256Key& operator=(HmacSha256Key&&) noexcept;
  // hmac_sha256(key, data), byte for byte.
  std::string mac(std::string_view data) const;
  // The same 32 bytes into `out`, with no string.
  void mac(std::string_view data, std::span<unsigned char, 32> out) const;

 private:
  struct CtxFree {
    void operator()(evp_md_ctx_st* p) const;
  };
  std::unique_ptr<evp_md_ctx_st, CtxFree> inner_, outer_;
};

std::string to_hex(std::string_view bytes);
// Lower hex of `bytes` into `out`, which holds twice as many.
void to_hex(std::span<const unsigned char> bytes, char* out);
std::string base64_encode(std::string_view bytes);
// The same into `out`, which holds 4 * ceil(size / 3) bytes plus one (EVP_EncodeBlock ends it
// with a NUL); returns the length without the NUL.
std::size_t base64_encode(std::span<const unsigned char> bytes, char* out);

// Constant-time comparison for signature checks, so the emulator does not leak timing.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace cc::core
