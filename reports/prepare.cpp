#include "reports/prepare.h"

#include "reports/model.h"
#include "reports/redact.h"

namespace cc::reports {

nlohmann::json prepare_for_reports(const nlohmann::json& results, const std::string& file) {
  validate_results(results, file);
  nlohmann::json r = results;
  if (r.contains("target")) r["target"] = public_identity(r["target"]);
  for (auto& c : r["cases"]) {
    for (auto it = c.begin(); it != c.end();) it = it->is_null() ? c.erase(it) : std::next(it);
    if (c.contains("transcript"))
      for (auto& x : c["transcript"]) x = redact_exchange(x);
  }
  // A summary written by an older or hand-edited file could disagree with the cases.
  recompute_summary(r);
  return r;
}

}  // namespace cc::reports
