#include "harness/target/target.h"

#include <algorithm>
#include <atomic>
#include <latch>
#include <thread>

#include "harness/target/arranger.h"

namespace cc::target {

using nlohmann::json;

HarnessError harness_error_of(const std::string& what, const core::Outcome& o) {
  return HarnessError(what + ": " + o.transport_error,
                      o.transport_kind == core::TransportError::TimedOut
                          ? HarnessError::Kind::TimedOut
                          : HarnessError::Kind::Fault);
}

Target::Target(const core::Catalogue& catalogue, TargetConfig config, core::CallContext context,
               const provider::Registry& providers)
    : catalogue_(catalogue),
      config_(with_accounts(std::move(config), providers)),
      providers_(providers),
      control_(config_.control_plane, config_.http) {
  context_ = std::move(context);
  context_.record = [this](const core::Exchange& e) {
    std::lock_guard lock(transcript_mu_);
    if (transcript_) transcript_->push_back(e.to_json());
  };
  for (const provider::Provider* p : providers_.all())
    clients_[p->name()] = p->make_client(
        core::ClientConfig{account(p->name()).credentials, account(p->name()).region,
                           [this](const core::Api& api) { return endpoint(api); }, config_.http},
        context_);
}

Target::~Target() = default;

const provider::Account& Target::account(const std::string& provider) const {
  auto it = config_.accounts.find(provider);
  if (it == config_.accounts.end())
    throw HarnessError("no provider module \"" + provider + "\" (known: " + providers_.names() +
                       ")");
  return it->second;
}

core::Endpoint Target::endpoint(const core::Api& api) const {
  auto it = config_.endpoints.find(api.product);
  if (it == config_.endpoints.end())
    throw HarnessError("the target has no endpoint for " + api.product);
  return it->second;
}

std::unique_ptr<core::WireClient> Target::make_client(const core::Api& api,
                                                      core::CallContext context,
                                                      const core::Credentials* credentials) const {
  const provider::Provider* p = providers_.find(api.provider);
  if (!p) throw HarnessError(api.id + ": no provider module \"" + api.provider + "\"");
  const provider::Account& a = account(api.provider);
  return p->make_client(
      core::ClientConfig{credentials ? *credentials : a.credentials, a.region,
                         [this](const core::Api& x) { return endpoint(x); }, config_.http},
      std::move(context));
}

core::ApiClient& Target::client(const core::Api& api) {
  auto it = clients_.find(api.provider);
  if (it == clients_.end())
    throw HarnessError(api.id + ": no provider module \"" + api.provider + "\"");
  return *it->second;
}

// A call that names no scheme is signed with the account's (a profile's "signing"); an account
// that names none leaves the provider's default to its client.
core::CallStyle Target::with_scheme(const core::Api& api, core::CallStyle style) const {
  if (style.scheme.empty()) style.scheme = account(api.provider).scheme;
  return style;
}

core::Outcome Target::call_as(const core::Api& api, const json& params,
                              const CallVariant& variant) {
  core::CallContext ctx = context_;
  auto now = ctx.now;
  const std::int64_t skew = variant.clock_skew_seconds;
  ctx.now = [now, skew] { return now() + skew; };
  if (variant.nonce) ctx.nonce = [fixed = *variant.nonce] { return fixed; };
  guard(api, params);
  pace(api);  // a wrongly signed call still spends the caller's budget on most services
  auto c = make_client(api, ctx, variant.credentials ? &*variant.credentials : nullptr);
  return c->call(api, params, with_scheme(api, {}));
}

void Target::pace(const core::Api& api) {
  if (!api.rate_limit.requests_per_second || config_.pace_fraction <= 0) return;
  auto it = pacers_.find(api.id);
  if (it == pacers_.end())
    it = pacers_
             .emplace(api.id, core::Pacer(static_cast<double>(*api.rate_limit.requests_per_second) *
                                          config_.pace_fraction))
             .first;
  it->second.wait();
}

core::Outcome Target::call(const core::Api& api, const json& params, const core::CallStyle& given) {
  guard(api, params);
  const core::CallStyle style = with_scheme(api, given);
  pace(api);
  core::Outcome o = client(api).call(api, params, style);
  if (!api.rate_limit.requests_per_second || config_.pace_fraction <= 0) return o;
  const auto throttle = catalogue_.common_errors(api.provider).errors_for("request.throttled");
  auto throttled = [&](const core::Outcome& x) {
    return std::any_of(throttle.begin(), throttle.end(),
                       [&](const auto* e) { return e->code == x.code; });
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

core::Outcome Target::call_unpaced(const core::Api& api, const json& params,
                                   const core::CallStyle& style) {
  guard(api, params);
  return client(api).call(api, params, with_scheme(api, style));
}

std::pair<core::Outcome, core::Outcome> Target::call_together(const core::Api& a, const json& pa,
                                                              const core::Api& b, const json& pb) {
  guard(a, pa);
  guard(b, pb);
  pace(a);
  pace(b);
  // Each call has its own client (its own connection); both wait at a latch and go together.
  auto ca = make_client(a, context_, nullptr);
  auto cb = make_client(b, context_, nullptr);
  std::latch go(3);
  core::Outcome oa, ob;
  std::thread ta([&] {
    go.arrive_and_wait();
    oa = ca->call(a, pa, with_scheme(a, {}));
  });
  std::thread tb([&] {
    go.arrive_and_wait();
    ob = cb->call(b, pb, with_scheme(b, {}));
  });
  go.arrive_and_wait();
  ta.join();
  tb.join();
  return {std::move(oa), std::move(ob)};
}

std::vector<Target::Timed> Target::call_concurrently(const core::Api& api,
                                                     const std::vector<json>& params, bool paced) {
  for (const auto& p : params) guard(api, p);
  if (paced)
    for (std::size_t i = 0; i < params.size(); ++i) pace(api);
  std::vector<std::unique_ptr<core::WireClient>> clients;
  for (std::size_t i = 0; i < params.size(); ++i)
    clients.push_back(make_client(api, context_, nullptr));
  const core::CallStyle style = with_scheme(api, {});
  std::vector<Timed> out(params.size());
  std::latch go(static_cast<std::ptrdiff_t>(params.size()) + 1);
  std::atomic<std::size_t> running{0};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < params.size(); ++i)
    threads.emplace_back([&, i] {
      go.arrive_and_wait();
      // Woken is not running: on a busy machine one thread can be answered before another gets a
      // core, and two "simultaneous" calls become serial. Each waits, yielding, until all are on a
      // CPU — bounded, so a starved machine still sends (and the case can tell from the times).
      running.fetch_add(1);
      const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(50);
      while (running.load() < params.size() && std::chrono::steady_clock::now() < until)
        std::this_thread::yield();
      out[i].sent = std::chrono::steady_clock::now();
      out[i].outcome = clients[i]->call(api, params[i], style);
      out[i].received = std::chrono::steady_clock::now();
    });
  go.arrive_and_wait();
  for (auto& t : threads) t.join();
  return out;
}

json Target::id_params(const core::Api& api, const std::vector<std::string>& ids) const {
  // The catalogue's id parameter: the batch list, else the instance id's, a list or one id.
  const std::string& name = api.id_parameter();
  if (api.batch) return json{{name, ids}};
  const core::Parameter* p = api.parameter(name);
  if (p && p->type == "string-list") return json{{name, ids}};
  // An API without an id parameter names instances by filter (ECM's DescribeInstances).
  if (const core::IdFilter& f = api.instance_id.filter; !p && !f.parameter.empty())
    return json{{f.parameter, json::array({{{f.name_key, f.name}, {f.values_key, ids}}})}};
  if (p && ids.size() == 1) return json{{name, ids[0]}};
  throw HarnessError(api.id + " cannot name several instances in one call");
}

std::vector<std::string> Target::create_instances(const core::Api& api, const std::string& state,
                                                  const std::vector<std::string>& attributes,
                                                  int count) {
  if (!has_control_plane()) throw HarnessError("the target has no control plane");
  guard(api, json::object());  // an interrupted run creates nothing more
  auto ids = control_.create_instances(api.product, state, attributes, count);
  created_[api.product].insert(ids.begin(), ids.end());  // the harness made them: they may be used
  return ids;
}

Arrangement Target::arrange(const core::Api& api, const std::string& state,
                            const std::vector<std::string>& attributes, int count,
                            const std::set<std::string>& taken) {
  return Arranger(*this, catalogue_).arrange(api, state, attributes, count, taken);
}

std::vector<Restoration> Target::restore() {
  interrupted_ = false;  // the run is over, however it ended: put things back
  return Arranger(*this, catalogue_).restore();
}

json Target::identity() const {
  json endpoints = json::object();
  for (const auto& [product, ep] : config_.endpoints)
    endpoints[product] = {{"url", ep.url}, {"host", ep.host}};
  json out = {{"kind", config_.kind},
              {"name", config_.name},
              {"endpoints", endpoints},
              {"control_plane", !config_.control_plane.empty()},
              {"read_only", config_.read_only}};
  for (const provider::Provider* p : providers_.all())
    out[p->identity_key()] = account(p->name()).credentials.id;
  return out;
}

void Target::interrupt(const std::string& why) {
  {
    std::lock_guard lock(interrupt_mu_);
    interrupt_reason_ = why;
  }
  interrupted_ = true;
}

json Restoration::to_json() const {
  json j = {{"api", api}, {"id", id}, {"was", was}, {"now", now}, {"restored", restored}};
  if (!message.empty()) j["message"] = message;
  return j;
}

}  // namespace cc::target
