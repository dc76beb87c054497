#pragma once
// Variations: behaviours the documents allow (or leave open) that the emulator does not show by
// default. Unlike a deviation, a variation breaks nothing: a run through any of them must stay
// conformant. They prove the suite is not fitted to this emulator's particular choices — its
// framing, wording, key order, RequestId case, the moment LatestOperationState turns SUCCESS.
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace cc::emu {

// A closed set: parsed from names at the edge (command line, control plane), enum inside.
enum class Variation {
  chunked,                 // Transfer-Encoding: chunked, no Content-Length
  connection_close,        // Connection: close on every answer, then the connection is closed
  extra_fields,            // members a newer API version might add, everywhere
  other_wording,           // every error Message reworded (in Chinese, like the real CVM, O7)
  request_id_format,       // RequestIds in the other letter case
  json_style,              // pretty-printed, keys in reverse order
  success_while_stopping,  // LatestOperationState SUCCESS once a stop is accepted (observed O2)
};

struct VariationInfo {
  Variation variation;
  std::string name;
  std::string allows;  // what the documents allow that the variation shows
};

const std::vector<VariationInfo>& known_variations();
const std::string& name_of(Variation v);
// Throws std::invalid_argument naming the unknown variation and listing the known ones.
Variation parse_variation(const std::string& name);

// Thread-safe: the control plane may change the set while requests are served.
class Variations {
 public:
  Variations() = default;
  explicit Variations(const std::vector<std::string>& names) { set(names); }
  void set(const std::vector<std::string>& names);  // all or nothing: throws before changing
  bool has(Variation v) const;
  std::vector<std::string> active() const;  // names, in the order of known_variations()
  bool any() const;

 private:
  mutable std::mutex mu_;
  std::set<Variation> active_;
};

}  // namespace cc::emu
