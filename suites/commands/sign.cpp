// `cloudconform sign`: print a request signed for the emulator's default account (benchmarks,
// debugging).
#include <iostream>

#include "emulator/emulator.h"
#include "harness/alibaba/client.h"
#include "harness/core/catalogue.h"
#include "harness/tencent/client.h"
#include "suites/commands/command.h"

namespace cc::suites {

namespace {

struct SignOptions {
  std::string api, params = "{}", endpoint, style, scheme, catalogue;
};

core::HttpRequest build(const core::Api& api, const nlohmann::json& params, const SignOptions& o) {
  const emu::Account a = emu::default_account();
  auto endpoint = [&](const core::Api& x) { return core::Endpoint{o.endpoint, x.hosts.front()}; };
  if (api.provider == "tencent") {
    tencent::Client client(
        {{a.tencent_secret_id, a.tencent_secret_key, ""}, "ap-guangzhou", endpoint, {}},
        core::system_context());
    return client.build(api, params, {o.style, o.scheme});
  }
  alibaba::Client client(
      {{a.alibaba_access_key_id, a.alibaba_access_key_secret, ""}, "cn-hangzhou", endpoint, {}},
      core::system_context());
  return client.build(api, params, {o.style, o.scheme});
}

int sign(const SignOptions& o) {
  const core::Catalogue c = core::load_catalogue(catalogue_location(o.catalogue).dir + "/apis");
  const core::Api* api = c.find(o.api);
  if (!api) {
    std::cerr << "cloudconform sign: no API " << o.api << " in the catalogue\n";
    return 2;
  }
  const nlohmann::json params = nlohmann::json::parse(o.params, nullptr, false);
  if (params.is_discarded() || !params.is_object()) {
    std::cerr << "cloudconform sign: --params must be a JSON object\n";
    return 2;
  }
  const core::HttpRequest req = build(*api, params, o);
  nlohmann::json headers = nlohmann::json::object();
  for (const auto& [k, v] : req.headers) headers[k] = v;
  std::cout << nlohmann::json{{"method", req.method},
                              {"url", req.url},
                              {"headers", headers},
                              {"body", req.body}}
                   .dump()
            << "\n";
  return 0;
}

class SignCommand : public Command {
 public:
  explicit SignCommand(CLI::App& app) {
    sub_ = app.add_subcommand(
        "sign",
        "print a signed request for the emulator's default account (benchmarks, debugging)");
    sub_->add_option("--api", o_.api, "catalogue id, e.g. TencentCvmDescribeInstances")->required();
    sub_->add_option("--params", o_.params, "the API parameters as a JSON object")
        ->capture_default_str();
    sub_->add_option("--endpoint", o_.endpoint,
                     "base URL the request goes to, e.g. http://127.0.0.1:8080")
        ->required();
    sub_->add_option("--style", o_.style,
                     "POST-JSON | GET-QUERY | POST-FORM (default: the provider's)");
    sub_->add_option("--scheme", o_.scheme,
                     "signing scheme (default: TC3-HMAC-SHA256 / ACS3-HMAC-SHA256)");
    add_catalogue_option(*sub_, o_.catalogue);
  }
  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    return sign(o_);
  }

 private:
  CLI::App* sub_;
  SignOptions o_;
};

}  // namespace

std::unique_ptr<Command> add_sign(CLI::App& app) { return std::make_unique<SignCommand>(app); }

}  // namespace cc::suites
