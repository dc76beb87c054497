#include "emulator/variations.h"

#include <stdexcept>

namespace cc::emu {

const std::vector<VariationInfo>& known_variations() {
  static const std::vector<VariationInfo> list = {
      {Variation::chunked, "chunked",
       "answers framed with Transfer-Encoding: chunked instead of Content-Length"},
      {Variation::connection_close, "connection-close",
       "Connection: close on every answer, the connection closed after it"},
      {Variation::extra_fields, "extra-fields",
       "a member a newer API version might add in every answer object, instance record and error "
       "object"},
      {Variation::other_wording, "other-wording",
       "every error Message worded otherwise (in Chinese, as the real CVM, O7)"},
      {Variation::request_id_format, "request-id-format",
       "RequestIds in the other letter case; Tencent's LatestOperationRequestId lower-case (the "
       "same id)"},
      {Variation::json_style, "json-style", "pretty-printed JSON with its keys in reverse order"},
      {Variation::success_while_stopping, "success-while-stopping",
       "every Tencent LatestOperationState is SUCCESS once the stop is accepted, while still "
       "STOPPING (O2)"},
  };
  return list;
}

const std::string& name_of(Variation v) {
  for (const auto& i : known_variations())
    if (i.variation == v) return i.name;
  throw std::logic_error("a variation without a name");
}

Variation parse_variation(const std::string& name) {
  for (const auto& i : known_variations())
    if (i.name == name) return i.variation;
  std::string all;
  for (const auto& i : known_variations()) all += (all.empty() ? "" : ", ") + i.name;
  throw std::invalid_argument("unknown variation \"" + name + "\" (known: " + all + ")");
}

void Variations::set(const std::vector<std::string>& names) {
  std::set<Variation> parsed;
  for (const auto& n : names) parsed.insert(parse_variation(n));
  std::lock_guard lock(mu_);
  active_ = std::move(parsed);
}

bool Variations::has(Variation v) const {
  std::lock_guard lock(mu_);
  return active_.count(v) > 0;
}

bool Variations::any() const {
  std::lock_guard lock(mu_);
  return !active_.empty();
}

std::vector<std::string> Variations::active() const {
  std::lock_guard lock(mu_);
  std::vector<std::string> out;
  for (const auto& i : known_variations())
    if (active_.count(i.variation)) out.push_back(i.name);
  return out;
}

}  // namespace cc::emu
