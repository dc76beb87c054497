#include "harness/core/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <initializer_list>
#include <memory>
#include <stdexcept>

namespace cc::core {
namespace {

// RAII for the OpenSSL objects; a failure is a harness fault, so it throws.
struct MdCtxFree {
  void operator()(EVP_MD_CTX* p) const { EVP_MD_CTX_free(p); }
};
using MdCtx = std::unique_ptr<EVP_MD_CTX, MdCtxFree>;

void check(int ok, const char* what) {
  if (ok != 1) throw std::runtime_error(std::string("openssl: ") + what + " failed");
}

// The digests, fetched from the default provider once. OpenSSL 3 fetches implicitly on every
// use of EVP_sha256() and inside HMAC(), and each fetch takes the provider store's lock: that
// was 40 % of the emulator's CPU under load (bench/README.md). These are immutable handles,
// shared read-only by every thread, like a constant table; freed at exit before OpenSSL's own
// cleanup (registered during the first fetch, so it runs after this destructor).
struct Digests {
  EVP_MD* sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  EVP_MD* sha1 = EVP_MD_fetch(nullptr, "SHA1", nullptr);
  Digests() {
    if (!sha256 || !sha1)
      throw std::runtime_error("openssl: cannot fetch SHA256/SHA1 from the default provider");
  }
  ~Digests() {
    EVP_MD_free(sha256);
    EVP_MD_free(sha1);
  }
};

const Digests& digests() {
  static const Digests d;
  return d;
}

// digest(part1 || part2 ...), reusing `ctx`.
std::string digest(EVP_MD_CTX* ctx, const EVP_MD* md,
                   std::initializer_list<std::string_view> parts) {
  check(EVP_DigestInit_ex2(ctx, md, nullptr), "EVP_DigestInit_ex2");
  for (std::string_view p : parts)
    check(EVP_DigestUpdate(ctx, p.data(), p.size()), "EVP_DigestUpdate");
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  check(EVP_DigestFinal_ex(ctx, out, &len), "EVP_DigestFinal_ex");
  return std::string(reinterpret_cast<char*>(out), len);
}

// HMAC as RFC 2104 defines it, over the pre-fetched digest: H((K ^ opad) || H((K ^ ipad) || m)).
// (EVP_MAC would fetch the digest again on every init.)
std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx) throw std::runtime_error("openssl: EVP_MD_CTX_new failed");
  const std::size_t block = static_cast<std::size_t>(EVP_MD_get_block_size(md));
  std::string k = key.size() > block ? digest(ctx.get(), md, {key}) : std::string(key);
  k.resize(block, '\0');
  std::string ipad(block, '\0'), opad(block, '\0');
  for (std::size_t i = 0; i < block; ++i) {
    ipad[i] = static_cast<char>(k[i] ^ 0x36);
    opad[i] = static_cast<char>(k[i] ^ 0x5c);
  }
  const std::string inner = digest(ctx.get(), md, {ipad, data});
  return digest(ctx.get(), md, {opad, inner});
}

}  // namespace

std::string sha256(std::string_view data) {
  MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx) throw std::runtime_error("openssl: EVP_MD_CTX_new failed");
  return digest(ctx.get(), digests().sha256, {data});
}

std::string sha256_hex(std::string_view data) { return to_hex(sha256(data)); }
std::string hmac_sha256(std::string_view key, std::string_view data) {
  return hmac(digests().sha256, key, data);
}
std::string hmac_sha1(std::string_view key, std::string_view data) {
  return hmac(digests().sha1, key, data);
}

std::string to_hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 0x0f]);
  }
  return out;
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                          reinterpret_cast<const unsigned char*>(bytes.data()),
                          static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace cc::core
