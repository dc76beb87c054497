#include "harness/target/target.h"

#include <algorithm>
#include <atomic>
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
  if (v.is_string())
    out.push_back(v.get<std::string>());
  else if (v.is_structured())
    for (const auto& item : v) collect_strings(item, out);
}

// The shape suites/instance_ids.cpp gives made-up ids: the prefix, then the example's width of
// digits of which at most six are significant (ins-00000042, i-000…0101). A real id looks like
// that with negligible probability; a guess at a real id would not.
bool synthetic_shape(const core::InstanceIdFormat& f, const std::string& id) {
  const std::size_t width =
      f.example.size() > f.prefix.size() ? f.example.size() - f.prefix.size() : 0;
  if (width < 8 || id.size() != f.prefix.size() + width ||
      id.compare(0, f.prefix.size(), f.prefix) != 0)
    return false;
  const std::string digits = id.substr(f.prefix.size());
  if (digits.find_first_not_of("0123456789") != std::string::npos) return false;
  return digits.find_first_not_of('0') == std::string::npos ||
         digits.find_first_not_of('0') >= width - 6;
}

core::CallStyle with_scheme(const core::Api& api, core::CallStyle style,
                            const std::string& alibaba_scheme) {
  if (api.provider == "alibaba" && style.scheme.empty()) style.scheme = alibaba_scheme;
  return style;
}

}  // namespace

bool Target::allowed(const core::Api& api, const std::string& id) const {
  if (synthetic_.count(id) || synthetic_shape(api.instance_id, id)) return true;
  if (auto c = created_.find(api.product); c != created_.end() && c->second.count(id)) return true;
  return listed(api, id);
}

// An id is listed for an API when the allowlist names it under the API, its product, or — for a
// supporting API (Start, Describe) — under any API of the product: an instance given for
// TencentCvmStopInstances may be started again, but one given for AlibabaEcsStopInstance is
// not thereby given for AlibabaEcsStopInstances.
bool Target::listed(const core::Api& api, const std::string& id) const {
  if (!config_.allowlist) return false;
  for (const auto& [key, ids] : *config_.allowlist) {
    if (!ids.count(id)) continue;
    if (key == api.id || key == api.product) return true;
    const core::Api* owner = catalogue_.find(key);
    if (owner && owner->product == api.product && !api.is_subject()) return true;
  }
  return false;
}

bool Target::is_dry_run(const core::Api& api, const json& params) const {
  if (!api.dry_run.supported || api.dry_run.parameter.empty() || !params.is_object()) return false;
  auto it = params.find(api.dry_run.parameter);
  return it != params.end() && (*it == true || *it == "true");
}

void Target::guard(const core::Api& api, const json& params) {
  if (interrupted_) {
    std::lock_guard lock(interrupt_mu_);
    throw HarnessError(interrupt_reason_);
  }
  if (deadline_ && std::chrono::steady_clock::now() >= *deadline_)
    throw HarnessError(deadline_what_);
  refuse_unless_allowed(api, params);
  std::vector<std::string> changes;
  if (config_.allowlist && api.kind.rfind("describe", 0) != 0)
    remember_first_states(api, params, changes);
  if (config_.on_call) config_.on_call(api, params, changes);
}

void Target::remember_first_states(const core::Api& api, const json& params,
                                   std::vector<std::string>& changes) {
  const bool dry_run = is_dry_run(api, params);
  std::vector<std::string> strings;
  collect_strings(params, strings);
  for (const std::string& id : strings) {
    if (!listed(api, id)) continue;
    if (!dry_run) changes.push_back(id);
    if (!dry_run && (config_.read_only || config_.dry_run_only.count(id)))
      throw ReadOnlyRefusal(
          api.id + " would change allowlisted instance " + id + ", which " +
          (config_.read_only ? "a read-only run (no --allow-mutations) only observes and dry-runs"
                             : "the target profile limits to dry runs (role \"dry-run\")"));
    if (dry_run || first_seen_.count(id)) continue;
    // The state the run found it in, settled, before anything changes it: restore() goes back to
    // it. The catalogue's own API, never the caller's: a case may call a modified copy (an unknown
    // action or version) that is gone long before restore() needs it.
    const core::Api* stop = api.kind == "stop" ? catalogue_.find(api.id) : nullptr;
    for (const core::Api* s : catalogue_.subjects())
      if (!stop && s->product == api.product && s->kind == "stop") stop = s;
    if (!stop)
      throw HarnessError("the catalogue has no stop API for " + api.product + " to restore " + id +
                         " with");
    const ObservedInstance seen = await(*stop, id, [](const ObservedInstance& o) {
      return o.state == "RUNNING" || o.state == "STOPPED";
    });
    first_seen_[id] = {stop, seen.state};
    first_seen_order_.push_back(id);
  }
}

void Target::refuse_unless_allowed(const core::Api& api, const json& params) const {
  if (!config_.allowlist || api.kind.rfind("describe", 0) == 0) return;
  std::string pattern = api.instance_id.pattern;
  if (pattern.empty())
    throw HarnessError(
        api.id +
        ": the catalogue gives no instance id pattern, so the allowlist cannot be enforced");
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
        throw HarnessError("refused before sending: " + api.id + " would name instance " +
                           m->str() + ", which the target profile does not allowlist for " +
                           api.id + " or " + api.product);
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

std::unique_ptr<core::ApiClient> Target::make_client(const std::string& provider,
                                                     core::CallContext context,
                                                     const core::Credentials* credentials) {
  auto endpoint = [this](const core::Api& api) {
    auto it = config_.endpoints.find(api.product);
    if (it == config_.endpoints.end())
      throw HarnessError("the target has no endpoint for " + api.product);
    return it->second;
  };
  if (provider == "tencent")
    return std::make_unique<tencent::Client>(
        core::ClientConfig{credentials ? *credentials : config_.tencent, config_.tencent_region,
                           endpoint, config_.http},
        std::move(context));
  return std::make_unique<alibaba::Client>(
      core::ClientConfig{credentials ? *credentials : config_.alibaba, config_.alibaba_region,
                         endpoint, config_.http},
      std::move(context));
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
    it = pacers_
             .emplace(api.id, core::Pacer(static_cast<double>(*api.rate_limit.requests_per_second) *
                                          config_.pace_fraction))
             .first;
  it->second.wait();
}

core::Outcome Target::call(const core::Api& api, const json& params, const core::CallStyle& given) {
  guard(api, params);
  const core::CallStyle style = with_scheme(api, given, config_.alibaba_scheme);
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
  return client(api).call(api, params, with_scheme(api, style, config_.alibaba_scheme));
}

std::pair<core::Outcome, core::Outcome> Target::call_together(const core::Api& a, const json& pa,
                                                              const core::Api& b, const json& pb) {
  guard(a, pa);
  guard(b, pb);
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

std::vector<Target::Timed> Target::call_concurrently(const core::Api& api,
                                                     const std::vector<json>& params, bool paced) {
  for (const auto& p : params) guard(api, p);
  if (paced)
    for (std::size_t i = 0; i < params.size(); ++i) pace(api);
  std::vector<std::unique_ptr<core::ApiClient>> clients;
  for (std::size_t i = 0; i < params.size(); ++i)
    clients.push_back(make_client(api.provider, context_, nullptr));
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
      out[i].outcome =
          clients[i]->call(api, params[i], with_scheme(api, {}, config_.alibaba_scheme));
      out[i].received = std::chrono::steady_clock::now();
    });
  go.arrive_and_wait();
  for (auto& t : threads) t.join();
  return out;
}

json Target::id_params(const core::Api& api, const std::vector<std::string>& ids) const {
  if (api.batch) return json{{api.batch->parameter, ids}};
  if (const core::Parameter* p = api.parameter("InstanceIds"); p && p->type == "string-list")
    return json{{"InstanceIds", ids}};
  if (const core::Parameter* p = api.parameter("InstanceId"); p && p->type == "string-list")
    return json{{"InstanceId", ids}};
  if (api.parameter("Filters"))
    return json{{"Filters", json::array({{{"Name", "instance-id"}, {"Values", ids}}})}};
  if (ids.size() == 1) return json{{"InstanceId", ids[0]}};
  throw HarnessError(api.id + " cannot name several instances in one call");
}

std::vector<std::string> Target::create_instances(const core::Api& api, const std::string& state,
                                                  const std::vector<std::string>& attributes,
                                                  int count) {
  if (!has_control_plane()) throw HarnessError("the target has no control plane");
  guard(api, json::object());  // an interrupted run creates nothing more
  core::HttpRequest req;
  req.method = "POST";
  req.url = config_.control_plane + "/_cloudconform/v1/instances";
  req.headers = {{"Content-Type", "application/json"}};
  req.body =
      json{{"product", api.product}, {"state", state}, {"attributes", attributes}, {"count", count}}
          .dump();
  core::HttpResponse resp = control_.send(req);
  if (!resp.received()) throw HarnessError("control plane unreachable: " + resp.transport_error);
  json body = json::parse(resp.body, nullptr, false);
  if (resp.status != 201 || body.is_discarded() || !body.contains("instances"))
    throw HarnessError("control plane refused to create instances: HTTP " +
                       std::to_string(resp.status) + " " + resp.body);
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
    obs.state =
        describe->status_model.canonical(obs.wire_state).value_or("UNKNOWN:" + obs.wire_state);
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
  for (const auto& [product, ep] : config_.endpoints)
    endpoints[product] = {{"url", ep.url}, {"host", ep.host}};
  return {{"kind", config_.kind},
          {"name", config_.name},
          {"endpoints", endpoints},
          {"control_plane", !config_.control_plane.empty()},
          {"read_only", config_.read_only},
          {"tencent_secret_id", config_.tencent.id},
          {"alibaba_access_key_id", config_.alibaba.id}};
}

namespace {

bool settled(const ObservedInstance& o) { return o.state == "RUNNING" || o.state == "STOPPED"; }

}  // namespace

void Target::bring(const core::Api& api, const std::string& id, const std::string& state) {
  ObservedInstance now = await(api, id, settled);
  if (now.state == state) return;
  if (!settled(now))
    throw HarnessError(id + " is still " + now.wire_state +
                       " after the settle timeout; it cannot be brought to " + state);
  const core::Api* op = state == "STOPPED" ? &api : catalogue_.sibling(api, "start");
  if (!op) throw HarnessError("the catalogue has no start API for " + api.product);
  const core::Outcome o = call(*op, id_params(*op, {id}));
  if (o.harness_error()) throw HarnessError(op->id + ": " + o.transport_error);
  if (!o.ok)
    throw HarnessError("cannot bring " + id + " to " + state + ": " + op->id + " answered " +
                       o.summary());
  now = await(api, id, [&](const ObservedInstance& x) { return x.state == state; });
  if (now.state != state)
    throw HarnessError(
        id + " is " + now.wire_state + ", not " + state + ", when the settle timeout of " +
        std::to_string(config_.settle_timeout.count()) + " ms passed after " + op->id);
}

Arrangement Target::arrange(const core::Api& api, const std::string& state,
                            const std::vector<std::string>& attributes, int count,
                            const std::set<std::string>& taken) {
  const std::string what = std::to_string(count) + " " + state + " instance(s)";
  if (has_control_plane()) return {create_instances(api, state, attributes, count), ""};
  if (!config_.allowlist)
    return {{}, "the target has no control plane and no allowlisted instances to arrange " + what};
  if (!attributes.empty())
    return {
        {},
        "instances marked " + attributes.front() + " can only be arranged through a control plane"};
  if (state != "RUNNING" && state != "STOPPED")
    return {{},
            "a " + state +
                " instance can only be arranged through a control plane (the public APIs reach "
                "RUNNING and STOPPED)"};
  // The allowlisted candidates (sorted by id, so runs are repeatable); those already in the
  // state first, so a case changes as little as it can.
  std::vector<std::string> candidates;
  for (const std::string& key : {api.id, api.product})
    if (auto a = config_.allowlist->find(key); a != config_.allowlist->end())
      for (const std::string& id : a->second)
        if (!taken.count(id) &&
            std::find(candidates.begin(), candidates.end(), id) == candidates.end())
          candidates.push_back(id);
  const bool may_change = !config_.read_only;
  if (static_cast<int>(candidates.size()) < count)
    return {{},
            what + " need " + std::to_string(count) + " allowlisted " + api.product +
                " instances; the profile has " + std::to_string(candidates.size()) +
                (taken.empty() ? "" : " not already used by this case")};
  std::vector<std::string> ready, others;
  for (const std::string& id : candidates) {
    const std::optional<ObservedInstance> o = observe(api, id);
    if (!o) throw HarnessError(api.product + " describe does not list allowlisted instance " + id);
    (o->state == state ? ready : others).push_back(id);
  }
  Arrangement out;
  for (const std::string& id : ready)
    if (static_cast<int>(out.ids.size()) < count) out.ids.push_back(id);
  for (const std::string& id : others) {
    if (static_cast<int>(out.ids.size()) == count) break;
    if (!may_change || config_.dry_run_only.count(id)) continue;
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

std::vector<Restoration> Target::restore() {
  interrupted_ = false;  // the run is over, however it ended: put things back
  std::vector<Restoration> out;
  for (const std::string& id : first_seen_order_) {
    const FirstSeen& f = first_seen_.at(id);
    Restoration r;
    r.api = f.api->id;
    r.id = id;
    r.was = f.state;
    try {
      bring(*f.api, id, f.state);
      r.now = f.state;
      r.restored = true;
    } catch (const std::exception& e) {
      r.message = e.what();
      try {
        if (auto o = observe(*f.api, id)) r.now = o->state;
      } catch (const std::exception&) {
        r.now = "UNKNOWN";
      }
    }
    out.push_back(std::move(r));
  }
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
