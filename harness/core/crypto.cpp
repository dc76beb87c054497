#include "harness/core/crypto.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <stdexcept>
#include <utility>

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

// The largest block of the digests above (SHA-256 and SHA-1: 64 bytes).
constexpr std::size_t kMaxBlock = 64;

const Digests& digests() {
  static const Digests d;
  return d;
}

// The digest context each thread hashes in. These are free functions called from any thread
// (the emulator's server threads verify every request with them, the harness's workers sign),
// and a context allocated, set up by the provider and freed per call was a measurable share of
// a request (bench/README.md, section 1). Per thread rather than passed in: no caller has an
// object of its own that lives on one thread (a front end serves all of the server's threads),
// and a context is only scratch space, used by one computation at a time and left in no state
// that a later call could observe.
EVP_MD_CTX* scratch() {
  thread_local const MdCtx ctx(EVP_MD_CTX_new());
  if (!ctx) throw std::runtime_error("openssl: EVP_MD_CTX_new failed");
  return ctx.get();
}

// digest(part1 || part2 ...) into `out` (EVP_MAX_MD_SIZE bytes); returns its length.
std::size_t digest(EVP_MD_CTX* ctx, const EVP_MD* md, std::initializer_list<std::string_view> parts,
                   unsigned char* out) {
  check(EVP_DigestInit_ex2(ctx, md, nullptr), "EVP_DigestInit_ex2");
  for (std::string_view p : parts)
    check(EVP_DigestUpdate(ctx, p.data(), p.size()), "EVP_DigestUpdate");
  unsigned int len = 0;
  check(EVP_DigestFinal_ex(ctx, out, &len), "EVP_DigestFinal_ex");
  return len;
}

std::string_view chars(const unsigned char* p, std::size_t n) {
  return {reinterpret_cast<const char*>(p), n};
}

// The key as HMAC uses it: hashed when longer than a block, zero-padded to a block.
void block_key(EVP_MD_CTX* ctx, const EVP_MD* md, std::string_view key, unsigned char* k,
               std::size_t block) {
  if (block > kMaxBlock) throw std::logic_error("crypto: a digest block larger than kMaxBlock");
  std::memset(k, 0, block);
  if (key.size() > block)
    digest(ctx, md, {key}, k);
  else
    std::memcpy(k, key.data(), key.size());
}

// HMAC as RFC 2104 defines it, over the pre-fetched digest: H((K ^ opad) || H((K ^ ipad) || m)).
// (EVP_MAC would fetch the digest again on every init.) Into `out` (EVP_MAX_MD_SIZE bytes);
// returns the length.
std::size_t hmac(const EVP_MD* md, std::string_view key, std::string_view data,
                 unsigned char* out) {
  EVP_MD_CTX* ctx = scratch();
  const std::size_t block = static_cast<std::size_t>(EVP_MD_get_block_size(md));
  unsigned char k[kMaxBlock], ipad[kMaxBlock], opad[kMaxBlock], inner[EVP_MAX_MD_SIZE];
  block_key(ctx, md, key, k, block);
  for (std::size_t i = 0; i < block; ++i) {
    ipad[i] = static_cast<unsigned char>(k[i] ^ 0x36);
    opad[i] = static_cast<unsigned char>(k[i] ^ 0x5c);
  }
  const std::size_t n = digest(ctx, md, {chars(ipad, block), data}, inner);
  return digest(ctx, md, {chars(opad, block), chars(inner, n)}, out);
}

std::string hmac(const EVP_MD* md, std::string_view key, std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  return std::string(chars(out, hmac(md, key, data, out)));
}

}  // namespace

std::string sha256(std::string_view data) {
  unsigned char out[EVP_MAX_MD_SIZE];
  return std::string(chars(out, digest(scratch(), digests().sha256, {data}, out)));
}

std::string sha256_hex(std::string_view data) {
  std::string out(64, '\0');
  sha256_hex(data, std::span<char, 64>(out.data(), 64));
  return out;
}

void sha256_hex(std::string_view data, std::span<char, 64> out) {
  unsigned char md[EVP_MAX_MD_SIZE];
  const std::size_t n = digest(scratch(), digests().sha256, {data}, md);
  if (n != 32) throw std::logic_error("crypto: a SHA-256 digest that is not 32 bytes");
  to_hex(std::span<const unsigned char>(md, n), out.data());
}

std::string hmac_sha256(std::string_view key, std::string_view data) {
  return hmac(digests().sha256, key, data);
}
std::string hmac_sha1(std::string_view key, std::string_view data) {
  return hmac(digests().sha1, key, data);
}
void hmac_sha1(std::string_view key, std::string_view data, std::span<unsigned char, 20> out) {
  unsigned char md[EVP_MAX_MD_SIZE];
  if (hmac(digests().sha1, key, data, md) != out.size())
    throw std::logic_error("crypto: an HMAC-SHA1 that is not 20 bytes");
  std::memcpy(out.data(), md, out.size());
}

void HmacSha256Key::CtxFree::operator()(evp_md_ctx_st* p) const { EVP_MD_CTX_free(p); }

// The inner and outer states after one block each: what every HMAC under this key starts from.
HmacSha256Key::HmacSha256Key(std::string_view key)
    : inner_(EVP_MD_CTX_new()), outer_(EVP_MD_CTX_new()) {
  if (!inner_ || !outer_) throw std::runtime_error("openssl: EVP_MD_CTX_new failed");
  const EVP_MD* md = digests().sha256;
  const std::size_t block = static_cast<std::size_t>(EVP_MD_get_block_size(md));
  unsigned char k[kMaxBlock], pad[kMaxBlock];
  block_key(scratch(), md, key, k, block);
  for (auto [ctx, x] : {std::pair{inner_.get(), 0x36}, std::pair{outer_.get(), 0x5c}}) {
    for (std::size_t i = 0; i < block; ++i) pad[i] = static_cast<unsigned char>(k[i] ^ x);
    check(EVP_DigestInit_ex2(ctx, md, nullptr), "EVP_DigestInit_ex2");
    check(EVP_DigestUpdate(ctx, pad, block), "EVP_DigestUpdate");
  }
}

HmacSha256Key::~HmacSha256Key() = default;
HmacSha256Key::HmacSha256Key(HmacSha256Key&&) noexcept = default;
HmacSha256Key& HmacSha256Key::operator=(HmacSha256Key&&) noexcept = default;

// Each state is copied into this thread's scratch context and finished there; the key's own
// states are only read, which is what lets threads share it.
std::string HmacSha256Key::mac(std::string_view data) const {
  unsigned char out[32];
  mac(data, out);
  return std::string(chars(out, sizeof out));
}

void HmacSha256Key::mac(std::string_view data, std::span<unsigned char, 32> out) const {
  EVP_MD_CTX* ctx = scratch();
  unsigned char inner[EVP_MAX_MD_SIZE], md[EVP_MAX_MD_SIZE];
  unsigned int n = 0, m = 0;
  check(EVP_MD_CTX_copy_ex(ctx, inner_.get()), "EVP_MD_CTX_copy_ex");
  check(EVP_DigestUpdate(ctx, data.data(), data.size()), "EVP_DigestUpdate");
  check(EVP_DigestFinal_ex(ctx, inner, &n), "EVP_DigestFinal_ex");
  check(EVP_MD_CTX_copy_ex(ctx, outer_.get()), "EVP_MD_CTX_copy_ex");
  check(EVP_DigestUpdate(ctx, inner, n), "EVP_DigestUpdate");
  check(EVP_DigestFinal_ex(ctx, md, &m), "EVP_DigestFinal_ex");
  if (m != out.size()) throw std::logic_error("crypto: an HMAC-SHA256 that is not 32 bytes");
  std::memcpy(out.data(), md, out.size());
}

std::string to_hex(std::string_view bytes) {
  std::string out(bytes.size() * 2, '\0');  // written by index: push_back per digit showed
  to_hex(std::span<const unsigned char>(reinterpret_cast<const unsigned char*>(bytes.data()),
                                        bytes.size()),
         out.data());
  return out;
}

// Both digits of each byte from one table: a verifier writes 96 bytes of hex per request.
constexpr std::array<char, 512> kHexPairs = [] {
  constexpr char digits[] = "0123456789abcdef";
  std::array<char, 512> t{};
  for (std::size_t i = 0; i < 256; ++i) {
    t[2 * i] = digits[i >> 4];
    t[2 * i + 1] = digits[i & 0x0f];
  }
  return t;
}();

void to_hex(std::span<const unsigned char> bytes, char* out) {
  for (unsigned char c : bytes) {
    std::memcpy(out, &kHexPairs[2 * std::size_t{c}], 2);
    out += 2;
  }
}

std::string base64_encode(std::string_view bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3), '\0');
  out.resize(base64_encode(std::span<const unsigned char>(
                               reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size()),
                           out.data()));
  return out;
}

std::size_t base64_encode(std::span<const unsigned char> bytes, char* out) {
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out), bytes.data(),
                                static_cast<int>(bytes.size()));
  return static_cast<std::size_t>(n);
}

bool constant_time_equal(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace cc::core
