// Comparison of a run with a snapshot (compare.h): exchanges aligned by action, answers
// compared field by field, Describe readings compared as state sequences.
#include "harness/snapshot/compare.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <set>

#include "harness/snapshot/normalise.h"

namespace cc::snapshot {

namespace {

using nlohmann::json;

// The last reference token of a JSON pointer: the envelope's field name ("Code", "Message").
std::string last_token(const std::string& pointer) {
  const size_t slash = pointer.rfind('/');
  return slash == std::string::npos ? pointer : pointer.substr(slash + 1);
}

std::string escape(const std::string& key) {
  std::string out;
  for (char c : key) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

// Compares one case: holds what every difference of the case carries.
class CaseComparer {
 public:
  CaseComparer(const json& recorded, const json& observed, bool prefix,
               const core::Catalogue& catalogue)
      : rec_(recorded), obs_(observed), prefix_(prefix) {
    id_ = recorded.value("id", "");
    api_ = recorded.value("api", "");
    const core::Api* api = catalogue.find(api_);
    const core::Envelope& env = catalogue.common_errors(api ? api->provider : "").envelope;
    code_key_ = last_token(env.error_code);
    message_key_ = last_token(env.error_message);
    rec_instances_ = instances(rec_.at("exchanges"));
    obs_instances_ = instances(obs_.at("exchanges"));
  }

  std::vector<Difference> run() {
    exchanges();
    states();
    return std::move(out_);
  }

 private:
  void add(int exchange, const std::string& action, const std::string& pointer, json recorded,
           json observed, const std::string& rule) {
    out_.push_back(
        {id_, api_, exchange, action, pointer, std::move(recorded), std::move(observed), rule});
  }

  // The mutating calls' indices, by action, in order.
  static std::vector<std::pair<std::string, std::vector<int>>> by_action(const json& c) {
    std::vector<std::pair<std::string, std::vector<int>>> out;
    const json& ex = c.at("exchanges");
    for (int i = 0; i < static_cast<int>(ex.size()); ++i) {
      const std::string action = ex[i].value("action", "");
      if (is_describe(action)) continue;
      auto it = std::find_if(out.begin(), out.end(), [&](auto& p) { return p.first == action; });
      if (it == out.end()) it = out.insert(out.end(), {action, {}});
      it->second.push_back(i);
    }
    return out;
  }

  void exchanges() {
    auto rec = by_action(rec_), obs = by_action(obs_);
    // Named copies, not structured bindings, in the lambdas: clang 14 refuses to capture those.
    for (const auto& seen : obs) {
      const auto& action = seen.first;
      if (std::none_of(rec.begin(), rec.end(), [&](auto& p) { return p.first == action; }))
        rec.push_back({action, {}});
    }
    for (const auto& recorded : rec) {
      const auto& action = recorded.first;
      auto it = std::find_if(obs.begin(), obs.end(), [&](auto& p) { return p.first == action; });
      pair(action, recorded.second, it == obs.end() ? std::vector<int>{} : it->second);
    }
  }

  // Pairs one action's calls in order, except that calls with the same normalised request are
  // interchangeable: two simultaneous stops finish in either order, and which of them was
  // accepted is not a difference of behaviour.
  void pair(const std::string& action, const std::vector<int>& r, const std::vector<int>& o) {
    const json &rex = rec_["exchanges"], &oex = obs_["exchanges"];
    std::vector<bool> used(o.size(), false);
    for (int ri : r) {
      std::optional<size_t> pick;
      for (size_t j = 0; j < o.size() && !pick; ++j)
        if (!used[j] && equivalent(ri, action, rex[ri], oex[o[j]])) pick = j;
      for (size_t j = 0; j < o.size() && !pick; ++j)
        if (!used[j]) pick = j;
      if (!pick) {
        if (!retry(rex[ri], obs_instances_, oex, o))
          add(ri, action, "", rex[ri], nullptr, "exchange-count");
        continue;
      }
      used[*pick] = true;
      for (auto& d : diffs(ri, action, rex[ri], oex[o[*pick]])) out_.push_back(std::move(d));
    }
    for (size_t j = 0; j < o.size(); ++j)
      if (!used[j] && !retry(oex[o[j]], rec_instances_, rex, r))
        add(o[j], action, "", nullptr, oex[o[j]], "exchange-count");
  }

  // A call one side made on instances the other never named, identical up to instance ids to
  // a call the other made: the case tried again on a fresh instance (the simultaneous stops are
  // retried until they overlap on the wire, as often as timing needs), not another behaviour.
  static bool retry(const json& e, const std::set<std::string>& other_instances, const json& other,
                    const std::vector<int>& other_calls) {
    const std::set<std::string> named = instances(e);
    if (named.empty()) return false;
    for (const auto& i : named)
      if (other_instances.count(i)) return false;
    const std::string mine = canonical(e);
    return std::any_of(other_calls.begin(), other_calls.end(),
                       [&](int k) { return canonical(other[k]) == mine; });
  }

  static const std::regex& instance_pattern() {
    static const std::regex p("<i\\d+>");
    return p;
  }

  static std::set<std::string> instances(const json& j) {
    const std::string text = j.dump();
    std::set<std::string> out;
    for (std::sregex_iterator it(text.begin(), text.end(), instance_pattern()), end; it != end;
         ++it)
      out.insert(it->str());
    return out;
  }

  static std::string canonical(const json& e) {
    return std::regex_replace(e.dump(), instance_pattern(), "<instance>");
  }

  // The same request, and answers equivalent both ways (a refusal's fields include the
  // acceptance's RequestId: one way alone would pair an acceptance with a refusal).
  bool equivalent(int index, const std::string& action, const json& r, const json& o) {
    return r["request"] == o["request"] && diffs(index, action, r, o).empty() &&
           diffs(index, action, o, r).empty();
  }

  // The differences of one pair of exchanges, apart from the case's.
  std::vector<Difference> diffs(int index, const std::string& action, const json& r,
                                const json& o) {
    std::vector<Difference> saved;
    std::swap(saved, out_);
    exchange(index, action, r, o);
    std::swap(saved, out_);
    return saved;
  }

  void exchange(int index, const std::string& action, const json& r, const json& o) {
    const json& rr = r.at("response");
    const json& orr = o.at("response");
    if (rr.value("status", 0) != orr.value("status", 0))
      add(index, action, "/response/status", rr.value("status", 0), orr.value("status", 0),
          "equal");
    if (rr.value("transport_error", false) != orr.value("transport_error", false))
      add(index, action, "/response/transport_error", rr.value("transport_error", false),
          orr.value("transport_error", false), "equal");
    if (rr.contains("body"))
      value(index, action, "/response/body", rr["body"], orr.value("body", json()));
  }

  void value(int index, const std::string& action, const std::string& ptr, const json& r,
             const json& o) {
    if (r.is_object()) return object(index, action, ptr, r, o);
    if (r.is_array()) return array(index, action, ptr, r, o);
    if (r.is_string() && placeholder_kind(r.get<std::string>())) {
      const bool same = o.is_string() && placeholder_format(r.get<std::string>()) ==
                                             placeholder_format(o.get<std::string>());
      if (!same) add(index, action, ptr, r, o, "same-format");
      return;
    }
    if (r != o) add(index, action, ptr, r, o, "equal");
  }

  void object(int index, const std::string& action, const std::string& ptr, const json& r,
              const json& o) {
    if (!o.is_object()) return add(index, action, ptr, r, o, "equal");
    // An error's Message is prose (the real CVM answers in Chinese): its Code is compared.
    const bool error = r.contains(code_key_);
    for (const auto& [key, child] : r.items()) {
      if (error && key == message_key_) continue;
      const std::string p = ptr + "/" + escape(key);
      if (!o.contains(key))
        add(index, action, p, child, nullptr, "present");
      else
        value(index, action, p, child, o[key]);
    }
  }

  void array(int index, const std::string& action, const std::string& ptr, const json& r,
             const json& o) {
    if (!o.is_array()) return add(index, action, ptr, r, o, "equal");
    if (r.size() != o.size()) return add(index, action, ptr, r, o, "same-length");
    for (size_t i = 0; i < r.size(); ++i)
      value(index, action, ptr + "/" + std::to_string(i), r[i], o[i]);
  }

  // Each instance's states in the order read, a repeated reading counted once.
  static std::map<std::string, json> sequences(const json& c, std::string& describe) {
    std::map<std::string, json> out;
    for (const auto& e : c.at("exchanges")) {
      const json& states = e.at("response").value("states", json::object());
      if (!states.empty() && describe.empty()) describe = e.value("action", "");
      for (const auto& [instance, state] : states.items()) {
        json& seq = out.try_emplace(instance, json::array()).first->second;
        if (seq.empty() || seq.back() != state) seq.push_back(state);
      }
    }
    return out;
  }

  void states() {
    std::string describe;
    auto rec = sequences(rec_, describe), obs = sequences(obs_, describe);
    for (const auto& [instance, _] : obs) rec.try_emplace(instance, json::array());
    for (const auto& [instance, r] : rec) {
      const json o = obs.count(instance) ? obs[instance] : json::array();
      const bool ok =
          prefix_ ? r.size() <= o.size() && std::equal(r.begin(), r.end(), o.begin()) : r == o;
      if (!ok) add(-1, describe, "/states/" + escape(instance), r, o, "state-sequence");
    }
  }

  const json &rec_, &obs_;
  bool prefix_;
  std::string id_, api_, code_key_, message_key_;
  std::set<std::string> rec_instances_, obs_instances_;
  std::vector<Difference> out_;
};

}  // namespace

const std::vector<std::string>& rules() {
  static const std::vector<std::string> all = {
      "exchange-count: calls other than Describe* are paired by action, in order (calls with the "
      "same request are interchangeable: simultaneous calls finish in either order); a call one "
      "side made and the other did not is one difference, the missing side null — unless it was "
      "made on instances the other side never named and is identical up to instance ids to a "
      "call the other side made (a retry on a fresh instance)",
      "equal: the HTTP status, the error Code and every other recorded value are equal; an "
      "error's Message is ignored (prose, not contract)",
      "same-format: instance ids, RequestIds, timestamps, nonces and signatures are compared by "
      "their placeholder: the kind and the format seen (<i0> matches any instance)",
      "present: a field of the recorded answer is present in the new one; extra fields in the "
      "new answer are tolerated",
      "same-length: a recorded list has as many items in the new answer",
      "state-sequence: Describe* answers are reduced to each instance's sequence of states "
      "(repeats collapsed) and compared as sequences; with \"states\": \"prefix\" the recorded "
      "sequence need only be a prefix of the new one (a recording that stopped watching early)",
  };
  return all;
}

std::vector<Difference> compare_case(const json& recorded, const json& observed, bool prefix,
                                     const core::Catalogue& catalogue) {
  return CaseComparer(recorded, observed, prefix, catalogue).run();
}

Comparison compare(const Snapshot& recorded, const json& results,
                   const core::Catalogue& catalogue) {
  Comparison c;
  c.snapshot_identity = recorded.identity;
  c.snapshot_dir = recorded.dir;
  c.rules = recorded.rules;
  const auto run = normalise_cases(results, catalogue);
  for (const auto& [id, rec] : recorded.cases) {
    auto it = run.find(id);
    if (it == run.end()) {
      c.not_run.push_back(id);
      continue;
    }
    ++c.compared;
    const bool prefix = rec.value("states", recorded.states) == "prefix";
    for (auto& d : compare_case(rec, it->second, prefix, catalogue))
      c.differences.push_back(std::move(d));
  }
  for (const auto& [id, _] : run)
    if (!recorded.cases.count(id)) c.not_in_snapshot.push_back(id);
  return c;
}

json to_json(const Difference& d) {
  return {{"case", d.case_id},      {"api", d.api},         {"exchange", d.exchange},
          {"action", d.action},     {"pointer", d.pointer}, {"recorded", d.recorded},
          {"observed", d.observed}, {"rule", d.rule}};
}

json to_json(const Comparison& c) {
  json differences = json::array();
  for (const auto& d : c.differences) differences.push_back(to_json(d));
  return {{"snapshot", {{"dir", c.snapshot_dir}, {"target", c.snapshot_identity}}},
          {"rules", c.rules},
          {"compared", c.compared},
          {"not_in_snapshot", c.not_in_snapshot},
          {"not_run", c.not_run},
          {"differences", std::move(differences)}};
}

}  // namespace cc::snapshot
