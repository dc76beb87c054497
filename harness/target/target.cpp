#include "harness/target/target.h"

#include <algorithm>
#include <cctype>
#include <latch>
#include <regex>
#include <thread>

#include "harness/alibaba/client.h"
#include "harness/tencent/client.h"

namespace cc::target {

using nlohmann::json;

namespace {

// Every string anywhere in a call's parameters: ids may hide in any list or nested object.
void collect_strings(const json& v, std::vector<std::string>& out) {
  if (v.is_string()) out.push_back(v.get<std::string>());
  else if (v.is_structured())
    for (const auto& item : v) collect_strings(item, out);
}

// The shape suites/instance_ids.cpp gives made-up ids: the prefix, then the example's width of
// digits of which at most six are significant (ins-00000042, i-000…0101). A real id looks like
// that with negligible probability; a guess at a real id would not.
bool synthetic_shape(const core::InstanceIdFormat& f, const std::string& id) {
  const std::size_t width = f.example.size() > f.prefix.size() ? f.example.size() - f.prefix.size() : 0;
  if (width < 8 || id.size() != f.prefix.size() + width || id.compare(0, f.prefix.size(), f.prefix) != 0) return false;
  const std::string digits = id.substr(f.prefix.size());
  if (digits.find_first_not_of("0123456789") != std::string::npos) return false;
  return digits.find_first_not_of('0') == std::string::npos || digits.find_first_not_of('0') >= width - 6;
}

core::CallStyle with_scheme(const core::Api& api, core::CallStyle style, const std::string& alibaba_scheme) {
  if (api.provider == "alibaba" && style.scheme.empty()) style.scheme = alibaba_scheme;
  return style;
}

}  // namespace

bool Target::allowed(const core::Api& api, const std::string& id) const {
  if (synthetic_.count(id) || synthetic_shape(api.instance_id, id)) return true;
  if (auto c = created_.find(api.product); c != created_.end() && c->second.count(id)) return true;
  for (const std::string& key : {api.id, api.product})
    if (auto a = config_.allowlist->find(key); a != config_.allowlist->end() && a->second.count(id)) return true;
  return false;
}

void Target::refuse_unless_allowed(const core::Api& api, const json& params) const {
  if (!config_.allowlist || api.kind.rfind("describe", 0) == 0) return;
  std::string pattern = api.instance_id.pattern;
  if (pattern.empty()) throw HarnessError(api.id + ": the catalogue gives no instance id pattern, so the allowlist cannot be enforced");
  if (pattern.front() == '^') pattern.erase(0, 1);
  if (!pattern.empty() && pattern.back() == '$') pattern.pop_back();
  const std::regex id_shaped(pattern);
  std::vector<std::string> strings;
  collect_strings(params, strings);
  for (const std::string& s : strings) {
    if (allowed(api, s)) continue;
    // Any id-shaped part, in lower case: a lenient target might trim, split a list or fold case.
    std::string lower = s;
    for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (std::sregex_iterator m(lower.begin(), lower.end(), id_shaped), end; m != end; ++m)
      if (!allowed(api, m->str()))
        throw HarnessError("refused before sending: " + api.id + " would name instance " + m->str() +
                           ", which the target profile does not allowlist for " + api.id + " or " + api.product);
  }
}

Target::Target(const core::Catalogue& catalogue, TargetConfig config, core::CallContext context)
    : catalogue_(catalogue), config_(std::move(config)), control_(config_.http) {
  context_ = std::move(context);
  context_.record = [this](const core::Exchange& e) {
    std::lock_guard lock(transcript_mu_);
    if (transcript_) transcript_->push_back(e.to_json());
  };
  tencent_ = make_client("tencent", context_, nullptr);
  alibaba_ = make_client("alibaba", context_, nullptr);
}

std::unique_ptr<core::ApiClient> Target::make_client(const std::string& provider, core::CallContext context,
                                                     const core::Credentials* credentials) {
  auto endpoint = [this](const core::Api& api) {
    auto it = config_.endpoints.find(api.product);
    if (it == config_.endpoints.end()) throw HarnessError("the target has no endpoint for " + api.product);
    return it->second;
  };
  if (provider == "tencent")
    return std::make_unique<tencent::Client>(
        core::ClientConfig{credentials ? *credentials : config_.tencent, config_.tencent_region, endpoint, config_.http},
        std::move(context));
  return std::make_unique<alibaba::Client>(
      core::ClientConfig{credentials ? *credentials : config_.alibaba, config_.alibaba_region, endpoint, config_.http},
      std::move(context));
}

core::Outcome Target::call_as(const core::Api& api, const json& params, const CallVariant& variant) {
  core::CallContext ctx = context_;
  auto now = ctx.now;
  const std::int64_t skew = variant.clock_skew_seconds;
  ctx.now = [now, skew] { return now() + skew; };
  refuse_unless_allowed(api, params);
  auto c = make_client(api.provider, ctx, variant.credentials ? &*variant.credentials : nullptr);
  return c->call(api, params, with_scheme(api, {}, config_.alibaba_scheme));
}

Target::~Target() = default;

core::ApiClient& Target::client(const core::Api& api) {
  return api.provider == "tencent" ? *tencent_ : *alibaba_;
}

void Target::pace(const core::Api& api) {
  if (!api.rate_limit.requests_per_second || config_.pace_fraction <= 0) return;
  auto it = pacers_.find(api.id);
  if (it == pacers_.end())
    it = pacers_.emplace(api.id, core::Pacer(static_cast<double>(*api.rate_limit.requests_per_second) *
                                             config_.pace_fraction)).first;
  it->second.wait();
}

core::Outcome Target::call(const core::Api& api, const json& params, const core::CallStyle& given) {
  refuse_unless_allowed(api, params);
  const core::CallStyle style = with_scheme(api, given, config_.alibaba_scheme);
  pace(api);
  core::Outcome o = client(api).call(api, params, style);
  if (!api.rate_limit.requests_per_second || config_.pace_fraction <= 0) return o;
  const auto throttle = catalogue_.common_errors(api.provider).errors_for("request.throttled");
  auto throttled = [&](const core::Outcome& x) {
    return std::any_of(throttle.begin(), throttle.end(), [&](const auto* e) { return e->code == x.code; });
  };
  for (int attempt = 1; attempt < 3 && throttled(o); ++attempt) {
    ++throttled_retries_;
    pacers_.at(api.id).slow_down();
    core::Pacer::quiet(std::chrono::milliseconds(1100));
    pace(api);
    o = client(api).call(api, params, style);
  }
  return o;
}

core::Outcome Target::call_unpaced(const core::Api& api, const json& params, const core::CallStyle& style) {
  refuse_unless_allowed(api, params);
  return client(api).call(api, params, with_scheme(api, style, config_.alibaba_scheme));
}

std::pair<core::Outcome, core::Outcome> Target::call_together(const core::Api& a, const json& pa, const core::Api& b,
                                                              const json& pb) {
  refuse_unless_allowed(a, pa);
  refuse_unless_allowed(b, pb);
  pace(a);
  pace(b);
  // Each call has its own client (its own connection); both wait at a latch and go together.
  auto ca = make_client(a.provider, context_, nullptr);
  auto cb = make_client(b.provider, context_, nullptr);
  std::latch go(3);
  core::Outcome oa, ob;
  std::thread ta([&] {
    go.arrive_and_wait();
    oa = ca->call(a, pa, with_scheme(a, {}, config_.alibaba_scheme));
  });
  std::thread tb([&] {
    go.arrive_and_wait();
    ob = cb->call(b, pb, with_scheme(b, {}, config_.alibaba_scheme));
  });
  go.arrive_and_wait();
  ta.join();
  tb.join();
  return {std::move(oa), std::move(ob)};
}

json Target::id_params(const core::Api& api, const std::vector<std::string>& ids) const {
  if (api.batch) return json{{api.batch->parameter, ids}};
  if (const core::Parameter* p = api.parameter("InstanceIds"); p && p->type == "string-list")
    return json{{"InstanceIds", ids}};
  if (const core::Parameter* p = api.parameter("InstanceId"); p && p->type == "string-list")
    return json{{"InstanceId", ids}};
  if (api.parameter("Filters")) return json{{"Filters", json::array({{{"Name", "instance-id"}, {"Values", ids}}})}};
  if (ids.size() == 1) return json{{"InstanceId", ids[0]}};
  throw HarnessError(api.id + " cannot name several instances in one call");
}

std::vector<std::string> Target::create_instances(const core::Api& api, const std::string& state,
                                                  const std::vector<std::string>& attributes, int count) {
  if (!has_control_plane()) throw HarnessError("the target has no control plane");
  core::HttpRequest req;
  req.method = "POST";
  req.url = config_.control_plane + "/_cloudconform/v1/instances";
  req.headers = {{"Content-Type", "application/json"}};
  req.body = json{{"product", api.product}, {"state", state}, {"attributes", attributes}, {"count", count}}.dump();
  core::HttpResponse resp = control_.send(req);
  if (!resp.received()) throw HarnessError("control plane unreachable: " + resp.transport_error);
  json body = json::parse(resp.body, nullptr, false);
  if (resp.status != 201 || body.is_discarded() || !body.contains("instances"))
    throw HarnessError("control plane refused to create instances: HTTP " + std::to_string(resp.status) + " " + resp.body);
  auto ids = body["instances"].get<std::vector<std::string>>();
  created_[api.product].insert(ids.begin(), ids.end());  // the harness made them: they may be used
  return ids;
}

std::optional<ObservedInstance> Target::observe(const core::Api& api, const std::string& id) {
  const core::Api* describe = catalogue_.sibling(api, "describe");
  if (!describe) throw HarnessError("the catalogue has no describe API for " + api.product);
  core::Outcome o = call(*describe, id_params(*describe, {id}));
  if (o.harness_error()) throw HarnessError(describe->id + ": " + o.transport_error);
  if (!o.ok) throw HarnessError(describe->id + " failed: " + o.summary());
  const json* list = nullptr;
  const json::json_pointer ptr(describe->response.instances);
  if (o.body.contains(ptr)) list = &o.body[ptr];
  if (!list || !list->is_array()) {
    if (o.body.contains(ptr) && (*list).is_null()) return std::nullopt;  // ECM may answer null
    throw HarnessError(describe->id + ": no instance list at " + describe->response.instances);
  }
  const auto& f = describe->response.instance_fields;
  for (const auto& item : *list) {
    if (!item.is_object() || item.value(f.at("id"), "") != id) continue;
    ObservedInstance obs;
    obs.id = id;
    obs.wire_state = item.value(f.at("state"), "");
    obs.state = describe->status_model.canonical(obs.wire_state).value_or("UNKNOWN:" + obs.wire_state);
    obs.fields = item;
    return obs;
  }
  return std::nullopt;
}

ObservedInstance Target::await(const core::Api& api, const std::string& id,
                               const std::function<bool(const ObservedInstance&)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + config_.settle_timeout;
  // Stop recording the polls: one observation per state is what a reader needs.
  auto* saved = transcript_;
  transcript_ = nullptr;
  std::optional<ObservedInstance> last;
  while (true) {
    last = observe(api, id);
    if (last && done(*last)) break;
    if (std::chrono::steady_clock::now() >= deadline) break;
    // Polling a remote state: the target offers no notification to wait on.
    std::this_thread::sleep_for(config_.poll_interval);
  }
  transcript_ = saved;
  if (!last) throw HarnessError(api.product + " describe no longer lists " + id);
  return *last;
}

json Target::identity() const {
  json endpoints = json::object();
  for (const auto& [product, ep] : config_.endpoints) endpoints[product] = {{"url", ep.url}, {"host", ep.host}};
  return {{"kind", config_.kind}, {"name", config_.name}, {"endpoints", endpoints},
          {"control_plane", !config_.control_plane.empty()},
          {"tencent_secret_id", config_.tencent.id}, {"alibaba_access_key_id", config_.alibaba.id}};
}

}  // namespace cc::target
