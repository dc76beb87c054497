#include "emulator/frontend.h"

#include <algorithm>
#include <set>

#include "harness/core/json_reader.h"

namespace cc::emu {
namespace {

std::string without_port(const std::string& host) {
  const size_t colon = host.rfind(':');
  if (colon == std::string::npos || host.find(']') != std::string::npos) return host;
  return host.substr(0, colon);
}

// The domain a host belongs to, its last two labels: a regional endpoint the catalogue does not
// list (ecs.cn-shanghai.aliyuncs.com) is still its provider's.
std::string domain(const std::string& host) {
  const size_t last = host.rfind('.');
  if (last == std::string::npos || last == 0) return host;
  const size_t before = host.rfind('.', last - 1);
  return before == std::string::npos ? host : host.substr(before + 1);
}

bool serves_host(const core::Api& api, const std::string& host) {
  return std::find(api.hosts.begin(), api.hosts.end(), host) != api.hosts.end();
}

std::string first_label(const std::string& host) { return host.substr(0, host.find('.')); }

// The provider whose catalogue hosts name `host` exactly, else share its domain; empty: none.
std::string provider_of_host(const core::Catalogue& catalogue, const std::string& host) {
  for (const auto& a : catalogue.apis)
    if (serves_host(a, host)) return a.provider;
  for (const auto& a : catalogue.apis)
    for (const auto& h : a.hosts)
      if (domain(h) == domain(host) && host.find('.') != std::string::npos) return a.provider;
  return "";
}

}  // namespace

const std::vector<FrontendKind>& frontend_kinds() {
  static const std::vector<FrontendKind> kinds = {
      {"tencent",
       &make_tencent_frontend,
       {"AKIDcloudconformEMULATOR0000000000", "cloudconformEmulatorTencentKey00", ""}},
      {"alibaba",
       &make_alibaba_frontend,
       {"LTAIcloudconformEMULATOR", "cloudconformEmulatorAlibabaSecret", ""}}};
  return kinds;
}

std::vector<std::unique_ptr<Frontend>> make_frontends(const core::Catalogue& catalogue,
                                                      const FrontendContext& ctx) {
  std::set<std::string> wanted;
  for (const auto& a : catalogue.apis) wanted.insert(a.provider);
  std::vector<std::unique_ptr<Frontend>> out;
  for (const auto& kind : frontend_kinds())
    if (wanted.erase(kind.provider) > 0) out.push_back(kind.make(ctx));
  if (!wanted.empty()) {
    std::string known;
    for (const auto& kind : frontend_kinds())
      known += (known.empty() ? "" : ", ") + std::string(kind.provider);
    throw core::DataError("[emulator.no_frontend] the emulator has no front end for provider \"" +
                          *wanted.begin() + "\" (it has: " + known + ")");
  }
  if (out.empty())  // no API at all: every request is answered as unknown, in some envelope
    for (const auto& kind : frontend_kinds()) out.push_back(kind.make(ctx));
  return out;
}

Frontend& route(const std::vector<std::unique_ptr<Frontend>>& frontends,
                const core::Catalogue& catalogue, const HttpRequestIn& request) {
  for (const auto& f : frontends)
    if (f->claims(request)) return *f;
  const std::string provider = provider_of_host(catalogue, without_port(request.header("Host")));
  for (const auto& f : frontends)
    if (f->provider() == provider) return *f;
  return *frontends.front();
}

const core::Api* resolve_api(const core::Catalogue& catalogue, const std::string& provider,
                             std::string_view version, std::string_view action,
                             const std::string& host, const std::string& service) {
  // Every request passes here: the action first (names of other lengths differ without a
  // memcmp), and no list of the named APIs unless several share the name.
  auto named = [&](const core::Api& a) {
    return a.action == action && a.version == version && a.provider == provider;
  };
  const core::Api* first = nullptr;
  std::size_t count = 0;
  for (const auto& a : catalogue.apis)
    if (named(a) && count++ == 0) first = &a;
  if (count <= 1) return first;
  const std::string bare = without_port(host);
  for (const auto& a : catalogue.apis)
    if (named(a) && serves_host(a, bare)) return &a;
  for (const auto& a : catalogue.apis)
    if (named(a) && !service.empty() && first_label(a.hosts.front()) == service) return &a;
  return first;
}

bool names_parameter(std::string_view form, std::string_view name) {
  for (std::size_t at = 0; at < form.size();) {
    const std::size_t end = std::min(form.find('&', at), form.size());
    const std::string_view pair = form.substr(at, end - at);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=')
      return true;
    at = end + 1;
  }
  return false;
}

}  // namespace cc::emu
