#pragma once
// Hashes, HMACs and Base64 through OpenSSL 3's EVP APIs. Everything the four signature
// schemes need, and nothing else: all inputs and outputs are byte strings.
#include <string>
#include <string_view>

namespace cc::core {

// Raw 32-byte SHA-256 digest.
std::string sha256(std::string_view data);
// Lower-case hex SHA-256, the form TC3 and ACS3 put on the wire.
std::string sha256_hex(std::string_view data);
// Raw HMAC outputs (the TC3 key chain feeds raw bytes into the next step).
std::string hmac_sha256(std::string_view key, std::string_view data);
std::string hmac_sha1(std::string_view key, std::string_view data);

std::string to_hex(std::string_view bytes);
std::string base64_encode(std::string_view bytes);

// Constant-time comparison for signature checks, so the emulator does not leak timing.
bool constant_time_equal(std::string_view a, std::string_view b);

}  // namespace cc::core
