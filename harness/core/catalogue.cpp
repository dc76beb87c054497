#include "harness/core/catalogue.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <regex>
#include <set>

#include "harness/core/catalogue_read.h"
#include "harness/core/json_reader.h"

namespace cc::core {
namespace catalogue_read {

const std::set<std::string> kApiTriggers = {
    "ids.missing",           "ids.too_many",        "ids.duplicate",
    "id.malformed",          "id.not_found",        "state.not_accepted",
    "operation.in_progress", "param.invalid_value", "param.combination",
    "param.missing",         "dry_run.pass",        "request.conflict",
    "auth.permission",       "server.internal",     "other"};
const std::set<std::string> kCommonTriggers = {
    "auth.signature",          "auth.expired",
    "auth.secret_not_found",   "auth.malformed",
    "auth.nonce_used",         "auth.token",
    "request.throttled",       "request.unknown_action",
    "request.unknown_version", "request.unknown_parameter",
    "request.bad_method",      "request.too_large",
    "request.bad_format",      "server.unavailable"};
const std::set<std::string> kAttributes = {"security_locked",
                                           "expired_or_in_arrears",
                                           "local_disk",
                                           "local_disk_confirm_missing",
                                           "classic_network",
                                           "prepaid",
                                           "spot",
                                           "kms_cmk_not_enabled",
                                           "kms_cmk_unauthorized",
                                           "kms_unauthorized",
                                           "hibernation_forbidden",
                                           "hibernation_not_enabled",
                                           "insufficient_balance",
                                           "not_ready",
                                           "disk_status",
                                           "not_owned",
                                           "banned",
                                           "stop_charging_unsupported"};

bool one_of(const std::string& v, std::initializer_list<const char*> options) {
  return std::any_of(options.begin(), options.end(), [&](const char* o) { return v == o; });
}

std::string capitalise(std::string s) {
  if (!s.empty()) s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s;
}

// An observed citation names one exchange of a recording and the value seen at a pointer.
void read_observed(JsonReader& r, Provenance& p) {
  p.file = r.string("file");
  if (p.file.empty() || p.file.find('/') != std::string::npos)
    r.fail("bad_value", "file names a recording under shared/reference/observed/", "file");
  p.scenario = r.string("scenario");
  if (p.scenario.empty()) r.fail("empty", "an observed provenance names its scenario", "scenario");
  const long long step = r.integer("step");
  if (step < 0 || step > 1000000)
    r.fail("bad_value", "step must be a small non-negative integer", "step");
  p.step = static_cast<int>(step);
  p.passage = r.string("passage");
  if (p.passage.empty()) r.fail("empty", "an observed provenance says what was seen", "passage");
  p.pointer = r.string("pointer");
  if (p.pointer.empty() || p.pointer[0] != '/')
    r.fail("bad_value", "pointer must be a JSON pointer into the exchange (\"/response/...\")",
           "pointer");
  try {
    (void)nlohmann::json::json_pointer(p.pointer);
  } catch (const nlohmann::json::exception&) {
    r.fail("bad_value", "pointer is not a valid JSON pointer", "pointer");
  }
  p.value = r.at("value").value();  // null is a value too (a field seen as null)
  if (auto n = r.optional("note")) p.note = n->as_string();
}

Provenance read_provenance(JsonReader r) {
  r.expect_object();
  Provenance p;
  p.source = r.string("source");
  if (p.source == "seed") {
    p.file = r.string("file");
    p.passage = r.string("passage");
    if (p.passage.empty()) r.fail("empty", "a seed provenance needs a passage", "passage");
  } else if (p.source == "protocols") {
    p.section = r.string("section");
    p.passage = r.string("passage");
    if (p.passage.empty()) r.fail("empty", "a protocols provenance needs a passage", "passage");
  } else if (p.source == "observed") {
    read_observed(r, p);
  } else if (p.source == "inferred") {
    p.note = r.string("note");
    if (p.note.find_first_not_of(" \t\n") == std::string::npos)
      r.fail("empty", "an inferred provenance gives its reasoning", "note");
  } else if (p.source == "silent") {
    p.note = r.string("note");
  } else {
    r.fail("bad_value",
           "source must be seed, protocols, observed, inferred or silent, not \"" + p.source + "\"",
           "source");
  }
  r.done();
  return p;
}

bool valid_trigger(const std::string& t, bool common) {
  if (kApiTriggers.count(t) || (common && kCommonTriggers.count(t))) return true;
  if (t.rfind("state.", 0) == 0) {
    const auto& states = canonical_states();
    return std::find(states.begin(), states.end(), t.substr(6)) != states.end();
  }
  if (t.rfind("attribute.", 0) == 0) return kAttributes.count(t.substr(10)) > 0;
  return false;
}

ErrorEntry read_error(JsonReader r, bool common) {
  r.expect_object();
  ErrorEntry e;
  e.code = r.string("code");
  e.http_status = static_cast<int>(r.integer("http_status"));
  if (e.http_status < 100 || e.http_status > 599)
    r.fail("bad_value", "http_status must be an HTTP status", "http_status");
  e.message = r.string_or_null("message").value_or("");
  e.condition = r.string("condition");
  e.trigger = r.string("trigger");
  if (!valid_trigger(e.trigger, common))
    r.fail("bad_value", "unknown trigger \"" + e.trigger + "\" (see SCHEMA.md)", "trigger");
  e.provenance = read_provenance(r.at("provenance"));
  if (auto p = r.optional("http_status_provenance")) e.http_status_provenance = read_provenance(*p);
  if (auto p = r.optional("refusal_provenance")) e.refusal_provenance = read_provenance(*p);
  for (auto [key, target] : {std::pair{"with", &e.with}, std::pair{"unless", &e.unless}})
    if (auto p = r.optional(key)) {
      p->expect_object();
      *target = p->value();
    }
  r.done();
  return e;
}

}  // namespace catalogue_read

using namespace catalogue_read;

bool ErrorEntry::applies_to(const nlohmann::json& params) const {
  for (const auto& [k, v] : with.items())
    if (!params.contains(k) || params[k] != v) return false;
  for (const auto& [k, v] : unless.items())
    if (params.contains(k) && params[k] == v) return false;
  return true;
}

namespace catalogue_read {

std::map<std::string, std::string> read_string_map(JsonReader r) {
  r.expect_object();
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : r.value().items()) {
    if (!v.is_string()) r.fail("wrong_type", "expected a string", k);
    out[k] = v.get<std::string>();
  }
  return out;
}

Parameter read_parameter(JsonReader r) {
  r.expect_object();
  Parameter p;
  p.name = r.string("name");
  p.type = r.string("type");
  if (!one_of(p.type, {"string", "boolean", "integer", "string-list"}))
    r.fail("bad_value", "type must be string, boolean, integer or string-list", "type");
  p.required = r.boolean("required");
  p.default_value = r.at("default").value();
  if (auto e = r.optional("enum")) {
    if (!e->value().is_array()) r.fail("wrong_type", "expected an array or null", "enum");
    p.enum_values = r.strings("enum");
  }
  if (auto enc = r.optional("encoding")) {
    if (p.type != "string-list")
      r.fail("bad_value", "only string-list parameters have an encoding", "encoding");
    enc->expect_object();
    p.list_json = enc->string_or_null("json").value_or("");
    p.list_query = enc->string("query");
    if (!p.list_json.empty() && p.list_json != "array")
      enc->fail("bad_value", "json must be \"array\" or null", "json");
    if (!one_of(p.list_query, {"dotted-0", "dotted-1", "json-string"}))
      enc->fail("bad_value", "query must be dotted-0, dotted-1 or json-string", "query");
    enc->done();
  } else if (p.type == "string-list") {
    r.fail("missing_field", "a string-list parameter needs its encoding", "encoding");
  }
  if (r.value().contains("max_items")) p.max_items = r.integer_or_null("max_items");
  p.description = r.string("description");
  p.provenance = read_provenance(r.at("provenance"));
  r.done();
  return p;
}

namespace {

// std::regex's traits, but for the primary sort key of a character, which only an equivalence
// class ([[=a=]]) matches on. Compiling a bracket expression asks the key of each of the 256
// characters, and the standard traits build it through the locale's collate facet, with two
// allocations each: a format's pattern of five brackets cost thousands of allocations, a tenth of
// the fuzzed loader's time. The key plays no part in whether a pattern compiles (only in what it
// matches), so a pattern that is only checked here compiles with these.
struct CheckingTraits : std::regex_traits<char> {
  template <typename It>
  std::string transform_primary(It first, It last) const {
    return std::string(first, last);
  }
};

// Whether std::regex compiles the pattern (the same ECMAScript grammar, the same refusals).
bool compiles(const std::string& pattern) {
  try {
    (void)std::basic_regex<char, CheckingTraits>(pattern);
    return true;
  } catch (const std::regex_error&) {
    return false;
  }
}

}  // namespace

bool numbers_fit(const std::string& pattern) {
  // A run of digits right after '{' or ',' (a count) or after a backslash and a non-zero digit
  // (a back-reference). A literal ',' followed by 19 digits is refused too, which no id or
  // request-id format needs.
  constexpr size_t kMaxDigits = 18;  // 10^18 - 1 < 2^63: no overflow
  for (size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    const bool count = c == '{' || c == ',';
    const bool backref =
        c == '\\' && i + 1 < pattern.size() && pattern[i + 1] >= '1' && pattern[i + 1] <= '9';
    if (c == '\\' && !backref) {
      ++i;  // an escaped character: not the start of a count
      continue;
    }
    if (!count && !backref) continue;
    size_t end = i + 1;
    while (end < pattern.size() && std::isdigit(static_cast<unsigned char>(pattern[end]))) ++end;
    if (end - i - 1 > kMaxDigits) return false;
    if (backref) i = end - 1;  // the digits are the back-reference's, not an escape of the next
  }
  return true;
}

ValueFormat read_format(JsonReader r) {
  r.expect_object();
  ValueFormat f{r.string("pattern"), {}};
  if (!numbers_fit(f.pattern) || !compiles(f.pattern))
    r.fail("bad_value", "pattern is not a valid regular expression", "pattern");
  f.provenance = read_provenance(r.at("provenance"));
  r.done();
  return f;
}

Flag read_flag(JsonReader r) {
  r.expect_object();
  Flag f{r.boolean("value"), read_provenance(r.at("provenance"))};
  r.done();
  return f;
}

StatusModel read_status_model(JsonReader r) {
  r.expect_object();
  StatusModel m;
  const auto& canon = canonical_states();
  auto check_state = [&](const JsonReader& at, const std::string& s, const std::string& key) {
    if (std::find(canon.begin(), canon.end(), s) == canon.end())
      at.fail("bad_value", "\"" + s + "\" is not a canonical state", key);
  };
  for (JsonReader s : r.array("states")) {
    StateName n{s.string("wire"), s.string("canonical")};
    check_state(s, n.canonical, "canonical");
    s.done();
    m.states.push_back(n);
  }
  auto listed = [&](const std::string& c) {
    return std::any_of(m.states.begin(), m.states.end(),
                       [&](const StateName& n) { return n.canonical == c; });
  };
  auto accepts = r.array("accepts");
  for (size_t i = 0; i < accepts.size(); ++i) {
    std::string s = accepts[i].as_string();
    if (!listed(s))
      r.fail("bad_value", "\"" + s + "\" is not among the states", "accepts/" + std::to_string(i));
    m.accepts.push_back(s);
  }
  for (JsonReader t : r.array("transitions")) {
    Transition tr{t.string("from"), t.string("via"), t.string("to")};
    for (const char* key : {"from", "via", "to"}) {
      const std::string& s = key[0] == 'f' ? tr.from : key[0] == 'v' ? tr.via : tr.to;
      if (!listed(s)) t.fail("bad_value", "\"" + s + "\" is not among the states", key);
    }
    t.done();
    m.transitions.push_back(tr);
  }
  m.provenance = read_provenance(r.at("provenance"));
  if (auto p = r.optional("accepts_provenance")) m.accepts_provenance = read_provenance(*p);
  r.done();
  return m;
}

}  // namespace catalogue_read

const std::vector<std::string>& canonical_states() {
  static const std::vector<std::string> states = {"PENDING",
                                                  "LAUNCH_FAILED",
                                                  "RUNNING",
                                                  "STOPPING",
                                                  "STOPPED",
                                                  "STARTING",
                                                  "REBOOTING",
                                                  "SHUTDOWN",
                                                  "TERMINATING",
                                                  "DELETING",
                                                  "FREEZING",
                                                  "ENTER_RESCUE_MODE",
                                                  "RESCUE_MODE",
                                                  "EXIT_RESCUE_MODE",
                                                  "ENTER_SERVICE_LIVE_MIGRATE",
                                                  "SERVICE_LIVE_MIGRATE",
                                                  "EXIT_SERVICE_LIVE_MIGRATE"};
  return states;
}

nlohmann::json Provenance::to_json() const {
  nlohmann::json j = {{"source", source}};
  if (!file.empty()) j["file"] = file;
  if (!section.empty()) j["section"] = section;
  if (!scenario.empty()) j["scenario"] = scenario;
  if (step >= 0) j["step"] = step;
  if (!passage.empty()) j["passage"] = passage;
  if (!pointer.empty()) {
    j["pointer"] = pointer;
    j["value"] = value;
  }
  if (!note.empty()) j["note"] = note;
  return j;
}

std::string StatusModel::wire(const std::string& c) const {
  for (const auto& s : states)
    if (s.canonical == c) return s.wire;
  return c;
}

std::optional<std::string> StatusModel::canonical(const std::string& w) const {
  for (const auto& s : states)
    if (s.wire == w) return s.canonical;
  return std::nullopt;
}

bool InstanceIdFormat::well_formed(const std::string& id) const {
  if (compiled) return std::regex_match(id, *compiled);
  return std::regex_match(id, std::regex(pattern));
}

const Parameter* Api::parameter(const std::string& name) const {
  for (const auto& p : parameters)
    if (p.name == name) return &p;
  return nullptr;
}

std::vector<const ErrorEntry*> Api::errors_for(const std::string& trigger) const {
  std::vector<const ErrorEntry*> out;
  for (const auto& e : errors)
    if (e.trigger == trigger) out.push_back(&e);
  return out;
}

bool Api::accepts(const std::string& c) const {
  return std::find(status_model.accepts.begin(), status_model.accepts.end(), c) !=
         status_model.accepts.end();
}

std::vector<const ErrorEntry*> CommonErrors::errors_for(const std::string& trigger) const {
  std::vector<const ErrorEntry*> out;
  for (const auto& e : errors)
    if (e.trigger == trigger) out.push_back(&e);
  return out;
}

const char* name_of(BatchMode mode) {
  switch (mode) {
    case BatchMode::all_or_nothing:
      return "all_or_nothing";
    case BatchMode::per_item:
      return "per_item";
    case BatchMode::silent:
      return "silent";
  }
  return "silent";
}

std::optional<std::string> BatchModes::value_for(BatchMode mode) const {
  for (const auto& [value, m] : values)
    if (m == mode) return value;
  return std::nullopt;
}

namespace {

CommonErrors read_common_errors(const nlohmann::json& doc, const std::string& path) {
  JsonReader r(doc, path, kPrefix);
  r.expect_object();
  if (r.string("schema") != "cloudconform.common-errors/1")
    r.fail("bad_value", "schema must be cloudconform.common-errors/1", "schema");
  CommonErrors c;
  c.file = path;
  c.provider = r.string("provider");
  JsonReader env = r.at("envelope");
  env.expect_object();
  c.envelope.error_code = env.string("error_code");
  c.envelope.error_message = env.string("error_message");
  c.envelope.request_id = env.string("request_id");
  for (JsonReader f : env.array("error_fields"))
    c.envelope.error_fields.push_back(f.value().get<std::string>());
  c.envelope.provenance = read_provenance(env.at("provenance"));
  if (auto st = env.optional("fixed_error_status")) {
    st->expect_object();
    c.envelope.fixed_error_status = st->integer("status");
    c.envelope.fixed_error_status_provenance = read_provenance(st->at("provenance"));
    st->done();
  }
  env.done();
  for (JsonReader e : r.array("errors")) c.errors.push_back(read_error(e, true));
  r.done();
  for (size_t i = 0; i < c.errors.size(); ++i)
    if (c.envelope.fixed_error_status && c.errors[i].http_status != *c.envelope.fixed_error_status)
      throw DataError(std::string("[") + kPrefix + ".bad_value] " + path + ": /errors/" +
                      std::to_string(i) + "/http_status: not the envelope's fixed_error_status " +
                      std::to_string(*c.envelope.fixed_error_status));
  return c;
}

// A status every error of the provider has rests on the envelope's passage, unless the error
// names its own (a seed that prints the status): the suites grade the status by it.
void give_fixed_status_provenance(std::vector<ErrorEntry>& errors, const Envelope& envelope) {
  if (!envelope.fixed_error_status_provenance) return;
  for (auto& e : errors)
    if (!e.http_status_provenance)
      e.http_status_provenance = envelope.fixed_error_status_provenance;
}

// A provider whose envelope has one status for every error (Tencent API 3.0: 200, A6) answers
// every code of its APIs with it too.
void check_fixed_status(const Api& a, const Envelope& envelope) {
  if (!envelope.fixed_error_status) return;
  for (size_t i = 0; i < a.errors.size(); ++i)
    if (a.errors[i].http_status != *envelope.fixed_error_status)
      throw DataError(std::string("[") + kPrefix + ".bad_value] " + a.file + ": /errors/" +
                      std::to_string(i) + "/http_status: the provider answers every error with " +
                      std::to_string(*envelope.fixed_error_status) +
                      " (its envelope's fixed_error_status)");
}

// One file of the catalogue, parsed, added by what its name says it is.
void add_file(Catalogue& c, const std::string& path, const nlohmann::json& doc) {
  if (std::filesystem::path(path).filename() == "common-errors.json") {
    CommonErrors ce = read_common_errors(doc, path);
    c.common[ce.provider] = std::move(ce);
    return;
  }
  Api a = read_api(doc, path);
  if (const Api* other = c.find(a.id))
    throw DataError(std::string("[") + kPrefix + ".duplicate_id] " + path + ": /id: \"" + a.id +
                    "\" is also the id of " + other->file);
  c.apis.push_back(std::move(a));
}

// What holds across files, once all are in.
Catalogue finished(Catalogue c) {
  for (auto& [provider, common] : c.common) {
    give_fixed_status_provenance(common.errors, common.envelope);
    for (auto& a : c.apis)
      if (a.provider == provider) {
        check_fixed_status(a, common.envelope);
        give_fixed_status_provenance(a.errors, common.envelope);
      }
  }
  return c;
}

}  // namespace

Api load_api_file(const std::string& path) { return read_api(read_json_file(path, kPrefix), path); }

Catalogue load_catalogue(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir))
    throw DataError(std::string("[") + kPrefix + ".missing] " + dir + ": not a directory");
  std::vector<std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".json")
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());  // deterministic order, whatever the file system does
  Catalogue c;
  for (const auto& f : files) add_file(c, f, read_json_file(f, kPrefix));
  return finished(std::move(c));
}

Catalogue load_catalogue_files(std::vector<CatalogueFile> files) {
  std::sort(files.begin(), files.end(),
            [](const CatalogueFile& x, const CatalogueFile& y) { return x.path < y.path; });
  Catalogue c;
  for (const auto& f : files) add_file(c, f.path, parse_json_text(f.text, f.path, kPrefix));
  return finished(std::move(c));
}

const Api* Catalogue::find(const std::string& id) const {
  for (const auto& a : apis)
    if (a.id == id) return &a;
  return nullptr;
}

const Api* Catalogue::find(const std::string& provider, const std::string& version,
                           const std::string& action) const {
  for (const auto& a : apis)
    if (a.provider == provider && a.version == version && a.action == action) return &a;
  return nullptr;
}

const Api* Catalogue::sibling(const Api& api, const std::string& kind) const {
  for (const auto& a : apis)
    if (a.provider == api.provider && a.product == api.product && a.kind == kind &&
        (kind != "start" || a.batch.has_value() == api.batch.has_value()))
      return &a;
  // Alibaba has a single and a batch Start: fall back to any start of the product.
  for (const auto& a : apis)
    if (a.provider == api.provider && a.product == api.product && a.kind == kind) return &a;
  return nullptr;
}

std::vector<const Api*> Catalogue::subjects() const {
  std::vector<const Api*> out;
  for (const auto& a : apis)
    if (a.is_subject()) out.push_back(&a);
  return out;
}

const CommonErrors& Catalogue::common_errors(const std::string& provider) const {
  static const CommonErrors empty;
  auto it = common.find(provider);
  return it == common.end() ? empty : it->second;
}

}  // namespace cc::core
