#include "harness/target/arranger.h"

#include <algorithm>

#include "harness/target/target.h"

namespace cc::target {

namespace {

bool settled(const ObservedInstance& o) { return o.state == "RUNNING" || o.state == "STOPPED"; }

}  // namespace

void Arranger::bring(const core::Api& api, const std::string& id, const std::string& state) {
  ObservedInstance now = target_.await(api, id, settled);
  if (now.state == state) return;
  if (!settled(now))
    throw HarnessError(id + " is still " + now.wire_state +
                       " after the settle timeout; it cannot be brought to " + state);
  const core::Api* op = state == "STOPPED" ? &api : catalogue_.sibling(api, "start");
  if (!op) throw HarnessError("the catalogue has no start API for " + api.product);
  const core::Outcome o = target_.call(*op, target_.id_params(*op, {id}));
  if (o.harness_error()) throw harness_error_of(op->id, o);
  if (!o.ok)
    throw HarnessError("cannot bring " + id + " to " + state + ": " + op->id + " answered " +
                       o.summary());
  now = target_.await(api, id, [&](const ObservedInstance& x) { return x.state == state; });
  if (now.state != state)
    throw HarnessError(
        id + " is " + now.wire_state + ", not " + state + ", when the settle timeout of " +
        std::to_string(target_.config().settle_timeout.count()) + " ms passed after " + op->id);
}

std::string Arranger::beyond_public_apis(const std::string& state,
                                         const std::vector<std::string>& attributes) const {
  if (!attributes.empty())
    return "instances marked " + attributes.front() +
           " can only be arranged through a control plane";
  if (state != "RUNNING" && state != "STOPPED")
    return "a " + state +
           " instance can only be arranged through a control plane (the public APIs reach "
           "RUNNING and STOPPED)";
  return "";
}

// The allowlisted candidates (sorted by id, so runs are repeatable), none of them in `taken`.
std::vector<std::string> Arranger::candidates(const core::Api& api,
                                              const std::set<std::string>& taken) const {
  const auto& allowlist = *target_.config().allowlist;
  std::vector<std::string> out;
  for (const std::string& key : {api.id, api.product})
    if (auto a = allowlist.find(key); a != allowlist.end())
      for (const std::string& id : a->second)
        if (!taken.count(id) && std::find(out.begin(), out.end(), id) == out.end())
          out.push_back(id);
  return out;
}

Arrangement Arranger::arrange(const core::Api& api, const std::string& state,
                              const std::vector<std::string>& attributes, int count,
                              const std::set<std::string>& taken) {
  const std::string what = std::to_string(count) + " " + state + " instance(s)";
  if (target_.has_control_plane())
    return {target_.create_instances(api, state, attributes, count), ""};
  if (!target_.config().allowlist)
    return {{}, "the target has no control plane and no allowlisted instances to arrange " + what};
  if (std::string why = beyond_public_apis(state, attributes); !why.empty()) return {{}, why};
  const std::vector<std::string> found = candidates(api, taken);
  if (static_cast<int>(found.size()) < count)
    return {{},
            what + " need " + std::to_string(count) + " allowlisted " + api.product +
                " instances; the profile has " + std::to_string(found.size()) +
                (taken.empty() ? "" : " not already used by this case")};
  return pick(api, state, found, count);
}

// Those already in the state first, so a case changes as little as it can; then others brought
// there, unless the run or the profile forbids changing them.
Arrangement Arranger::pick(const core::Api& api, const std::string& state,
                           const std::vector<std::string>& candidates, int count) {
  const std::string what = std::to_string(count) + " " + state + " instance(s)";
  const bool may_change = !target_.config().read_only;
  std::vector<std::string> ready, others;
  for (const std::string& id : candidates) {
    const std::optional<ObservedInstance> o = target_.observe(api, id);
    if (!o) throw HarnessError(api.product + " describe does not list allowlisted instance " + id);
    (o->state == state ? ready : others).push_back(id);
  }
  Arrangement out;
  for (const std::string& id : ready)
    if (static_cast<int>(out.ids.size()) < count) out.ids.push_back(id);
  for (const std::string& id : others) {
    if (static_cast<int>(out.ids.size()) == count) break;
    if (!may_change || target_.config().dry_run_only.count(id)) continue;
    bring(api, id, state);
    out.ids.push_back(id);
  }
  if (static_cast<int>(out.ids.size()) < count)
    return {{},
            what + ": " + std::to_string(ready.size()) + " allowlisted instance(s) are " + state +
                (may_change ? " and the others are limited to dry runs"
                            : " and a read-only run (no --allow-mutations) changes none")};
  return out;
}

std::vector<Restoration> Arranger::restore() {
  std::vector<Restoration> out;
  for (const Target::FirstState& f : target_.first_states()) {
    Restoration r;
    r.api = f.api->id;
    r.id = f.id;
    r.was = f.state;
    try {
      bring(*f.api, f.id, f.state);
      r.now = f.state;
      r.restored = true;
    } catch (const std::exception& e) {
      r.message = e.what();
      try {
        if (auto o = target_.observe(*f.api, f.id)) r.now = o->state;
      } catch (const std::exception&) {
        r.now = "UNKNOWN";
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

}  // namespace cc::target
