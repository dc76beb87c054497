#include "emulator/emulator.h"

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <optional>
#include <random>

#include "emulator/behaviour.h"
#include "emulator/faults.h"
#include "emulator/frontend.h"
#include "emulator/wire_deviations.h"
#include "emulator/wire_variations.h"
#include "harness/core/encoding.h"
#include "harness/provider/provider.h"

namespace cc::emu {

using nlohmann::json;

Account default_account() {
  Account a{"default", {}};
  for (const FrontendKind& kind : frontend_kinds()) a.keys[kind.provider] = kind.well_known;
  return a;
}

// The last requests, for the control plane's log. A ring of small records whose strings keep
// their capacity, turned into JSON only when read: one JSON object per request, built and
// freed under a lock, was measurable at tens of thousands of requests a second. `seq` is the
// order answers were logged, not the order the world applied them: for that, the world's
// journal (emulator/journal.h) rides along on the same route as "operations".
class RequestLog {
 public:
  void add(double at_ms, const std::string& provider, std::string_view api, int status,
           const std::string& code) {
    std::lock_guard lock(mu_);
    if (head_ == ring_.size()) ring_.emplace_back();  // still filling
    Entry& e = ring_[head_];
    head_ = (head_ + 1) % kCapacity;
    held_ = std::min(held_ + 1, kCapacity);
    e.seq = ++seq_;
    e.at_ms = at_ms;
    e.provider.assign(provider);
    e.api.assign(api);
    e.status = status;
    e.code.assign(code);
  }
  json since(std::uint64_t seq) const {
    std::vector<Entry> copy;
    {
      std::lock_guard lock(mu_);
      for (std::size_t i = 0; i < held_; ++i) {  // oldest first
        const Entry& e = ring_[(head_ + kCapacity - held_ + i) % kCapacity];
        if (e.seq > seq) copy.push_back(e);
      }
    }
    json out = json::array();
    for (const Entry& e : copy)
      out.push_back({{"seq", e.seq},
                     {"at_ms", e.at_ms},
                     {"provider", e.provider},
                     {"api", e.api},
                     {"status", e.status},
                     {"code", e.code}});
    return out;
  }
  void clear() {
    std::lock_guard lock(mu_);
    held_ = 0;  // the slots keep their strings' capacity; numbering goes on
  }
  void restart() {  // as if new (Emulator::start_over): numbering starts again too
    std::lock_guard lock(mu_);
    head_ = held_ = 0;
    seq_ = 0;
  }

 private:
  struct Entry {
    std::uint64_t seq = 0;
    double at_ms = 0;
    std::string provider, api, code;
    int status = 0;
  };
  static constexpr std::size_t kCapacity = 10000;
  mutable std::mutex mu_;
  std::vector<Entry> ring_;  // grows to kCapacity, then is overwritten in turn
  std::size_t head_ = 0;     // the slot the next entry goes to
  std::size_t held_ = 0;     // entries logged since the last clear, at most kCapacity
  std::uint64_t seq_ = 0;
};

namespace {

using Reply = HttpResponseOut;

Reply reply(int status, const json& body) {
  HttpResponseOut out;
  out.status = status;
  // Errors echo request bytes (tests/fuzz): invalid UTF-8 becomes U+FFFD.
  out.body = body.dump(-1, ' ', false, json::error_handler_t::replace);
  return out;
}

std::int64_t system_wall_clock() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

struct Emulator::Impl {
  const core::Catalogue& catalogue;
  Clock steady_clock;
  std::function<std::int64_t()> wall_clock;
  RequestLog log;
  std::chrono::steady_clock::time_point started;
  Deviations deviations;
  Variations variations;
  std::atomic<long long> latency_ms{0};
  std::unique_ptr<Faults> faults;  // transport faults, on the cloud APIs only
  World world;
  Behaviour behaviour;
  std::vector<std::unique_ptr<Frontend>> frontends;  // one per provider of the catalogue
  std::unique_ptr<HttpServer> server;

  Impl(const core::Catalogue& c, const EmulatorOptions& o)
      : catalogue(c),
        steady_clock(o.steady_clock ? o.steady_clock
                                    : Clock([] { return std::chrono::steady_clock::now(); })),
        wall_clock(o.wall_clock ? o.wall_clock : std::function<std::int64_t()>(&system_wall_clock)),
        started(steady_clock()),
        deviations(o.deviations),
        variations(o.variations),
        latency_ms(o.latency.count()),
        faults(std::make_unique<Faults>(deviations)),
        world(o.accounts, steady_clock, o.seed ? o.seed : std::random_device{}()),
        behaviour(c, world, deviations, variations),
        frontends(make_frontends(c, frontend_context())) {
    world.set_transition_time(o.transition_time);
    behaviour.set_rate_limits({o.rate_limits, o.rate_limit_overrides});
  }

  FrontendContext frontend_context() {
    return {&catalogue, &world, &behaviour, wall_clock, &deviations};
  }
  void start_over(const EmulatorOptions& o);
  Reply info();
  Reply reset();
  std::optional<Reply> configure(const json& body);
  Reply configuration();
  Reply inject_fault(const json& body);
  Reply requests(const HttpRequestIn& request);
  Reply create_instances(const json& body);
  Reply list_instances(const HttpRequestIn& request);
};

Emulator::Emulator(const core::Catalogue& catalogue, EmulatorOptions options)
    : options_(std::move(options)), impl_(std::make_unique<Impl>(catalogue, options_)) {}

Emulator::~Emulator() { stop(); }

void Emulator::start_over() { impl_->start_over(options_); }

// Every member that a request can change, set as the constructor set it; the front ends are made
// anew (their nonce caches), the behaviour keeps its compiled patterns.
void Emulator::Impl::start_over(const EmulatorOptions& o) {
  started = steady_clock();
  log.restart();
  deviations.set(o.deviations);
  variations.set(o.variations);
  latency_ms = o.latency.count();
  faults = std::make_unique<Faults>(deviations);
  {
    std::lock_guard lock(world.mutex());
    world.start_over();
    world.set_transition_time(o.transition_time);
  }
  behaviour.reset_rate_windows();
  behaviour.clear_faults();
  behaviour.set_rate_limits({o.rate_limits, o.rate_limit_overrides});
  frontends = make_frontends(catalogue, frontend_context());
}

std::uint16_t Emulator::start() {
  impl_->server = std::make_unique<HttpServer>([this](const HttpRequestIn& r) { return handle(r); },
                                               options_.threads);
  return impl_->server->start(options_.address, options_.port);
}

void Emulator::stop() {
  if (impl_->server) impl_->server->stop();
}

std::string Emulator::base_url() const {
  return "http://" + options_.address + ":" +
         std::to_string(impl_->server ? impl_->server->port() : 0);
}

HttpResponseOut Emulator::handle(const HttpRequestIn& request) {
  if (request.path_view().rfind("/_cloudconform/", 0) == 0) return control(request);
  const auto start = impl_->steady_clock();
  Frontend& frontend = route(impl_->frontends, impl_->catalogue, request);
  const std::string provider = frontend.provider();
  HttpResponseOut out = frontend.handle(request);
  const core::CommonErrors& common = impl_->catalogue.common_errors(provider);
  apply_wire_deviations(impl_->deviations, common, out);
  apply_wire_variations(impl_->variations, out.note_api, common.envelope, out);
  impl_->faults->apply(request, out);
  out.latency = std::chrono::milliseconds(impl_->latency_ms.load(std::memory_order_relaxed));
  impl_->log.add(std::chrono::duration<double, std::milli>(start - impl_->started).count(),
                 provider, out.note_action, out.status, out.note_code);
  return out;
}

std::string Emulator::verify(const HttpRequestIn& request) {
  if (request.path_view().rfind("/_cloudconform/", 0) == 0) return std::string();
  return route(impl_->frontends, impl_->catalogue, request).verify(request);
}

// The control plane: JSON in, JSON out, on the emulator's own port under /_cloudconform/v1/.
HttpResponseOut Emulator::control(const HttpRequestIn& request) {
  const std::string path = request.path();
  const std::string& method = request.method;
  json body = request.body.empty() ? json::object() : json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object())
    return reply(400, {{"error", "the body is not a JSON object"}});
  Impl& impl = *impl_;
  if (path == "/_cloudconform/v1/info" && method == "GET") return impl.info();
  if (path == "/_cloudconform/v1/reset" && method == "POST") return impl.reset();
  if (path == "/_cloudconform/v1/config") {
    if (method != "GET" && method != "POST") return reply(405, {{"error", "GET or POST"}});
    if (method == "POST")
      if (auto refused = impl.configure(body)) return *refused;
    return impl.configuration();
  }
  if (path == "/_cloudconform/v1/faults" && method == "POST") return impl.inject_fault(body);
  if (path == "/_cloudconform/v1/requests" && method == "GET") return impl.requests(request);
  if (path == "/_cloudconform/v1/instances" && method == "POST") return impl.create_instances(body);
  if (path == "/_cloudconform/v1/instances" && method == "GET") return impl.list_instances(request);
  return reply(404, {{"error", "no control-plane route " + method + " " + path}});
}

Reply Emulator::Impl::info() {
  json accounts = json::array();
  for (const auto& a : world.accounts()) {
    json entry = {{"alias", a.alias}};
    // Each key's id under its provider module's name for it (tencent_secret_id, …).
    for (const auto& [provider, key] : a.keys)
      entry[provider::builtin().at(provider).identity_key()] = key.id;
    accounts.push_back(entry);
  }
  return reply(200, {{"emulator", "cloudconform"},
                     {"version", CLOUDCONFORM_VERSION},
                     {"accounts", accounts},
                     {"transition_ms", world.transition_time().count()},
                     {"deviations", deviations.active()},
                     {"variations", variations.active()},
                     {"latency_ms", latency_ms.load()}});
}

Reply Emulator::Impl::reset() {
  {
    std::lock_guard lock(world.mutex());
    world.reset();
  }
  behaviour.reset_rate_windows();
  behaviour.clear_faults();
  log.clear();
  return reply(200, {{"reset", true}});
}

namespace {

// {"enabled": true, "overrides": {"AlibabaEcsStopInstances": 5}}: a refusal, or the new config.
std::optional<Reply> read_rate_limits(const json& rl, const core::Catalogue& catalogue,
                                      RateLimitConfig& cfg) {
  if (!rl.is_object()) return reply(400, {{"error", "rate_limits must be an object"}});
  if (rl.contains("enabled")) {
    if (!rl["enabled"].is_boolean())
      return reply(400, {{"error", "rate_limits.enabled must be a boolean"}});
    cfg.enabled = rl["enabled"];
  }
  if (!rl.contains("overrides")) return std::nullopt;
  if (!rl["overrides"].is_object())
    return reply(400, {{"error", "rate_limits.overrides must be an object"}});
  for (const auto& [id, v] : rl["overrides"].items()) {
    if (!catalogue.find(id)) return reply(400, {{"error", "unknown API \"" + id + "\""}});
    if (!v.is_number()) return reply(400, {{"error", "rate limit of " + id + " must be a number"}});
    cfg.overrides[id] = v.get<double>();
  }
  return std::nullopt;
}

bool small_integer(const json& v, long long max) {
  return v.is_number_integer() && v.get<long long>() >= 0 && v.get<long long>() <= max;
}

// The members of a control-plane body that must be strings, when present: a refusal naming the
// first that is not (json::value would throw, and handle() answer 500; found by tests/fuzz).
std::optional<Reply> non_string(const json& body, std::initializer_list<const char*> keys) {
  for (const char* key : keys)
    if (body.contains(key) && !body[key].is_string())
      return reply(400, {{"error", std::string(key) + " must be a string"}});
  return std::nullopt;
}

}  // namespace

// {"transition_ms": 0, "rate_limits": {...}, "latency_ms": 0, "variations": [...],
//  "deviations": ["stop-ignored"]} — every key optional; a refusal, or nullopt when applied.
std::optional<Reply> Emulator::Impl::configure(const json& body) {
  if (body.contains("transition_ms")) {
    if (!small_integer(body["transition_ms"], std::numeric_limits<long long>::max()))
      return reply(400, {{"error", "transition_ms must be a non-negative integer"}});
    std::lock_guard lock(world.mutex());
    world.set_transition_time(std::chrono::milliseconds(body["transition_ms"].get<long long>()));
  }
  if (body.contains("rate_limits")) {
    RateLimitConfig cfg = behaviour.rate_limits();
    if (auto refused = read_rate_limits(body["rate_limits"], catalogue, cfg)) return refused;
    behaviour.set_rate_limits(cfg);
  }
  if (body.contains("latency_ms")) {
    if (!small_integer(body["latency_ms"], 600000))
      return reply(400, {{"error", "latency_ms must be an integer from 0 to 600000"}});
    latency_ms = body["latency_ms"].get<long long>();
  }
  // Names are parsed here, at the edge: an unknown one is refused with the known ones listed.
  for (const char* key : {"variations", "deviations"}) {
    if (!body.contains(key)) continue;
    try {
      const auto names = body[key].get<std::vector<std::string>>();
      key[0] == 'v' ? variations.set(names) : deviations.set(names);
    } catch (const std::exception& e) {
      return reply(400, {{"error", e.what()}});
    }
  }
  return std::nullopt;
}

Reply Emulator::Impl::configuration() {
  json limits = json::object();
  for (const auto& a : catalogue.apis) {
    auto l = behaviour.limit_for(a);
    limits[a.id] = l ? json(*l) : json(nullptr);
  }
  long long transition;
  {
    std::lock_guard lock(world.mutex());
    transition = world.transition_time().count();
  }
  return reply(
      200, {{"transition_ms", transition},
            {"rate_limits", {{"enabled", behaviour.rate_limits().enabled}, {"effective", limits}}},
            {"deviations", deviations.active()},
            {"variations", variations.active()},
            {"latency_ms", latency_ms.load()}});
}

// {"api": "TencentLighthouseStopInstances", "code": "FailedOperation", "count": 1}
Reply Emulator::Impl::inject_fault(const json& body) {
  if (auto refused = non_string(body, {"api", "code"})) return *refused;
  const json& count = body.contains("count") ? body["count"] : json(1);
  if (!count.is_number_integer() || count.get<long long>() > std::numeric_limits<int>::max() ||
      count.get<long long>() < std::numeric_limits<int>::min())
    return reply(400, {{"error", "count must be an integer"}});
  const core::Api* api = catalogue.find(body.value("api", ""));
  if (!api) return reply(400, {{"error", "unknown API \"" + body.value("api", "") + "\""}});
  std::string err = behaviour.inject_fault(*api, body.value("code", ""), body.value("count", 1));
  if (!err.empty()) return reply(400, {{"error", err}});
  return reply(
      201, {{"api", api->id}, {"code", body.value("code", "")}, {"count", body.value("count", 1)}});
}

// since=N: requests after seq N; operations_since=N: journaled Stop/Start operations after op N.
Reply Emulator::Impl::requests(const HttpRequestIn& request) {
  std::uint64_t since = 0, operations_since = 0;
  for (const auto& [k, v] : core::parse_query(request.query()).value_or(core::Params{}))
    if (!v.empty() && v.size() < 20 && v.find_first_not_of("0123456789") == std::string::npos) {
      if (k == "since") since = std::stoull(v);
      if (k == "operations_since") operations_since = std::stoull(v);
    }
  return reply(200, {{"requests", log.since(since)},
                     {"operations", world.journal().since(operations_since)}});
}

// {"product": "cvm", "state": "RUNNING", "attributes": ["security_locked"], "count": 1,
//  "account": "default"}
Reply Emulator::Impl::create_instances(const json& body) {
  if (auto refused = non_string(body, {"product", "state", "account"})) return *refused;
  if (body.contains("count") && !small_integer(body["count"], 1000))
    return reply(400, {{"error", "count must be 1..1000"}});
  const std::string product = body.value("product", "");
  const std::string state = body.value("state", "RUNNING");
  const std::string account = body.value("account", "default");
  const int count = body.value("count", 1);
  const core::Api* api = nullptr;
  for (const auto& a : catalogue.apis)
    if (a.product == product && a.kind == "stop") api = &a;
  if (!api) return reply(400, {{"error", "unknown product \"" + product + "\""}});
  const auto& states = core::canonical_states();
  if (std::find(states.begin(), states.end(), state) == states.end())
    return reply(400, {{"error", "unknown canonical state \"" + state + "\""}});
  if (!world.account(account))
    return reply(400, {{"error", "unknown account \"" + account + "\""}});
  if (count < 1 || count > 1000) return reply(400, {{"error", "count must be 1..1000"}});
  std::set<std::string> attributes;
  if (body.contains("attributes")) {
    if (!body["attributes"].is_array())
      return reply(400, {{"error", "attributes must be an array of names"}});
    for (const auto& a : body["attributes"]) {
      if (!a.is_string()) return reply(400, {{"error", "attributes must be an array of names"}});
      attributes.insert(a.get<std::string>());
    }
  }
  std::lock_guard lock(world.mutex());
  json created = json::array();
  for (int i = 0; i < count; ++i)
    created.push_back(
        world.create(account, product, api->instance_id, state, attributes, wall_clock()).id);
  return reply(201, {{"instances", created}});
}

Reply Emulator::Impl::list_instances(const HttpRequestIn& request) {
  std::string product, account = "default";
  for (const auto& [k, v] : core::parse_query(request.query()).value_or(core::Params{})) {
    if (k == "product") product = v;
    if (k == "account") account = v;
  }
  std::lock_guard lock(world.mutex());
  json list = json::array();
  for (const auto& [id, inst] : world.instances(account, product))
    list.push_back({{"id", id},
                    {"state", inst.state},
                    {"latest_operation", inst.latest_operation},
                    {"latest_operation_state", inst.latest_operation_state}});
  return reply(200, {{"instances", list}});
}

}  // namespace cc::emu
