#pragma once
// Writing a value at one of the catalogue's JSON pointers (/Response/InstanceSet) into an answer
// being built. A pointer of plain object keys is walked by key: parsing a json_pointer (a vector
// of token strings) twice per Describe showed in the profile. Anything else (escapes, array
// indices, a value on the way that is not an object) goes through json_pointer, whose semantics
// the walk shares for plain keys.
#include <nlohmann/json.hpp>

#include <string_view>

namespace cc::emu {

// root[pointer] = value.
void set_pointer(nlohmann::json& root, std::string_view pointer, nlohmann::json value);

// root[parent + "/" + key] = value, without joining the pointer (an allocation per Describe)
// when both are plain; else as set_pointer does with the joined one.
void set_pointer_child(nlohmann::json& root, std::string_view parent, std::string_view key,
                       nlohmann::json value);

}  // namespace cc::emu
