#include "harness/model/history.h"

#include <limits>
#include <optional>
#include <set>

#include "harness/model/judge.h"

namespace cc::model {

using nlohmann::json;

namespace {

// The replay's own idea of an instance: where it is, and where a running transition lands when.
struct Replayed {
  std::string state;
  std::optional<std::string> heading;
  std::int64_t due_ns = 0;

  void settle(std::int64_t now_ns) {
    if (heading && now_ns >= due_ns) {  // the emulator's rule: due, not after due
      state = *heading;
      heading.reset();
    }
  }
};

bool has_fields(const json& op) {
  for (const char* k :
       {"op", "at_ns", "api", "params", "code", "applied", "transition_ms", "effects"})
    if (!op.contains(k)) return false;
  return op["effects"].is_array() && op["code"].is_string() && op["op"].is_number_unsigned() &&
         op["at_ns"].is_number_integer() && op["transition_ms"].is_number_integer();
}

std::set<std::string> throttle_codes(const core::Catalogue& catalogue, const core::Api& api) {
  std::set<std::string> out;
  for (const auto* e : catalogue.common_errors(api.provider).errors_for("request.throttled"))
    out.insert(e->code);
  return out;
}

}  // namespace

HistoryCheck check_history(const Model& model, const std::map<std::string, std::string>& initial,
                           const json& operations,
                           const std::map<std::string, std::string>& final_states) {
  HistoryCheck out;
  std::map<std::string, Replayed> pool;
  for (const auto& [id, state] : initial) pool[id] = Replayed{state, std::nullopt, 0};
  std::uint64_t last_op = 0;
  std::int64_t last_at = std::numeric_limits<std::int64_t>::min();
  if (!operations.is_array()) {
    out.problems.push_back("the operations are not a JSON array");
    return out;
  }
  for (const json& op : operations) {
    if (!has_fields(op)) {
      out.problems.push_back("malformed operation " + op.dump());
      continue;
    }
    ++out.operations;
    const std::uint64_t n = op["op"];
    const std::string where = "op " + std::to_string(n) + " (" + op["api"].get<std::string>() +
                              " " + op["params"].dump() + ", request " +
                              op.value("request_id", "?") + ")";
    auto problem = [&](const std::string& what) { out.problems.push_back(where + ": " + what); };
    if (n <= last_op) problem("out of order: it follows op " + std::to_string(last_op));
    last_op = n;
    const core::Api* api = model.catalogue().find(op["api"].get<std::string>());
    if (!api || (api->kind != "stop" && api->kind != "start") ||
        api->status_model.transitions.empty()) {
      problem("not a stop or start API of the catalogue");
      continue;
    }
    const bool applied = op["applied"] == true;
    const std::int64_t t = op["at_ns"];
    if (applied) {
      // The world's clock only moves forward along the world's order. A call refused before
      // reaching the world read the clock outside that order, so only applied ones move time.
      if (t < last_at)
        problem("applied at " + std::to_string(t) + " ns, before the previous operation");
      last_at = t;
      for (auto& [_, r] : pool) r.settle(t);
    }

    // What the target saw: it must be what the replay predicts.
    std::map<std::string, const json*> effects;
    for (const json& e : op["effects"]) {
      const std::string id = e.value("id", "");
      if (!pool.count(id)) {
        problem("names " + id + ", which is not in the pool");
        continue;
      }
      effects[id] = &e;
      if (e.value("before", "") != pool[id].state)
        problem("the target saw " + id + " " + e.value("before", "?") +
                " before it, the replay says " + pool[id].state +
                ": a transition was lost, doubled or reordered");
    }
    if (!applied && !effects.empty())
      problem("refused before reaching the instances, yet lists effects on them");

    World facts;
    for (const auto& [id, r] : pool)
      facts[id] = InstanceFacts{{r.state}, {}, r.heading.has_value()};
    const Expectation e = model.expect(*api, facts, op["params"]);
    if (applied)
      for (const auto& ie : e.instances)
        if (ie.exists && !effects.count(ie.id))
          problem("lists no effect on " + ie.id + ", which it names");
    const std::string code = op["code"];
    if (code.empty()) {
      ++out.accepted;
      if (e.mode == Mode::PerInstance)
        problem("a SuccessFirst batch: per-instance answers are not replayed");
      if (!e.success_allowed())
        problem("accepted; the documents refuse it in the replayed states [" +
                describe_violations(e) + "]");
      const core::Transition& tr = api->status_model.transitions.front();
      for (const auto& ie : e.instances) {
        if (!ie.exists) continue;
        Replayed& r = pool[ie.id];
        // A silent batch mode's accepted call may refuse an instance on its own: one that must
        // be refused stays; one that may be is taken as the target shows it.
        if (e.partial_allowed() && !ie.violations.empty()) {
          if (!ie.may_accept()) continue;
          auto ef = effects.find(ie.id);
          if (ef != effects.end() && ef->second->value("after", "") == r.state &&
              !ie.accepted_states.count(r.state))
            continue;
        }
        r.state = tr.via;
        r.heading = tr.to;
        r.due_ns = t + op["transition_ms"].get<std::int64_t>() * 1'000'000;
        r.settle(t);  // a zero transition time lands at once
      }
    } else if (throttle_codes(model.catalogue(), *api).count(code)) {
      ++out.throttled;  // documented throttling: allowed in any state, changes nothing
    } else {
      ++out.refused;
      const CodeSet codes = e.error_codes();
      if (!e.error_allowed())
        problem("refused with " + code + "; the documents accept it in the replayed states");
      else if (!codes.any && !codes.find_code(code))
        problem("refused with " + code + "; the documents give " + codes.describe() + " [" +
                describe_violations(e) + "]");
    }
    for (const auto& [id, ef] : effects) {
      const std::string after = ef->value("after", "");
      if (after == pool[id].state) continue;
      problem(code.empty()
                  ? "left " + id + " " + after + "; the transition leads to " + pool[id].state
                  : "refused with " + code + ", yet changed " + id + " from " +
                        ef->value("before", "?") + " to " + after);
      pool[id].state = after;  // follow the target, so one fault is reported once
    }
  }
  for (auto& [id, r] : pool) {
    r.settle(std::numeric_limits<std::int64_t>::max());
    auto it = final_states.find(id);
    const std::string shown = it == final_states.end() ? "(not listed)" : it->second;
    if (shown != r.state)
      out.problems.push_back(id + " ends " + shown + "; the replay ends it " + r.state);
  }
  return out;
}

std::vector<std::string> check_accounted(const json& operations,
                                         const std::vector<ClientAnswer>& answers) {
  std::vector<std::string> problems;
  std::map<std::string, std::vector<const json*>> by_request;
  for (const json& op : operations) by_request[op.value("request_id", "")].push_back(&op);
  std::set<std::string> asked;
  for (const ClientAnswer& a : answers) {
    asked.insert(a.request_id);
    auto it = by_request.find(a.request_id);
    if (it == by_request.end()) {
      problems.push_back("request " + a.request_id + " (answered " +
                         (a.accepted ? "accepted" : a.code) + ") is not in the journal: lost");
      continue;
    }
    if (it->second.size() > 1)
      problems.push_back("request " + a.request_id + " is in the journal " +
                         std::to_string(it->second.size()) + " times: doubled");
    const std::string code = it->second.front()->value("code", "?");
    if (code != (a.accepted ? "" : a.code))
      problems.push_back("request " + a.request_id + ": the client got " +
                         (a.accepted ? "acceptance" : a.code) + ", the journal says " +
                         (code.empty() ? "accepted" : code));
  }
  for (const auto& [rid, ops] : by_request)
    if (!asked.count(rid))
      problems.push_back("op " + std::to_string(ops.front()->value("op", 0)) + " (request " + rid +
                         ") was made by no client");
  return problems;
}

}  // namespace cc::model
