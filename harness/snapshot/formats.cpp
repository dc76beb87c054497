// Value formats and typed placeholders (normalise.h): what is left of a run-specific value in a
// snapshot is its kind and the format it had, which is what "same format" compares.
#include <regex>

#include "harness/core/crypto.h"
#include "harness/core/encoding.h"
#include "harness/snapshot/normalise.h"

namespace cc::snapshot {

namespace {

struct Format {
  const char* name;
  std::regex pattern;
};

// First match wins: the UUIDs before hex, the dates before plain digits.
const std::vector<Format>& formats() {
  static const std::vector<Format> all = [] {
    const char* uuid = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
    const char* upper = "[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}";
    return std::vector<Format>{
        {"uuid", std::regex(uuid)},
        {"upper-uuid", std::regex(upper)},
        {"iso8601",
         std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)")},
        {"http-date",
         std::regex(R"([A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT)")},
        {"unix", std::regex(R"(\d{9,10})")},
        {"hex", std::regex("[0-9a-f]+")},
        {"upper-hex", std::regex("[0-9A-F]+")},
    };
  }();
  return all;
}

const std::regex& placeholder_pattern() {
  static const std::regex p(R"(<([a-z-]+)(:([A-Za-z0-9._-]+))?>|<i(\d+)>)");
  return p;
}

// Lower-case letters and digits only: "X-TC-Token" and "x_tc_token" are one name.
std::string folded(std::string_view name) {
  std::string out;
  for (char c : core::to_lower(name))
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
  return out;
}

bool ends_with(const std::string& s, std::string_view tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

}  // namespace

std::string format_of(std::string_view value) {
  const std::string v(value);
  for (const auto& f : formats())
    if (std::regex_match(v, f.pattern)) return f.name;
  return "other";
}

std::string placeholder(std::string_view kind, std::string_view value) {
  return "<" + std::string(kind) + ":" + format_of(value) + ">";
}

std::optional<std::string> placeholder_kind(std::string_view text) {
  std::smatch m;
  const std::string t(text);
  if (!std::regex_match(t, m, placeholder_pattern())) return std::nullopt;
  return m[4].matched ? std::string("instance") : m[1].str();
}

std::string placeholder_format(std::string_view text) {
  const auto kind = placeholder_kind(text);
  if (kind == "instance") return "<instance>";
  return std::string(text);
}

bool credential_name(std::string_view name) {
  const std::string n = folded(name);
  // Key ids are not secrets (reports show them), but they name an account: a snapshot keeps
  // only their hash, in the identity.
  for (const char* id : {"secretid", "accesskeyid"})
    if (n == id || ends_with(n, id)) return true;
  for (const char* tail : {"secret", "token", "password", "secretkey", "privatekey", "cookie"})
    if (ends_with(n, tail)) return true;
  return false;
}

std::string hashed(const std::string& text) {
  return "sha256:" + core::sha256_hex(text).substr(0, 16);
}

}  // namespace cc::snapshot
