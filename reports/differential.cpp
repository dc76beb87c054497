#include "reports/differential.h"

#include "reports/model.h"
#include "reports/text.h"

namespace cc::reports {

bool differences_fail_run(const Results& r) {
  return r.differential_gate && r.differential && !r.differential->differences.empty();
}

int gated_exit_status(const Results& r) {
  const int status = exit_status(r);
  return status == 0 && differences_fail_run(r) ? 1 : status;
}

std::string gated_verdict(const Results& r) {
  if (!differences_fail_run(r)) return verdict(r);
  const auto n = static_cast<long long>(r.differential->differences.size());
  return verdict(r) + "; fails --gate differential: " + count_of(n, "difference") +
         " from the recorded target";
}

namespace {

std::string text_of(const nlohmann::json& identity, const char* key) {
  const auto it = identity.find(key);
  return it != identity.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

std::string recorded_target(const Differential& d) { return recorded_target(d.snapshot_target); }

std::string recorded_target(const nlohmann::json& identity) {
  const std::string kind = text_of(identity, "kind"), name = text_of(identity, "name"),
                    date = text_of(identity, "date");
  std::string out = kind.empty() ? "a target" : kind;
  if (!name.empty()) out += " \"" + name + "\"";
  if (!date.empty()) out += ", recorded " + date;
  return out;
}

std::string differential_line(const Results& r) {
  if (!r.differential) return "";
  const Differential& d = *r.differential;
  const size_t n = d.differences.size();
  std::string line =
      "Differs from the recorded target: " + count_of(static_cast<long long>(n), "difference") +
      " over " + count_of(d.compared, "compared case") + " (" + recorded_target(d) + ")";
  if (r.differential_gate)
    line += n == 0 ? " — none to fail the run (--gate differential)"
                   : " — they fail the run (--gate differential)";
  else if (n > 0)
    line += " — reported, not failed (no --gate differential)";
  return line;
}

std::string where_of(const TargetDifference& d) {
  if (d.exchange < 0) return "state sequence";
  return "exchange " + std::to_string(d.exchange) + (d.action.empty() ? "" : " (" + d.action + ")");
}

std::string value_text(const nlohmann::json& v, size_t max_chars) {
  const std::string text = v.is_null()     ? "(absent)"
                           : v.is_string() ? v.get<std::string>()
                                           : v.dump();
  return max_chars ? shorten(text, max_chars) : text;
}

std::string rule_text(const Differential& d, const std::string& rule) {
  for (const std::string& r : d.rules)
    if (r.rfind(rule + ":", 0) == 0) return r;
  return rule;
}

}  // namespace cc::reports
