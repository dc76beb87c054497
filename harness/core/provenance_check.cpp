// Checks that every quoted passage of the catalogue really occurs in the document it cites, and
// that every observed citation names an exchange of its recording whose value at the pointer is
// the one cited, so a provenance cannot drift from its source or be made up.
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"

namespace cc::core {
namespace {

std::string normalise(const std::string& s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      space = !out.empty();
    } else {
      if (space) out.push_back(' ');
      space = false;
      out.push_back(c);
    }
  }
  return out;
}

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError("[provenance.unreadable] " + path + ": cannot open the document");
  std::stringstream buf;
  buf << in.rdbuf();
  return normalise(buf.str());
}

class Checker {
 public:
  explicit Checker(std::string shared) : shared_(std::move(shared)) {}

  void check(const std::string& file, const std::string& where, const Provenance& p) {
    if (p.source == "silent" || p.source == "inferred") return;
    if (p.source == "observed") return check_observed(file, where, p);
    const std::string& text =
        p.source == "seed" ? document("seeds/" + p.file) : document("reference/protocols.md");
    // Fragments joined by " … " are checked one by one.
    const std::string sep = " \xE2\x80\xA6 ";
    std::string passage = normalise(p.passage);
    size_t start = 0;
    while (true) {
      size_t end = passage.find(sep, start);
      std::string fragment =
          passage.substr(start, end == std::string::npos ? std::string::npos : end - start);
      if (text.find(fragment) == std::string::npos)
        problems.push_back(file + ": " + where + ": passage not found in " +
                           (p.source == "seed" ? p.file : "protocols.md") + ": \"" + fragment +
                           "\"");
      if (end == std::string::npos) break;
      start = end + sep.size();
    }
  }

  void check(const std::string& file, const std::string& where,
             const std::optional<Provenance>& p) {
    if (p) check(file, where, *p);
  }

  std::vector<std::string> problems;

 private:
  void check_observed(const std::string& file, const std::string& where, const Provenance& p) {
    const std::string at = file + ": " + where + ": ";
    const nlohmann::json* recording = this->recording(p.file);
    if (!recording) {
      problems.push_back(at + "no readable recording reference/observed/" + p.file);
      return;
    }
    const nlohmann::json* exchange = find_exchange(*recording, p.scenario, p.step);
    if (!exchange) {
      problems.push_back(at + p.file + " has no exchange " + p.scenario + " / " +
                         std::to_string(p.step));
      return;
    }
    const std::string seen =
        p.file + " " + p.scenario + " / " + std::to_string(p.step) + " " + p.pointer;
    const nlohmann::json::json_pointer ptr(p.pointer);  // the loader checked its syntax
    if (!exchange->contains(ptr)) {
      problems.push_back(at + "pointer resolves to nothing in " + seen);
      return;
    }
    if ((*exchange)[ptr] != p.value)
      problems.push_back(at + "value cited " + p.value.dump() + " but the recording has " +
                         (*exchange)[ptr].dump() + " at " + seen);
  }

  static const nlohmann::json* find_exchange(const nlohmann::json& recording,
                                             const std::string& scenario, int step) {
    if (!recording.contains("exchanges") || !recording["exchanges"].is_array()) return nullptr;
    for (const auto& e : recording["exchanges"])
      if (e.is_object() && e.value("scenario", "") == scenario && e.value("step", -2) == step)
        return &e;
    return nullptr;
  }

  // A recording that cannot be read is a problem line of its own, not an exception: a broken
  // citation must not hide the others.
  const nlohmann::json* recording(const std::string& name) {
    auto it = recordings_.find(name);
    if (it == recordings_.end()) {
      std::optional<nlohmann::json> doc;
      if (name.find('/') == std::string::npos) {
        std::ifstream in(shared_ + "/reference/observed/" + name, std::ios::binary);
        if (in) doc = nlohmann::json::parse(in, nullptr, false);
        if (doc && doc->is_discarded()) doc.reset();
      }
      it = recordings_.emplace(name, std::move(doc)).first;
    }
    return it->second ? &*it->second : nullptr;
  }

  const std::string& document(const std::string& rel) {
    auto it = docs_.find(rel);
    if (it == docs_.end()) it = docs_.emplace(rel, read_text(shared_ + "/" + rel)).first;
    return it->second;
  }
  std::string shared_;
  std::map<std::string, std::string> docs_;
  std::map<std::string, std::optional<nlohmann::json>> recordings_;
};

}  // namespace

std::vector<std::string> verify_provenance(const Catalogue& catalogue,
                                           const std::string& shared_dir) {
  Checker c(shared_dir);
  for (const Api& a : catalogue.apis) {
    c.check(a.file, "/endpoint", a.endpoint_provenance);
    c.check(a.file, "/signing", a.signing_provenance);
    for (size_t i = 0; i < a.parameters.size(); ++i)
      c.check(a.file, "/parameters/" + std::to_string(i), a.parameters[i].provenance);
    c.check(a.file, "/instance_id", a.instance_id.provenance);
    if (a.batch) {
      c.check(a.file, "/batch", a.batch->provenance);
      c.check(a.file, "/batch/mode", a.batch->mode.provenance);
    }
    c.check(a.file, "/rate_limit", a.rate_limit.provenance);
    c.check(a.file, "/status_model", a.status_model.provenance);
    c.check(a.file, "/status_model/accepts_provenance", a.status_model.accepts_provenance);
    c.check(a.file, "/dry_run", a.dry_run.provenance);
    c.check(a.file, "/dry_run/http_status_provenance", a.dry_run.http_status_provenance);
    c.check(a.file, "/duplicates", a.duplicates.provenance);
    c.check(a.file, "/response", a.response.provenance);
    c.check(a.file, "/response/recorded_instance", a.response.recorded_instance);
    if (a.response.request_id_format)
      c.check(a.file, "/response/request_id_format", a.response.request_id_format->provenance);
    if (a.async) {
      c.check(a.file, "/async", a.async->provenance);
      if (a.async->success_while_in_transit)
        c.check(a.file, "/async/success_while_in_transit",
                a.async->success_while_in_transit->provenance);
    }
    for (size_t i = 0; i < a.errors.size(); ++i) {
      c.check(a.file, "/errors/" + std::to_string(i), a.errors[i].provenance);
      if (a.errors[i].http_status_provenance)
        c.check(a.file, "/errors/" + std::to_string(i) + "/http_status_provenance",
                *a.errors[i].http_status_provenance);
      if (a.errors[i].refusal_provenance)
        c.check(a.file, "/errors/" + std::to_string(i) + "/refusal_provenance",
                *a.errors[i].refusal_provenance);
    }
  }
  for (const auto& [_, common] : catalogue.common) {
    c.check(common.file, "/envelope/provenance", common.envelope.provenance);
    c.check(common.file, "/envelope/fixed_error_status/provenance",
            common.envelope.fixed_error_status_provenance);
    for (size_t i = 0; i < common.errors.size(); ++i) {
      c.check(common.file, "/errors/" + std::to_string(i), common.errors[i].provenance);
      c.check(common.file, "/errors/" + std::to_string(i) + "/http_status_provenance",
              common.errors[i].http_status_provenance);
    }
  }
  return c.problems;
}

}  // namespace cc::core
