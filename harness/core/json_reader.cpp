#include "harness/core/json_reader.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <fstream>
#include <functional>
#include <sstream>

namespace cc::core {
namespace {

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
    : JsonReader(value, std::make_shared<const Names>(Names{std::move(file), std::move(prefix)}),
                 std::move(pointer)) {}

JsonReader::JsonReader(const nlohmann::json& value, std::shared_ptr<const Names> names,
                       std::string pointer)
    : value_(value), names_(std::move(names)), pointer_(std::move(pointer)) {}

// The parent's pointer and the RFC 6901 escaped key, built in one string.
std::string JsonReader::child_pointer(const std::string& key) const {
  std::string out;
  out.reserve(pointer_.size() + 1 + key.size() + 2);
  out += pointer_;
  out += '/';
  size_t from = 0;
  for (size_t at; (at = key.find_first_of("~/", from)) != std::string::npos; from = at + 1) {
    out.append(key, from, at - from);
    out += key[at] == '~' ? "~0" : "~1";
  }
  out.append(key, from, std::string::npos);
  return out;
}

void JsonReader::fail(const std::string& what, const std::string& detail,
                      const std::string& key) const {
  std::string ptr = key.empty() ? pointer_ : child_pointer(key);
  if (ptr.empty()) ptr = "/";
  throw DataError("[" + names_->prefix + "." + what + "] " + names_->file + ": " + ptr + ": " +
                  detail);
}

void JsonReader::expect_object() const {
  if (!value_.is_object()) fail("wrong_type", "expected an object, found " + type_name(value_));
}

std::string JsonReader::as_string() const {
  if (!value_.is_string()) fail("wrong_type", "expected a string, found " + type_name(value_));
  return value_.get<std::string>();
}

void JsonReader::mark(const std::string& document_key) {
  // One allocation for all of an object's keys instead of one per key read.
  if (seen_.empty()) seen_.reserve(value_.size());
  seen_.push_back(&document_key);
}

const nlohmann::json& JsonReader::member(const std::string& key) {
  expect_object();
  auto it = value_.find(key);
  if (it == value_.end()) fail("missing_field", "required field is missing", key);
  mark(it.key());
  return *it;
}

void JsonReader::ignore(const std::string& key) {
  if (!value_.is_object()) return;  // done() asks nothing of what is not an object
  auto it = value_.find(key);
  if (it != value_.end()) mark(it.key());
}

JsonReader JsonReader::at(const std::string& key) {
  const nlohmann::json& v = member(key);
  return JsonReader(v, names_, child_pointer(key));
}

std::optional<JsonReader> JsonReader::optional(const std::string& key) {
  expect_object();
  auto it = value_.find(key);
  if (it == value_.end()) return std::nullopt;
  mark(it.key());  // a null member is known too: done() must not call it unknown
  if (it->is_null()) return std::nullopt;
  return JsonReader(*it, names_, child_pointer(key));
}

// The typed reads below look the member up without a child reader: its pointer is spelt out
// only in a failure's message (fail with the key), as before.
std::string JsonReader::string(const std::string& key) {
  const nlohmann::json& v = member(key);
  if (!v.is_string()) fail("wrong_type", "expected a string, found " + type_name(v), key);
  return v.get<std::string>();
}

std::optional<std::string> JsonReader::string_or_null(const std::string& key) {
  const nlohmann::json& v = member(key);
  if (v.is_null()) return std::nullopt;
  if (!v.is_string()) fail("wrong_type", "expected a string or null, found " + type_name(v), key);
  return v.get<std::string>();
}

bool JsonReader::boolean(const std::string& key) {
  const nlohmann::json& v = member(key);
  if (!v.is_boolean()) fail("wrong_type", "expected a boolean, found " + type_name(v), key);
  return v.get<bool>();
}

long long JsonReader::integer(const std::string& key) {
  const nlohmann::json& v = member(key);
  if (!v.is_number_integer()) fail("wrong_type", "expected an integer, found " + type_name(v), key);
  return v.get<long long>();
}

std::optional<long long> JsonReader::integer_or_null(const std::string& key) {
  const nlohmann::json& v = member(key);
  if (v.is_null()) return std::nullopt;
  if (!v.is_number_integer())
    fail("wrong_type", "expected an integer or null, found " + type_name(v), key);
  return v.get<long long>();
}

std::vector<std::string> JsonReader::strings(const std::string& key) {
  std::vector<std::string> out;
  for (const JsonReader& item : array(key)) out.push_back(item.as_string());
  return out;
}

std::vector<JsonReader> JsonReader::array(const std::string& key) {
  const nlohmann::json& v = member(key);
  if (!v.is_array()) fail("wrong_type", "expected an array, found " + type_name(v), key);
  std::vector<JsonReader> out;
  out.reserve(v.size());
  const std::string base = child_pointer(key);
  for (size_t i = 0; i < v.size(); ++i) {
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, i).ptr;
    std::string pointer;
    pointer.reserve(base.size() + 1 + static_cast<size_t>(end - digits));
    pointer.append(base).append(1, '/').append(digits, end);
    out.push_back(JsonReader(v[i], names_, std::move(pointer)));
  }
  return out;
}

// Each of the object's keys is looked up among those read: a scan while few were, a sorted copy
// beyond (an object of many keys, each read, would otherwise cost a scan per key).
void JsonReader::done() const {
  if (!value_.is_object()) return;
  std::vector<const std::string*> sorted;
  if (seen_.size() > 16) {
    sorted = seen_;
    std::sort(sorted.begin(), sorted.end(), std::less<const std::string*>());
  }
  auto known = [this, &sorted](const std::string* key) {
    if (sorted.empty()) return std::find(seen_.begin(), seen_.end(), key) != seen_.end();
    return std::binary_search(sorted.begin(), sorted.end(), key, std::less<const std::string*>());
  };
  for (const auto& member : value_.get_ref<const nlohmann::json::object_t&>()) {
    const std::string& key = member.first;
    if (!key.empty() && key[0] == '_') continue;
    if (!known(&key)) fail("unknown_field", "unknown field (typo?)", key);
  }
}

}  // namespace cc::core
