#include "emulator/emulator.h"

#include <random>

#include "emulator/behaviour.h"
#include "emulator/frontend.h"
#include "harness/core/encoding.h"

namespace cc::emu {

using nlohmann::json;

Account default_account() {
  return Account{"default", "AKIDcloudconformEMULATOR0000000000", "cloudconformEmulatorTencentKey00",
                 "LTAIcloudconformEMULATOR", "cloudconformEmulatorAlibabaSecret"};
}

struct Emulator::Impl {
  const core::Catalogue& catalogue;
  Deviations deviations;
  World world;
  Behaviour behaviour;
  TencentFrontend tencent;
  AlibabaFrontend alibaba;
  std::unique_ptr<HttpServer> server;

  static std::int64_t wall_clock() {
    return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  }

  Impl(const core::Catalogue& c, const EmulatorOptions& o)
      : catalogue(c),
        deviations(o.deviations),
        world(o.accounts, [] { return std::chrono::steady_clock::now(); },
              o.seed ? o.seed : std::random_device{}()),
        behaviour(c, world, deviations),
        tencent(FrontendContext{&c, &world, &behaviour, &Impl::wall_clock}),
        alibaba(FrontendContext{&c, &world, &behaviour, &Impl::wall_clock}) {
    world.set_transition_time(o.transition_time);
  }
};

Emulator::Emulator(const core::Catalogue& catalogue, EmulatorOptions options)
    : options_(std::move(options)), impl_(std::make_unique<Impl>(catalogue, options_)) {}

Emulator::~Emulator() { stop(); }

std::uint16_t Emulator::start() {
  impl_->server = std::make_unique<HttpServer>([this](const HttpRequestIn& r) { return handle(r); }, options_.threads);
  return impl_->server->start(options_.address, options_.port);
}

void Emulator::stop() {
  if (impl_->server) impl_->server->stop();
}

std::string Emulator::base_url() const {
  return "http://" + options_.address + ":" + std::to_string(impl_->server ? impl_->server->port() : 0);
}

HttpResponseOut Emulator::handle(const HttpRequestIn& request) {
  if (request.path().rfind("/_cloudconform/", 0) == 0) return control(request);
  if (AlibabaFrontend::claims(request)) return impl_->alibaba.handle(request);
  if (TencentFrontend::claims(request)) return impl_->tencent.handle(request);
  // Unsigned and unrecognisable: answer as the provider the Host names would.
  if (request.header("Host").rfind("ecs.", 0) == 0) return impl_->alibaba.handle(request);
  return impl_->tencent.handle(request);
}

// The control plane: JSON in, JSON out, on the emulator's own port under /_cloudconform/v1/.
HttpResponseOut Emulator::control(const HttpRequestIn& request) {
  World& world = impl_->world;
  auto reply = [](int status, json body) {
    HttpResponseOut out;
    out.status = status;
    out.body = body.dump();
    return out;
  };
  const std::string path = request.path();
  json body = request.body.empty() ? json::object() : json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) return reply(400, {{"error", "the body is not a JSON object"}});

  if (path == "/_cloudconform/v1/info" && request.method == "GET") {
    json accounts = json::array();
    for (const auto& a : world.accounts())
      accounts.push_back({{"alias", a.alias}, {"tencent_secret_id", a.tencent_secret_id},
                          {"alibaba_access_key_id", a.alibaba_access_key_id}});
    json deviations = json::array();
    for (const auto& d : impl_->deviations.active()) deviations.push_back(d);
    return reply(200, {{"emulator", "cloudconform"}, {"version", CLOUDCONFORM_VERSION}, {"accounts", accounts},
                       {"transition_ms", world.transition_time().count()}, {"deviations", deviations}});
  }
  if (path == "/_cloudconform/v1/reset" && request.method == "POST") {
    std::lock_guard lock(world.mutex());
    world.reset();
    return reply(200, {{"reset", true}});
  }
  if (path == "/_cloudconform/v1/instances" && request.method == "POST") {
    // {"product": "cvm", "state": "RUNNING", "attributes": ["security_locked"], "count": 1, "account": "default"}
    const std::string product = body.value("product", "");
    const std::string state = body.value("state", "RUNNING");
    const std::string account = body.value("account", "default");
    const int count = body.value("count", 1);
    const core::Api* api = nullptr;
    for (const auto& a : impl_->catalogue.apis)
      if (a.product == product && a.kind == "stop") api = &a;
    if (!api) return reply(400, {{"error", "unknown product \"" + product + "\""}});
    const auto& states = core::canonical_states();
    if (std::find(states.begin(), states.end(), state) == states.end())
      return reply(400, {{"error", "unknown canonical state \"" + state + "\""}});
    if (!world.account(account)) return reply(400, {{"error", "unknown account \"" + account + "\""}});
    if (count < 1 || count > 1000) return reply(400, {{"error", "count must be 1..1000"}});
    std::set<std::string> attributes;
    if (body.contains("attributes")) {
      if (!body["attributes"].is_array()) return reply(400, {{"error", "attributes must be an array of names"}});
      for (const auto& a : body["attributes"]) {
        if (!a.is_string()) return reply(400, {{"error", "attributes must be an array of names"}});
        attributes.insert(a.get<std::string>());
      }
    }
    std::lock_guard lock(world.mutex());
    json created = json::array();
    for (int i = 0; i < count; ++i)
      created.push_back(world.create(account, product, api->instance_id, state, attributes, Impl::wall_clock()).id);
    return reply(201, {{"instances", created}});
  }
  if (path == "/_cloudconform/v1/instances" && request.method == "GET") {
    auto q = core::parse_query(request.query());
    std::string product, account = "default";
    for (const auto& [k, v] : q.value_or(core::Params{})) {
      if (k == "product") product = v;
      if (k == "account") account = v;
    }
    std::lock_guard lock(world.mutex());
    json list = json::array();
    for (const auto& [id, inst] : world.instances(account, product))
      list.push_back({{"id", id}, {"state", inst.state}, {"latest_operation", inst.latest_operation},
                      {"latest_operation_state", inst.latest_operation_state}});
    return reply(200, {{"instances", list}});
  }
  return reply(404, {{"error", "no control-plane route " + request.method + " " + path}});
}

}  // namespace cc::emu
