// `cloudconform sign`: print a request signed for the emulator's default account (benchmarks,
// debugging).
#include <algorithm>
#include <iostream>
#include <optional>

#include "emulator/emulator.h"
#include "harness/core/catalogue.h"
#include "harness/provider/provider.h"
#include "harness/target/config.h"
#include "suites/commands/command.h"
#include "suites/runner.h"

namespace cc::suites {

namespace {

struct SignOptions {
  std::string api, params = "{}", endpoint, style, scheme, catalogue;
};

// Signed by the provider module the API names (harness/provider), with the emulator's default
// account's keys for that provider, in the provider's default region.
core::HttpRequest build(const core::Catalogue& catalogue, const core::Api& api,
                        const nlohmann::json& params, const SignOptions& o) {
  const provider::Registry& providers = provider::builtin();
  const provider::Provider& module = providers.at(api.provider);  // unknown: a DataError
  const target::TargetConfig cfg =
      target::with_accounts(config_for(catalogue, o.endpoint, emu::default_account()), providers);
  const provider::Account& account = cfg.accounts.at(module.name());
  auto endpoint = [&](const core::Api& x) { return core::Endpoint{o.endpoint, x.hosts.front()}; };
  const std::unique_ptr<core::WireClient> client = module.make_client(
      {account.credentials, account.region, endpoint, {}}, core::system_context());
  return client->build(api, params, {o.style, o.scheme});
}

// A value the provider does not know is refused with the ones it knows: signing with the
// default instead would print a request the user did not ask for.
std::optional<std::string> unknown_choice(const std::string& flag, const std::string& value,
                                          const std::vector<std::string>& known) {
  if (value.empty() || std::find(known.begin(), known.end(), value) != known.end())
    return std::nullopt;
  std::string list;
  for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
  return flag + " " + value + " is not one of the provider's: " + list;
}

int sign(const SignOptions& o) {
  const core::Catalogue c = core::load_catalogue(catalogue_location(o.catalogue).dir + "/apis");
  const core::Api* api = c.find(o.api);
  if (!api) {
    std::cerr << "cloudconform sign: no API " << o.api << " in the catalogue\n";
    return 2;
  }
  const provider::Provider& module = provider::builtin().at(api->provider);
  for (const auto& refusal : {unknown_choice("--scheme", o.scheme, module.schemes()),
                              unknown_choice("--style", o.style, module.styles())})
    if (refusal) {
      std::cerr << "cloudconform sign: " << *refusal << "\n";
      return 2;
    }
  const nlohmann::json params = nlohmann::json::parse(o.params, nullptr, false);
  if (params.is_discarded() || !params.is_object()) {
    std::cerr << "cloudconform sign: --params must be a JSON object\n";
    return 2;
  }
  const core::HttpRequest req = build(c, *api, params, o);
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

// Each provider's schemes and styles, from its module (the values sign accepts), default first.
std::string choices_text() {
  auto joined = [](const std::vector<std::string>& values) {
    std::string text;
    for (const auto& v : values) text += (text.empty() ? "" : ", ") + v;
    return text;
  };
  std::string text;
  for (const provider::Provider* p : provider::builtin().all())
    text += "\nProvider " + p->name() + ": --scheme " + joined(p->schemes()) + "; --style " +
            joined(p->styles());
  return text + "\nThe first of each is the provider's default.";
}

class SignCommand : public Command {
 public:
  explicit SignCommand(CLI::App& app) {
    sub_ = app.add_subcommand(
        "sign",
        "print a signed request for the emulator's default account (benchmarks, debugging)");
    sub_->add_option("--api", o_.api, "an API id of the catalogue (cloudconform list shows them)")
        ->required();
    sub_->add_option("--params", o_.params, "the API parameters as a JSON object")
        ->capture_default_str();
    sub_->add_option("--endpoint", o_.endpoint,
                     "base URL the request goes to, e.g. http://127.0.0.1:8080")
        ->required();
    sub_->add_option("--style", o_.style,
                     "a request style of the API's provider (default: its first; listed below)");
    sub_->add_option("--scheme", o_.scheme,
                     "a signing scheme of the API's provider (default: its first; listed below)");
    add_catalogue_option(*sub_, o_.catalogue);
    set_help_footer(
        *sub_,
        {{"cloudconform sign --api TencentCvmStopInstances --endpoint http://127.0.0.1:8080 "
          "--params '{\"InstanceIds\":[\"ins-12345678\"]}'",
          "a TC3-HMAC-SHA256 request for the emulator's default account"},
         {"cloudconform sign --api AlibabaEcsStopInstance --endpoint http://127.0.0.1:8080 "
          "--params '{\"InstanceId\":\"i-123\"}' --style GET-QUERY",
          "an Alibaba RPC request sent as GET"},
         {"cloudconform sign --api TencentLighthouseStopInstances --endpoint "
          "http://127.0.0.1:8080 --scheme HmacSHA256",
          "signed with Tencent's v1 scheme instead"}},
        {{0, "printed: one JSON object (method, url, headers, body)"},
         {2,
          "an API id the catalogue lacks, a --scheme or --style the provider does not have "
          "(its values are listed), --params not a JSON object, a malformed catalogue"}},
        "API ids: cloudconform list --apis. " + choices_text());
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
