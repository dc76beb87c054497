#pragma once
// A strict reader over nlohmann::json that knows where it is: every error names the file and
// the JSON pointer, in the grep-able form `[<prefix>.<what>] <file>: <pointer>: <detail>`.
// Unknown keys are errors (a typo must not silently drop a fact); keys starting with '_' are
// comments.
#include <nlohmann/json.hpp>

#include <memory>
#include <optional>
#include <set>  // no longer used here; kept for the files that rely on it
#include <stdexcept>
#include <string>
#include <vector>

namespace cc::core {

class DataError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Reads and parses a JSON file; a syntax error names the file, line and column.
nlohmann::json read_json_file(const std::string& path, const std::string& prefix);
// Parses a file's text already read (a fuzz target's input) with read_json_file's messages;
// `path` is the file they name.
nlohmann::json parse_json_text(const std::string& text, const std::string& path,
                               const std::string& prefix);

class JsonReader {
 public:
  JsonReader(const nlohmann::json& value, std::string file, std::string prefix,
             std::string pointer = "");

  const nlohmann::json& value() const { return value_; }
  const std::string& pointer() const { return pointer_; }
  const std::string& file() const { return names_->file; }

  // Object access; each marks the key as known.
  JsonReader at(const std::string& key);                       // required, any type
  std::optional<JsonReader> optional(const std::string& key);  // absent or null -> nullopt
  std::string string(const std::string& key);
  std::optional<std::string> string_or_null(const std::string& key);
  bool boolean(const std::string& key);
  long long integer(const std::string& key);
  std::optional<long long> integer_or_null(const std::string& key);
  std::vector<std::string> strings(const std::string& key);  // array of strings
  std::vector<JsonReader> array(const std::string& key);
  void ignore(const std::string& key);
  // Call once every key has been read: fails on keys nobody asked for.
  void done() const;

  // Requires this node itself to be of a type.
  void expect_object() const;
  std::string as_string() const;

  [[noreturn]] void fail(const std::string& what, const std::string& detail,
                         const std::string& key = "") const;

 private:
  // The file and prefix every reader of one document names, shared by its children: copied into
  // each child they were two of its allocations, and the catalogue reads every member through one.
  struct Names {
    std::string file, prefix;
  };
  JsonReader(const nlohmann::json& value, std::shared_ptr<const Names> names, std::string pointer);
  // The member `key` of this object, marked as known; fails when this is no object or lacks it.
  const nlohmann::json& member(const std::string& key);
  // Marks one of this object's own keys (the string in the document) as read.
  void mark(const std::string& document_key);
  std::string child_pointer(const std::string& key) const;
  const nlohmann::json& value_;
  std::shared_ptr<const Names> names_;
  std::string pointer_;
  // The keys read so far, as the addresses of the document's own key strings (stable while the
  // document lives, which every reader needs anyway): done() only asks about keys the object has,
  // so a key asked for but absent needs no record, and a pointer is no string copy and set node.
  std::vector<const std::string*> seen_;
};

}  // namespace cc::core
