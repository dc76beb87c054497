// Provider modules (harness/provider): every provider the catalogue names has one, and each
// carries what the rest of the harness no longer branches on — its client and default scheme,
// its official hosts, its token header. And the target's typed vocabularies: one Describe parser,
// harness errors told apart by kind.
#include <gtest/gtest.h>

#include "harness/provider/provider.h"
#include "harness/target/target.h"

namespace cc::test {
namespace {

using nlohmann::json;

class Providers : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    catalogue_ = std::make_unique<core::Catalogue>(
        core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis"));
  }
  static void TearDownTestSuite() { catalogue_.reset(); }

  static const core::Api& api(const std::string& id) {
    const core::Api* a = catalogue_->find(id);
    if (!a) throw std::runtime_error("no API " + id);
    return *a;
  }

  // The request a provider's client signs for `a`, without sending it.
  static core::HttpRequest signed_request(const core::Api& a, const std::string& token = "") {
    const provider::Provider& p = provider::builtin().at(a.provider);
    auto client = p.make_client({{"AKIDexample", "secret-example", token},
                                 p.default_region(),
                                 [](const core::Api& x) {
                                   return core::Endpoint{"http://127.0.0.1:1", x.hosts.front()};
                                 },
                                 {}},
                                core::system_context());
    return client->build(a, json::object(), {});
  }

  static std::string header(const core::HttpRequest& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
      if (k == name) return v;
    return "";
  }

  static std::unique_ptr<core::Catalogue> catalogue_;
};

std::unique_ptr<core::Catalogue> Providers::catalogue_;

TEST_F(Providers, EveryProviderTheCatalogueNamesHasAModule) {
  for (const core::Api& a : catalogue_->apis)
    EXPECT_NE(provider::builtin().find(a.provider), nullptr) << a.id << ": " << a.provider;
}

TEST_F(Providers, AnUnknownProviderIsADataErrorNamingTheKnownOnes) {
  EXPECT_EQ(provider::builtin().find("nimbus"), nullptr);
  try {
    provider::builtin().at("nimbus");
    FAIL() << "an unknown provider was found";
  } catch (const core::DataError& e) {
    EXPECT_NE(std::string(e.what()).find("tencent, alibaba"), std::string::npos) << e.what();
  }
}

TEST_F(Providers, EachModuleSignsWithItsDefaultSchemeAndStyle) {
  const core::HttpRequest tc = signed_request(api("TencentCvmStopInstances"));
  EXPECT_EQ(tc.method, "POST");
  EXPECT_EQ(header(tc, "Authorization").rfind("TC3-HMAC-SHA256 ", 0), 0u);
  const core::HttpRequest ali = signed_request(api("AlibabaEcsStopInstance"));
  EXPECT_EQ(ali.method, "POST");
  EXPECT_EQ(header(ali, "Authorization").rfind("ACS3-HMAC-SHA256 ", 0), 0u);
  EXPECT_EQ(provider::builtin().at("tencent").default_scheme(), "TC3-HMAC-SHA256");
  EXPECT_EQ(provider::builtin().at("alibaba").default_style(), "POST-FORM");
}

TEST_F(Providers, OfficialHostsAreTheCataloguesOrRegional) {
  const core::Api& cvm = api("TencentCvmStopInstances");
  EXPECT_EQ(provider::builtin().at("tencent").official_host(cvm, "ap-beijing"), cvm.hosts.front());
  EXPECT_EQ(
      provider::builtin().at("alibaba").official_host(api("AlibabaEcsStopInstance"), "cn-beijing"),
      "ecs.cn-beijing.aliyuncs.com");
}

TEST_F(Providers, EachModuleRedactsItsOwnTokenHeader) {
  for (const char* id : {"TencentCvmStopInstances", "AlibabaEcsStopInstance"}) {
    const core::Api& a = api(id);
    const provider::Provider& p = provider::builtin().at(a.provider);
    std::vector<core::Exchange> recorded;
    core::CallContext ctx = core::system_context();
    ctx.record = [&](const core::Exchange& e) { recorded.push_back(e); };
    auto client = p.make_client({{"AKIDexample", "secret-example", "session-token-example"},
                                 p.default_region(),
                                 [](const core::Api& x) {
                                   return core::Endpoint{"http://127.0.0.1:1", x.hosts.front()};
                                 },
                                 {}},
                                ctx);
    client->call(a, json::object());  // nothing listens there: the request is still recorded
    ASSERT_EQ(recorded.size(), 1u) << id;
    const std::string text = recorded[0].to_json().dump();
    EXPECT_EQ(text.find("session-token-example"), std::string::npos) << id << ": " << text;
  }
}

TEST_F(Providers, AFailedConnectionIsATransportErrorOfAKind) {
  const core::Api& a = api("TencentCvmStopInstances");
  auto client = provider::builtin().at("tencent").make_client(
      {{},
       "",
       [](const core::Api&) {
         return core::Endpoint{"http://127.0.0.1:1", ""};
       },
       {}},
      core::system_context());
  const core::Outcome o = client->call(a, json::object());
  ASSERT_TRUE(o.harness_error());
  EXPECT_EQ(o.transport_kind, core::TransportError::Other) << o.transport_error;
  const target::HarnessError e = target::harness_error_of(a.id, o);
  EXPECT_EQ(e.kind(), target::HarnessError::Kind::Fault);
  core::Outcome slow = o;
  slow.transport_kind = core::TransportError::TimedOut;
  EXPECT_EQ(target::harness_error_of(a.id, slow).kind(), target::HarnessError::Kind::TimedOut);
  EXPECT_EQ(std::string(e.what()), a.id + ": " + o.transport_error) << "the text is kept";
}

TEST_F(Providers, ADescribeAnswerIsParsedIntoInstancesOrItsShape) {
  const core::Api& describe = *catalogue_->sibling(api("TencentCvmStopInstances"), "describe");
  const json::json_pointer at(describe.response.instances);
  const auto& f = describe.response.instance_fields;
  json body = json::object();
  EXPECT_EQ(target::read_listing(describe, body).shape, target::Listing::Shape::Missing);
  body[at] = nullptr;
  EXPECT_EQ(target::read_listing(describe, body).shape, target::Listing::Shape::Null);
  body[at] = json::object();
  EXPECT_EQ(target::read_listing(describe, body).shape, target::Listing::Shape::NotAList);
  body[at] = json::array({json{{f.at("id"), "ins-1"}, {f.at("state"), "STOPPED"}}, 7});
  const target::Listing listing = target::read_listing(describe, body);
  EXPECT_EQ(listing.shape, target::Listing::Shape::List);
  ASSERT_EQ(listing.instances.size(), 1u) << "what is not an object lists nothing";
  EXPECT_EQ(listing.instances[0].id, "ins-1");
  EXPECT_EQ(listing.instances[0].wire_state, "STOPPED");
  EXPECT_EQ(listing.instances[0].state,
            describe.status_model.canonical("STOPPED").value_or("UNKNOWN:STOPPED"));
}

}  // namespace
}  // namespace cc::test
