#include "harness/target/observer.h"

#include <chrono>
#include <thread>

#include "harness/target/target.h"

namespace cc::target {

using nlohmann::json;

Listing read_listing(const core::Api& describe, const json& body) {
  Listing out;
  const json::json_pointer ptr(describe.response.instances);
  if (!body.is_object() || !body.contains(ptr)) return out;
  const json& list = body[ptr];
  if (list.is_null()) {
    out.shape = Listing::Shape::Null;
    return out;
  }
  if (!list.is_array()) {
    out.shape = Listing::Shape::NotAList;
    return out;
  }
  out.shape = Listing::Shape::List;
  const auto& f = describe.response.instance_fields;
  for (const auto& item : list) {
    if (!item.is_object()) continue;
    ObservedInstance obs;
    obs.id = item.value(f.at("id"), "");
    obs.wire_state = item.value(f.at("state"), "");
    obs.state =
        describe.status_model.canonical(obs.wire_state).value_or("UNKNOWN:" + obs.wire_state);
    obs.fields = item;
    out.instances.push_back(std::move(obs));
  }
  return out;
}

std::optional<ObservedInstance> Observer::observe(const core::Api& api, const std::string& id) {
  const core::Api* describe = catalogue_.sibling(api, "describe");
  if (!describe) throw HarnessError("the catalogue has no describe API for " + api.product);
  core::Outcome o = target_.call(*describe, target_.id_params(*describe, {id}));
  if (o.harness_error()) throw harness_error_of(describe->id, o);
  if (!o.ok) throw HarnessError(describe->id + " failed: " + o.summary());
  Listing listing = read_listing(*describe, o.body);
  if (listing.shape == Listing::Shape::Null) return std::nullopt;
  if (listing.shape != Listing::Shape::List)
    throw HarnessError(describe->id + ": no instance list at " + describe->response.instances);
  for (ObservedInstance& obs : listing.instances)
    if (obs.id == id) return std::move(obs);
  return std::nullopt;
}

ObservedInstance Observer::await(const core::Api& api, const std::string& id,
                                 const std::function<bool(const ObservedInstance&)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + target_.config().settle_timeout;
  auto* saved = target_.transcript();
  target_.set_transcript(nullptr);
  std::optional<ObservedInstance> last;
  try {
    while (true) {
      last = observe(api, id);
      if (last && done(*last)) break;
      if (std::chrono::steady_clock::now() >= deadline) break;
      // Polling a remote state: the target offers no notification to wait on.
      std::this_thread::sleep_for(target_.config().poll_interval);
    }
  } catch (...) {
    target_.set_transcript(saved);
    throw;
  }
  target_.set_transcript(saved);
  if (!last) throw HarnessError(api.product + " describe no longer lists " + id);
  return *last;
}

}  // namespace cc::target
