#include "harness/core/json_reader.h"

#include <algorithm>
#include <cstring>
#include <fstream>
#include <sstream>

namespace cc::core {
namespace {

// RFC 6901 escaping of one reference token.
std::string escape_token(const std::string& key) {
  std::string out;
  for (char c : key) {
    if (c == '~')
      out += "~0";
    else if (c == '/')
      out += "~1";
    else
      out += c;
  }
  return out;
}

std::string type_name(const nlohmann::json& v) { return v.type_name(); }

// "line L, column C" of a 1-based byte offset, which is what an editor shows. memchr finds the
// newlines: a loop over every byte was a twentieth of the catalogue fuzz target's time, each
// comparison traced by its coverage instrumentation.
std::string line_column(const std::string& text, size_t byte) {
  const size_t before = std::min(byte > 0 ? byte - 1 : 0, text.size());  // bytes before it
  size_t line = 1, line_start = 0;
  for (const char *p = text.data(), *end = text.data() + before;
       (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))); ++p) {
    ++line;
    line_start = static_cast<size_t>(p - text.data()) + 1;
  }
  return "line " + std::to_string(line) + ", column " + std::to_string(before - line_start + 1);
}

}  // namespace

nlohmann::json read_json_file(const std::string& path, const std::string& prefix) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError("[" + prefix + ".unreadable] " + path + ": cannot open the file");
  std::stringstream buf;
  buf << in.rdbuf();
  return parse_json_text(buf.str(), path, prefix);
}

nlohmann::json parse_json_text(const std::string& text, const std::string& path,
                               const std::string& prefix) {
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw DataError("[" + prefix + ".syntax] " + path + ": " + line_column(text, e.byte) +
                    ": not valid JSON");
  } catch (const nlohmann::json::out_of_range& e) {
    // A number beyond a double (e.g. 8e6535) is valid JSON text that cannot be represented;
    // the parser says so without a position, so point at the number it names.
    const std::string what = e.what();
    const size_t open = what.find('\''), close = what.rfind('\'');
    const std::string number =
        open != std::string::npos && close > open ? what.substr(open + 1, close - open - 1) : "";
    const size_t at = number.empty() ? std::string::npos : text.find(number);
    throw DataError(
        "[" + prefix + ".syntax] " + path + ": " +
        (at == std::string::npos ? std::string("somewhere") : line_column(text, at + 1)) +
        ": a number too large to represent");
  }
}

JsonReader::JsonReader(const nlohmann::json& value, std::string file, std::string prefix,
                       std::string pointer)
    : value_(value),
      file_(std::move(file)),
      prefix_(std::move(prefix)),
      pointer_(std::move(pointer)) {}

std::string JsonReader::child_pointer(const std::string& key) const {
  return pointer_ + "/" + escape_token(key);
}

void JsonReader::fail(const std::string& what, const std::string& detail,
                      const std::string& key) const {
  std::string ptr = key.empty() ? pointer_ : child_pointer(key);
  if (ptr.empty()) ptr = "/";
  throw DataError("[" + prefix_ + "." + what + "] " + file_ + ": " + ptr + ": " + detail);
}

void JsonReader::expect_object() const {
  if (!value_.is_object()) fail("wrong_type", "expected an object, found " + type_name(value_));
}

std::string JsonReader::as_string() const {
  if (!value_.is_string()) fail("wrong_type", "expected a string, found " + type_name(value_));
  return value_.get<std::string>();
}

JsonReader JsonReader::at(const std::string& key) {
  expect_object();
  seen_.insert(key);
  auto it = value_.find(key);
  if (it == value_.end()) fail("missing_field", "required field is missing", key);
  return JsonReader(*it, file_, prefix_, child_pointer(key));
}

std::optional<JsonReader> JsonReader::optional(const std::string& key) {
  expect_object();
  seen_.insert(key);
  auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) return std::nullopt;
  return JsonReader(*it, file_, prefix_, child_pointer(key));
}

std::string JsonReader::string(const std::string& key) {
  JsonReader r = at(key);
  if (!r.value_.is_string())
    fail("wrong_type", "expected a string, found " + type_name(r.value_), key);
  return r.value_.get<std::string>();
}

std::optional<std::string> JsonReader::string_or_null(const std::string& key) {
  JsonReader r = at(key);
  if (r.value_.is_null()) return std::nullopt;
  if (!r.value_.is_string())
    fail("wrong_type", "expected a string or null, found " + type_name(r.value_), key);
  return r.value_.get<std::string>();
}

bool JsonReader::boolean(const std::string& key) {
  JsonReader r = at(key);
  if (!r.value_.is_boolean())
    fail("wrong_type", "expected a boolean, found " + type_name(r.value_), key);
  return r.value_.get<bool>();
}

long long JsonReader::integer(const std::string& key) {
  JsonReader r = at(key);
  if (!r.value_.is_number_integer())
    fail("wrong_type", "expected an integer, found " + type_name(r.value_), key);
  return r.value_.get<long long>();
}

std::optional<long long> JsonReader::integer_or_null(const std::string& key) {
  JsonReader r = at(key);
  if (r.value_.is_null()) return std::nullopt;
  if (!r.value_.is_number_integer())
    fail("wrong_type", "expected an integer or null, found " + type_name(r.value_), key);
  return r.value_.get<long long>();
}

std::vector<std::string> JsonReader::strings(const std::string& key) {
  std::vector<std::string> out;
  for (const JsonReader& item : array(key)) out.push_back(item.as_string());
  return out;
}

std::vector<JsonReader> JsonReader::array(const std::string& key) {
  JsonReader r = at(key);
  if (!r.value_.is_array())
    fail("wrong_type", "expected an array, found " + type_name(r.value_), key);
  std::vector<JsonReader> out;
  const std::string base = child_pointer(key);
  for (size_t i = 0; i < r.value_.size(); ++i)
    out.emplace_back(r.value_[i], file_, prefix_, base + "/" + std::to_string(i));
  return out;
}

void JsonReader::done() const {
  if (!value_.is_object()) return;
  for (const auto& [key, _] : value_.items()) {
    if (!key.empty() && key[0] == '_') continue;
    if (!seen_.count(key)) fail("unknown_field", "unknown field (typo?)", key);
  }
}

}  // namespace cc::core
