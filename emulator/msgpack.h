#pragma once
// MessagePack of a JSON value appended to a byte vector, byte for byte what
// nlohmann::json::to_msgpack writes, for the journal's copy of every Stop's parameters. nlohmann's
// writer makes a shared output adapter per call and a `json` of every object key (a heap string
// each): two to three allocations per Stop. Written by hand for the values request bodies hold
// (null, booleans, integers, strings, arrays, objects); a float or binary value is left to
// nlohmann's writer, so its bytes stay nlohmann's too.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <vector>

namespace cc::emu {

void append_msgpack(const nlohmann::json& value, std::vector<std::uint8_t>& out);

}  // namespace cc::emu
