#pragma once
// The canonical order both Alibaba signatures give their parameters (protocols.md B3, B5).
// Defined in encoding.cpp beside percent_encode; declared here, where only the signers see it.
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "harness/core/encoding.h"

namespace cc::core {

// Each pair's name and value percent-encoded into `arena`, as views sorted by name then value
// (the encoded bytes: an escape sorts apart from the byte it stands for), pairs named `skip` left
// out. The Alibaba signatures' canonical order without a string per name and value (issue 18);
// `arena` is reserved here for all of it and must not change while the views are in use.
using EncodedParam = std::pair<std::string_view, std::string_view>;
std::vector<EncodedParam> encoded_sorted(const Params& params, std::string& arena,
                                         std::optional<std::string_view> skip = std::nullopt);

}  // namespace cc::core
