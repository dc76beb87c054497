#include "emulator/json_pointer.h"

#include <string>

namespace cc::emu {

using nlohmann::json;

namespace {

// A token json_pointer reads as an object key: no escape, not an array index or "-".
bool plain_token(std::string_view token) {
  return !token.empty() && token.find('~') == std::string_view::npos &&
         token.find_first_not_of("0123456789") != std::string_view::npos && token != "-";
}

// The value at a pointer of plain object keys, made on the way as json_pointer makes it;
// nullptr when the pointer is not one (the caller goes through json_pointer, which repeats what
// was made here).
json* walk_plain(json& root, std::string_view pointer) {
  json* at = &root;
  std::string_view rest = pointer;
  bool walked = !rest.empty() && rest.front() == '/';
  while (walked && !rest.empty()) {
    rest.remove_prefix(1);
    const std::string_view token = rest.substr(0, rest.find('/'));
    rest.remove_prefix(token.size());
    walked = plain_token(token) && (at->is_null() || at->is_object());
    if (walked) at = &(*at)[std::string(token)];
  }
  return walked ? at : nullptr;
}

}  // namespace

void set_pointer(json& root, std::string_view pointer, json value) {
  if (json* at = walk_plain(root, pointer)) {
    *at = std::move(value);
    return;
  }
  root[json::json_pointer(std::string(pointer))] = std::move(value);
}

void set_pointer_child(json& root, std::string_view parent, std::string_view key, json value) {
  json* at = parent.empty() ? &root : walk_plain(root, parent);
  if (at && plain_token(key) && (at->is_null() || at->is_object())) {
    (*at)[std::string(key)] = std::move(value);
    return;
  }
  std::string joined(parent);
  set_pointer(root, joined.append("/").append(key), std::move(value));
}

}  // namespace cc::emu
