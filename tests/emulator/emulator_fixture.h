#pragma once
// An emulator on an ephemeral loopback port, and clients for it, for the protocol tests.
#include <gtest/gtest.h>

#include <memory>

#include "emulator/emulator.h"
#include "harness/alibaba/client.h"
#include "harness/core/catalogue.h"
#include "harness/core/http_client.h"
#include "harness/tencent/client.h"

namespace cc::test {

class EmulatorTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalogue_ = std::make_unique<core::Catalogue>(
        core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis"));
  }
  static void TearDownTestSuite() { catalogue_.reset(); }

  void SetUp() override { start_with({}); }

  void start_with(std::vector<std::string> deviations, std::vector<std::string> variations = {},
                  std::chrono::milliseconds latency = std::chrono::milliseconds(0)) {
    if (emulator_) emulator_->stop();
    emu::EmulatorOptions o;
    o.deviations = std::move(deviations);
    o.variations = std::move(variations);
    o.latency = latency;
    o.transition_time = std::chrono::milliseconds(0);
    o.seed = 42;
    emulator_ = std::make_unique<emu::Emulator>(*catalogue_, o);
    emulator_->start();
  }

  const core::Api& api(const std::string& id) const {
    const core::Api* a = catalogue_->find(id);
    if (!a) throw std::runtime_error("no API " + id + " in the catalogue");
    return *a;
  }

  // Real hosts in the Host header, the emulator's address in the URL.
  std::function<core::Endpoint(const core::Api&)> endpoints() const {
    std::string url = emulator_->base_url();
    return [url](const core::Api& a) { return core::Endpoint{url, a.hosts.front()}; };
  }

  core::CallContext context(std::int64_t skew_seconds = 0) const {
    core::CallContext c = core::system_context();
    auto now = c.now;
    c.now = [now, skew_seconds] { return now() + skew_seconds; };
    return c;
  }

  tencent::Client tencent_client(core::Credentials cred = {}, std::int64_t skew = 0,
                                 core::CallContext ctx = {}) const {
    emu::Account a = emu::default_account();
    if (cred.id.empty()) cred = {a.keys.at("tencent").id, a.keys.at("tencent").secret, ""};
    return tencent::Client({cred, "ap-guangzhou", endpoints(), {}}, ctx.now ? ctx : context(skew));
  }

  // A context that keeps every exchange (the raw answer: status, headers, body bytes).
  core::CallContext recording(std::vector<core::Exchange>& into) const {
    core::CallContext c = context();
    c.record = [&into](const core::Exchange& e) { into.push_back(e); };
    return c;
  }

  alibaba::Client alibaba_client(core::Credentials cred = {}, std::int64_t skew = 0,
                                 core::CallContext ctx = {}) const {
    emu::Account a = emu::default_account();
    if (cred.id.empty()) cred = {a.keys.at("alibaba").id, a.keys.at("alibaba").secret, ""};
    return alibaba::Client({cred, "cn-hangzhou", endpoints(), {}}, ctx.now ? ctx : context(skew));
  }

  // The control plane: POST JSON, the parsed answer (throws on a transport failure).
  nlohmann::json control(const std::string& path, const nlohmann::json& body,
                         int expect_status = -1) const {
    core::HttpClient http;
    core::HttpResponse r = http.send({body.is_null() ? "GET" : "POST",
                                      emulator_->base_url() + path,
                                      {{"Content-Type", "application/json"}},
                                      body.is_null() ? "" : body.dump()});
    if (!r.received()) throw std::runtime_error("control plane: " + r.transport_error);
    if (expect_status >= 0 && r.status != expect_status)
      throw std::runtime_error("control plane " + path + ": HTTP " + std::to_string(r.status) +
                               " " + r.body);
    return nlohmann::json::parse(r.body);
  }

  std::string create(const core::Api& api, const std::string& state,
                     std::vector<std::string> attributes = {}) const {
    return control("/_cloudconform/v1/instances",
                   {{"product", api.product}, {"state", state}, {"attributes", attributes}},
                   201)["instances"][0];
  }

  static std::unique_ptr<core::Catalogue> catalogue_;
  std::unique_ptr<emu::Emulator> emulator_;
};

inline std::unique_ptr<core::Catalogue> EmulatorTest::catalogue_;

}  // namespace cc::test
