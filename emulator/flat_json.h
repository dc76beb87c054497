#pragma once
// The request bodies the APIs take are flat JSON objects: names, strings, integers, booleans,
// null, and lists of those ({"InstanceIds":["ins-1","ins-2"],"DryRun":false}). This reads such
// a body straight into a json object, without nlohmann's lexer (a token buffer, a state
// machine and a UTF-8 check per byte, the parser's stacks): the body parse was the largest part
// of a StopInstances request after the signature. Anything else — an escape, a byte outside
// printable ASCII, a number with a fraction, exponent or more than 18 digits, a nested object,
// a list in a list, malformed text — it declines, and the caller parses with nlohmann as before.
// What it accepts it reads exactly as `json::parse(text)` does (types included: a non-negative
// integer is unsigned, a negative one signed; the last of repeated names wins), which
// tests/emulator/flat_json_test.cpp checks against nlohmann over generated bodies.
#include <nlohmann/json.hpp>

#include <string_view>

namespace cc::emu {

// True with `out` the object when `text` is a flat object this reader takes; false (and `out`
// unspecified) when the caller must parse it otherwise.
bool read_flat_object(std::string_view text, nlohmann::json& out);

// `text` as `json::parse(text, nullptr, false)` gives it (discarded when malformed), by
// read_flat_object where it can.
nlohmann::json parse_body(std::string_view text);

}  // namespace cc::emu
