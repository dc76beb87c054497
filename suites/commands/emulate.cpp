// `cloudconform emulate`: serve the reference emulator until SIGINT or SIGTERM.
#include <csignal>
#include <iostream>
#include <optional>

#include "emulator/emulator.h"
#include "harness/core/catalogue.h"
#include "harness/core/encoding.h"
#include "harness/provider/provider.h"
#include "suites/commands/command.h"

namespace cc::suites {

namespace {

struct EmulateOptions {
  std::string listen = "127.0.0.1:0", catalogue;
  std::vector<std::string> deviations, rate_limits, accounts, variations;
  long transition_ms = 300, latency_ms = 0;
  bool no_rate_limits = false, list_deviations = false, list_variations = false;
};

// ADDRESS:PORT into `o`; false after saying what is wrong.
bool parse_listen(const std::string& listen, emu::EmulatorOptions& o) {
  const size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "cloudconform emulate: --listen wants ADDRESS:PORT, e.g. 127.0.0.1:0\n";
    return false;
  }
  const std::string port = listen.substr(colon + 1);
  if (port.empty() || port.size() > 5 ||
      port.find_first_not_of("0123456789") != std::string::npos || std::stoul(port) > 65535) {
    std::cerr << "cloudconform emulate: \"" << port
              << "\" is not a port (0-65535; 0 picks a free one)\n";
    return false;
  }
  o.address = listen.substr(0, colon);
  o.port = static_cast<std::uint16_t>(std::stoul(port));
  return true;
}

// The ids a --rate-limit may name, for its error message.
std::string subject_ids(const core::Catalogue& catalogue) {
  std::string ids;
  for (const core::Api* api : catalogue.subjects()) ids += (ids.empty() ? "" : ", ") + api->id;
  return ids;
}

// The providers the emulator speaks, in the registry's order: the default account has a key for
// each of its front ends.
std::vector<const provider::Provider*> spoken_providers() {
  const emu::Account a = emu::default_account();
  std::vector<const provider::Provider*> out;
  for (const provider::Provider* p : provider::builtin().all())
    if (a.keys.count(p->name())) out.push_back(p);
  return out;
}

std::string provider_names() {
  std::string names;
  for (const provider::Provider* p : spoken_providers())
    names += (names.empty() ? "" : ", ") + p->name();
  return names;
}

// ALIAS:PROVIDER=ID:SECRET[,PROVIDER=ID:SECRET]...; nullopt after saying what is wrong, without
// echoing the flag: it holds secrets.
std::optional<emu::Account> parse_account(const std::string& spec) {
  const size_t colon = spec.find(':');
  emu::Account account{spec.substr(0, colon), {}};
  auto refuse = [&](const std::string& why) {
    std::cerr << "cloudconform emulate: --account wants ALIAS:PROVIDER=ID:SECRET[,PROVIDER=ID:"
                 "SECRET]... with a provider of "
              << provider_names() << "; " << why << "\n";
    return std::nullopt;
  };
  if (colon == std::string::npos || account.alias.empty())
    return refuse("no ALIAS: before the keys");
  for (const std::string& part : core::split(spec.substr(colon + 1), ',')) {
    const size_t eq = part.find('='), sep = part.find(':', eq);
    const std::string name = part.substr(0, eq);
    const bool known = eq != std::string::npos && emu::default_account().keys.count(name);
    if (!known) return refuse("account \"" + account.alias + "\" names no such provider");
    if (sep == std::string::npos || sep == eq + 1 || sep + 1 == part.size())
      return refuse("account \"" + account.alias + "\": " + name + " wants ID:SECRET");
    if (!account.keys
             .emplace(name, core::Credentials{part.substr(eq + 1, sep - eq - 1),
                                              part.substr(sep + 1), ""})
             .second)
      return refuse("account \"" + account.alias + "\" names " + name + " twice");
  }
  return account;
}

// --account and --rate-limit into `o`; false after saying what is wrong.
bool parse_accounts_and_limits(const EmulateOptions& e, const core::Catalogue& catalogue,
                               emu::EmulatorOptions& o) {
  for (const auto& spec : e.accounts) {
    std::optional<emu::Account> account = parse_account(spec);
    if (!account) return false;
    o.accounts.push_back(std::move(*account));
  }
  for (const auto& spec : e.rate_limits) {
    const size_t eq = spec.find('=');
    char* end = nullptr;
    const double v = eq == std::string::npos ? 0 : std::strtod(spec.c_str() + eq + 1, &end);
    if (eq == std::string::npos || !catalogue.find(spec.substr(0, eq)) || *end != '\0') {
      std::cerr << "cloudconform emulate: --rate-limit wants API=N with an API id of the "
                   "catalogue, not \""
                << spec << "\"; the ids are: " << subject_ids(catalogue) << "\n";
      return false;
    }
    o.rate_limit_overrides[spec.substr(0, eq)] = v;
  }
  return true;
}

// Serves until a signal: the banner's first line names the bound address (tests wait for it).
int serve(const core::Catalogue& catalogue, const emu::EmulatorOptions& o,
          const std::string& listen, const CatalogueLocation& where) {
  // Block the signals before any thread starts, then wait for one: a clean stop on Ctrl-C.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  emu::Emulator emulator(catalogue, o);
  try {
    emulator.start();
  } catch (const std::exception& e) {
    std::cerr << "cloudconform emulate: cannot listen on " << listen << ": " << e.what() << "\n";
    return 2;
  }
  const emu::Account a = emu::default_account();
  std::cout << "cloudconform emulator listening on " << emulator.base_url() << "\n";
  // The well-known keys are not secrets (LocalStack's test/test): clients are meant to copy them.
  for (const provider::Provider* p : spoken_providers()) {
    const core::Credentials& key = a.keys.at(p->name());
    const auto [id_name, secret_name] = p->key_names();
    std::cout << "  " << p->display_name() << " " << id_name << " " << key.id << "  " << secret_name
              << " " << key.secret << "\n";
  }
  std::cout << "  control plane " << emulator.base_url() << "/_cloudconform/v1/info\n"
            << "  catalogue " << where.describe() << "\n"
            << "  judge it with: cloudconform run --endpoint " << emulator.base_url()
            << " --out results\n"
            << std::flush;
  int sig = 0;
  sigwait(&set, &sig);
  emulator.stop();
  return 0;
}

int emulate(const EmulateOptions& e) {
  if (e.list_deviations) {
    for (const auto& d : emu::known_deviations()) std::cout << d.name << "\t" << d.breaks << "\n";
    return 0;
  }
  if (e.list_variations) {
    for (const auto& v : emu::known_variations()) std::cout << v.name << "\t" << v.allows << "\n";
    return 0;
  }
  emu::EmulatorOptions o;
  if (!parse_listen(e.listen, o)) return 2;
  const CatalogueLocation where = catalogue_location(e.catalogue);
  const core::Catalogue catalogue = core::load_catalogue(where.dir + "/apis");
  o.deviations = e.deviations;
  o.variations = e.variations;
  o.latency = std::chrono::milliseconds(e.latency_ms);
  try {
    emu::Variations checked(e.variations);  // an unknown name is bad usage, with the list
  } catch (const std::invalid_argument& x) {
    std::cerr << "cloudconform emulate: " << x.what() << "\n";
    return 2;
  }
  o.transition_time = std::chrono::milliseconds(e.transition_ms);
  o.rate_limits = !e.no_rate_limits;
  if (!parse_accounts_and_limits(e, catalogue, o)) return 2;
  return serve(catalogue, o, e.listen, where);
}

class EmulateCommand : public Command {
 public:
  explicit EmulateCommand(CLI::App& app) {
    sub_ = app.add_subcommand("emulate", "serve the reference emulator");
    sub_->add_option("--rate-limit", o_.rate_limits,
                     "API=N: calls per second for an API (0 = unlimited)");
    sub_->add_flag("--no-rate-limits", o_.no_rate_limits,
                   "serve without the documented rate limits");
    sub_->add_option("--account", o_.accounts,
                     "ALIAS:PROVIDER=ID:SECRET[,PROVIDER=ID:SECRET]...: an extra account with "
                     "its own instances and rate budgets, signing with these keys");
    sub_->add_flag("--list-deviations", o_.list_deviations,
                   "list the deviations and what each breaks, then exit");
    sub_->add_option("--listen", o_.listen, "ADDRESS:PORT (port 0 picks a free one)")
        ->capture_default_str();
    add_catalogue_option(*sub_, o_.catalogue);
    sub_->add_option("--deviation", o_.deviations,
                     "deviate from the documents (negative controls)");
    sub_->add_option("--transition-ms", o_.transition_ms, "duration of STOPPING/STARTING")
        ->capture_default_str();
    sub_->add_option("--variation", o_.variations,
                     "a behaviour the documents allow, which the suite must accept");
    sub_->add_flag("--list-variations", o_.list_variations,
                   "list the variations and what each shows, then exit");
    sub_->add_option("--latency-ms", o_.latency_ms,
                     "hold every cloud-API answer this long (a region's round trip)")
        ->check(CLI::Range(0L, 600000L))
        ->capture_default_str();
    set_help_footer(
        *sub_,
        {{"cloudconform emulate --listen 127.0.0.1:8080",
          "serve it; then: cloudconform run --endpoint http://127.0.0.1:8080"},
         {"cloudconform emulate --deviation duplicates-accepted --rate-limit "
          "TencentCvmStopInstances=2",
          "an emulator that accepts duplicate ids, its CVM StopInstances limited to 2 calls/s"},
         {"cloudconform emulate --list-deviations", "the deviation names and what each breaks"}},
        {{0, "stopped by Ctrl-C or SIGTERM, or a --list-* printed"},
         {2,
          "bad usage: --listen not ADDRESS:PORT or the port taken, an unknown --rate-limit API "
          "id (the ids are listed) or variation, a malformed --account; or a malformed "
          "catalogue"}},
        "API ids for --rate-limit: cloudconform list --apis. The banner names the address, the "
        "well-known credentials and the run command that judges it.");
  }
  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    return emulate(o_);
  }

 private:
  CLI::App* sub_;
  EmulateOptions o_;
};

}  // namespace

std::unique_ptr<Command> add_emulate(CLI::App& app) {
  return std::make_unique<EmulateCommand>(app);
}

}  // namespace cc::suites
