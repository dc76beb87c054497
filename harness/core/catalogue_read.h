#pragma once
// The catalogue loader's readers, shared by its two files: catalogue.cpp (shared readers, the
// common-errors file, loading) and catalogue_api.cpp (an API file's sections). Not an interface
// for anyone else: load_catalogue and load_api_file are (catalogue.h).
#include <initializer_list>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"

namespace cc::core::catalogue_read {

inline constexpr const char* kPrefix = "catalogue";  // the error code's family: [catalogue.*]

bool one_of(const std::string& v, std::initializer_list<const char*> options);
std::string capitalise(std::string s);
Provenance read_provenance(JsonReader r);
ErrorEntry read_error(JsonReader r, bool common);
std::map<std::string, std::string> read_string_map(JsonReader r);
Parameter read_parameter(JsonReader r);
ValueFormat read_format(JsonReader r);
// Whether a pattern's repetition counts and back-references are short enough to hand to
// std::regex: libstdc++ 12 reads such a number into a long without checking, and one of 19
// digits or more overflows it (undefined behaviour; UBSan stops there). A number that large is
// no valid count or group anyway: the pattern is refused as not a valid regular expression.
bool numbers_fit(const std::string& pattern);
Flag read_flag(JsonReader r);
StatusModel read_status_model(JsonReader r);

// One API file, every section checked; DataError naming the file and the JSON pointer.
Api read_api(const nlohmann::json& doc, const std::string& path);

}  // namespace cc::core::catalogue_read
