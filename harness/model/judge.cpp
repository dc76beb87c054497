#include "harness/model/judge.h"

#include <nlohmann/json.hpp>

namespace cc::model {

using nlohmann::json;

namespace {

std::string code_text(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<long long>());
  return v.dump();
}

std::string states_text(const std::set<std::string>& s) {
  std::string out;
  for (const auto& x : s) out += (out.empty() ? "" : " or ") + x;
  return out;
}

}  // namespace

std::string describe_violations(const Expectation& e) {
  std::string out;
  auto add = [&](const Violation& v) {
    if (!out.empty()) out += "; ";
    out += v.trigger + (v.subject.empty() ? "" : " " + v.subject) +
           (v.certain ? "" : " (may be refused or not)");
  };
  for (const auto& v : e.request) add(v);
  for (const auto& i : e.instances)
    for (const auto& v : i.violations) add(v);
  if (e.dry_run) out += std::string(out.empty() ? "" : "; ") + "dry run";
  return out.empty() ? "nothing in the request violates the documents" : out;
}

namespace {

Judgement judge_impl(const Expectation& e, const core::Outcome& o,
                     const std::map<std::string, std::string>* states) {
  static const std::map<std::string, std::string> kNone;
  const std::map<std::string, std::string>& after = states ? *states : kNone;
  const bool check = states != nullptr;
  Judgement j;
  const core::Api& api = *e.api;
  auto fail = [&](const std::string& m) {
    j.agrees = false;
    j.message = m + " [the model: " + describe_violations(e) + "]";
    return j;
  };
  auto state_after = [&](const InstanceExpectation& ie) -> std::string {
    auto it = after.find(ie.id);
    return it == after.end() ? "(not listed)" : it->second;
  };

  if (o.ok) {
    j.outcome_class = "accepted";
    if (!e.success_allowed())
      return fail("the call was accepted (" + o.summary() + "); the documents expect " +
                  e.error_codes().describe());
    if (o.http_status != api.response.success_status)
      return fail("success came with HTTP " + std::to_string(o.http_status) +
                  "; the document gives HTTP " + std::to_string(api.response.success_status));
    if (o.request_id.empty()) return fail("the success carries no RequestId");
    const json* entries = nullptr;
    if (api.response.per_instance && o.body.is_object()) {
      const json::json_pointer ptr(api.response.per_instance->list);
      if (o.body.contains(ptr) && o.body[ptr].is_array()) entries = &o.body[ptr];
    }
    if (e.mode == Mode::PerInstance) {
      if (!entries)
        return fail("a SuccessFirst answer without per-instance results at " +
                    api.response.per_instance->list);
      const auto& f = api.response.per_instance->fields;
      int refused = 0;
      for (const auto& ie : e.instances) {
        bool found = false, accepted = false;
        std::string code;
        for (const auto& item : *entries) {
          if (!item.is_object() || item.value(f.at("id"), "") != ie.id) continue;
          found = true;
          const std::string c = item.contains(f.at("code")) ? code_text(item[f.at("code")]) : "";
          if (c == "200")
            accepted = true;
          else if (code.empty())
            code = c;
        }
        if (!found) return fail("no per-instance result for " + ie.id);
        if (accepted) {
          if (!ie.may_accept())
            return fail(ie.id + " was accepted per instance; the documents expect " +
                        ie.refusal_codes().describe());
          if (check && ie.exists && !ie.accepted_states.count(state_after(ie)))
            return fail(ie.id + " was accepted but is " + state_after(ie) + ", not " +
                        states_text(ie.accepted_states));
          if (ie.exists) j.acted.insert(ie.id);
          continue;
        }
        ++refused;
        if (!ie.may_refuse())
          return fail(ie.id + " was refused per instance with " + code +
                      "; nothing in the documents refuses it");
        const CodeSet codes = ie.refusal_codes();
        if (!codes.any && !codes.find_code(code))
          return fail(ie.id + " was refused per instance with " + code + "; the documents give " +
                      codes.describe());
        if (check && ie.exists && !ie.before.count(state_after(ie)))
          return fail(ie.id + " was refused but changed from " + states_text(ie.before) + " to " +
                      state_after(ie));
      }
      j.outcome_class = refused ? "accepted per instance, some refused" : "accepted per instance";
      return j;
    }
    // In a silent batch mode an accepted call may have taken each instance on its own: the
    // refused ones stay as they were, the others move.
    int unmoved = 0;
    for (const auto& ie : e.instances) {
      if (!ie.exists) {
        unmoved += ie.may_refuse() ? 1 : 0;
        continue;
      }
      const std::set<std::string> allowed = e.states_after_success(ie);
      if (check && !allowed.count(state_after(ie)))
        return fail("the call was accepted but " + ie.id + " is " + state_after(ie) + ", not " +
                    states_text(allowed) +
                    (allowed == ie.before ? " (refused on its own, it changes nothing)" : ""));
      // Acted on: it may be accepted and, when its state is known, shows where that leads.
      const bool acted =
          ie.may_accept() && (!check || ie.accepted_states.count(state_after(ie)) > 0);
      if (acted)
        j.acted.insert(ie.id);
      else
        ++unmoved;
    }
    if (e.partial_allowed() && unmoved > 0)
      j.outcome_class = "accepted, some refused on their own (the documents are silent)";
    if (entries) {
      const auto& f = api.response.per_instance->fields;
      for (const auto& item : *entries)
        if (item.is_object() && item.contains(f.at("code")) &&
            code_text(item[f.at("code")]) != "200")
          return fail("an all-or-nothing success lists a per-instance failure: " + item.dump());
    }
    return j;
  }

  if (!e.error_allowed())
    return fail("the call was refused (" + o.summary() + "); the documents expect success");
  const CodeSet codes = e.error_codes();
  const Code* match = codes.find(o.code, o.http_status);
  if (!match && !codes.any) {
    if (const Code* same = codes.find_code(o.code))
      return fail("code " + o.code + " came with HTTP " + std::to_string(o.http_status) +
                  "; the document gives HTTP " + std::to_string(same->http_status));
    return fail("got " + o.summary() + "; the documents allow " + codes.describe());
  }
  j.outcome_class = !match                             ? "refused (documents silent): " + o.code
                    : match->trigger == "dry_run.pass" ? "dry run passed"
                                                       : "refused: " + match->trigger;
  for (const auto& ie : e.instances) {
    if (!check || !ie.exists) continue;
    if (!ie.before.count(state_after(ie)))
      return fail("the call was refused with " + o.code + " but " + ie.id + " changed from " +
                  states_text(ie.before) + " to " + state_after(ie));
  }
  return j;
}

}  // namespace

Judgement judge(const Expectation& e, const core::Outcome& o,
                const std::map<std::string, std::string>& after) {
  return judge_impl(e, o, &after);
}

Judgement judge_answer(const Expectation& e, const core::Outcome& o) {
  return judge_impl(e, o, nullptr);
}

}  // namespace cc::model
