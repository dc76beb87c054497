#pragma once
// A JSON value written as text, byte for byte what nlohmann's
// `dump(-1, ' ', false, error_handler_t::replace)` gives (compact, no ASCII escaping, invalid
// UTF-8 replaced by U+FFFD), appended to a string. Every answer the emulator sends is written
// so; dump's serializer checks every byte of every string through a UTF-8 automaton and writes
// through a virtual call per character, which made writing Describe's small answer cost about
// as much as building it. Here plain strings (printable ASCII without quote or backslash, nearly
// all of an answer's) are copied as they are, integers formatted by std::to_chars, and anything
// else — a string needing escapes or not ASCII, a float, binary — written by dump itself.
#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace cc::emu {

// `s` as a JSON string.
void append_json_string(std::string& out, std::string_view s);
// `j` as compact JSON.
void append_json(std::string& out, const nlohmann::json& j);

}  // namespace cc::emu
