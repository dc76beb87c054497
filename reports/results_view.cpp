#include "reports/results_view.h"

#include <algorithm>
#include <set>
#include <utility>

#include "harness/core/json_reader.h"
#include "reports/failure.h"
#include "reports/redact.h"

namespace cc::reports {

using nlohmann::json;

namespace {

// Typed reads of optional fields, each failing with the file and the field's pointer.
//
// A child or item knows its parent and its own step, and the pointer is spelt out only when a
// read fails: built for every member read ("/cases/3/transcript/0/request/headers"), the
// pointers were a sixth of read_results' allocations (tests/reports/data/canary.json: 612, now
// 511). A child lives within its parent's reads.
class Check {
 public:
  Check(const json& value, const std::string& file, std::string pointer)
      : value_(&value), file_(file), root_(std::move(pointer)) {}

  [[noreturn]] void fail(const std::string& what, const std::string& detail,
                         const std::string& key = "") const {
    core::JsonReader(*value_, file_, "results", pointer()).fail(what, detail, key);
  }
  void object() const {
    if (!value_->is_object())
      fail("wrong_type", std::string("expected an object, found ") + value_->type_name());
  }
  // Present and of the type, or absent/null (nullptr) when optional.
  const json* field(const std::string& key, json::value_t type, bool required = false) const {
    auto it = value_->find(key);
    if (it == value_->end() || it->is_null()) {
      if (required) fail("missing_field", "required field is missing", key);
      return nullptr;
    }
    const bool ok = type == json::value_t::number_float ? it->is_number() : it->type() == type;
    if (!ok)
      fail("wrong_type",
           "expected " + std::string(json(type).type_name()) + ", found " + it->type_name(), key);
    return &*it;
  }
  std::optional<std::string> maybe(const std::string& key) const {
    const json* v = field(key, json::value_t::string);
    return v ? std::optional<std::string>(v->get<std::string>()) : std::nullopt;
  }
  std::string string(const std::string& key, bool required = false) const {
    const json* v = field(key, json::value_t::string, required);
    return v ? v->get<std::string>() : "";
  }
  double number(const std::string& key) const {
    const json* v = field(key, json::value_t::number_float);
    return v ? v->get<double>() : 0.0;
  }
  bool boolean(const std::string& key, bool required, bool absent) const {
    const json* v = field(key, json::value_t::boolean, required);
    return v ? v->get<bool>() : absent;
  }
  // Any value, null when absent: payloads whose shape the suite does not fix.
  json raw(const std::string& key) const {
    auto it = value_->find(key);
    return it == value_->end() ? json() : *it;
  }
  Check child(const std::string& key) const { return Check(value_->at(key), *this, key); }
  Check item(const json& v, size_t i) const { return Check(v, *this, std::to_string(i)); }
  // Another value (a redacted copy of this one) read at the same place.
  Check copy(const json& v) const {
    Check c = *this;
    c.value_ = &v;
    return c;
  }
  const json& value() const { return *value_; }

 private:
  Check(const json& value, const Check& parent, std::string step)
      : value_(&value), file_(parent.file_), parent_(&parent), step_(std::move(step)) {}

  // The parent's pointer and this one's step ("/cases/3"), or the pointer it was made with.
  std::string pointer() const { return parent_ ? parent_->pointer() + "/" + step_ : root_; }

  const json* value_;
  const std::string& file_;
  const Check* parent_ = nullptr;
  std::string step_;  // a key or an index: short, held without an allocation
  std::string root_;
};

// An optional array of objects under key: each item read by f into the returned vector.
template <typename F>
auto each_object(const Check& parent, const std::string& key, F f)
    -> std::vector<decltype(f(parent))> {
  std::vector<decltype(f(parent))> out;
  const json* arr = parent.field(key, json::value_t::array);
  if (!arr) return out;
  const Check a = parent.child(key);
  for (size_t i = 0; i < arr->size(); ++i) {
    Check item = a.item((*arr)[i], i);
    item.object();
    out.push_back(f(item));
  }
  return out;
}

// A number of a free-form object, 0 when absent or not a number.
template <typename T>
T number_in(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<T>() : T{};
}

// A string of a free-form object, "" when absent or not a string.
std::string string_in(const json& object, const char* key) {
  const auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

Burst read_burst(const json& v) {
  Burst b{number_in<long long>(v, "calls"),
          number_in<int>(v, "accepted"),
          number_in<int>(v, "throttled"),
          number_in<double>(v, "duration_ms"),
          {}};
  const auto bins = v.find("bins_100ms");
  if (bins != v.end() && bins->is_array())
    for (const auto& bin : *bins)
      b.bins.push_back(bin.is_object() ? Burst::Bin{number_in<int>(bin, "accepted"),
                                                    number_in<int>(bin, "throttled")}
                                       : Burst::Bin{});
  return b;
}

Observation read_observation(const Check& o) {
  Observation out{o.string("what", true), o.raw("value"), std::nullopt};
  if (out.what == "burst" && out.value.is_object()) out.burst = read_burst(out.value);
  return out;
}

Passage read_passage(const Check& p) {
  Passage out;
  out.source = p.string("source");
  out.file = p.maybe("file");
  out.section = p.maybe("section");
  out.passage = p.maybe("passage");
  out.note = p.maybe("note");
  p.maybe("scenario");  // a string when present
  out.scenario = p.raw("scenario");
  out.step = p.raw("step");
  return out;
}

Level read_level(const Check& c, const std::string& key) {
  const std::optional<std::string> name = c.maybe(key);
  if (!name) return Level::Must;
  const auto level = core::parse_level(*name);
  if (!level)
    c.fail("bad_value", "unknown level \"" + *name + "\" (MUST, SHOULD or OBSERVED)", key);
  return *level;
}

Assertion read_assertion(const Check& a) {
  Assertion out;
  out.claim = a.string("claim");
  out.what = a.string("what");
  out.source = a.string("source");
  out.message = a.string("message");
  out.level = read_level(a, "level");
  out.passed = a.boolean("passed", true, true);
  out.rests_on = each_object(a, "rests_on", read_passage);
  return out;
}

Message read_message(const Check& x, const char* side) {
  Message m;
  if (!x.field(side, json::value_t::object)) return m;
  const Check c = x.child(side);
  if (const json* h = c.field("headers", json::value_t::array)) {
    const Check hs = c.child("headers");
    for (size_t i = 0; i < h->size(); ++i) {
      const json& pair = (*h)[i];
      if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
        hs.item(pair, i).fail("wrong_type", "a header is a [name, value] pair of strings");
      m.headers.emplace_back(pair[0], pair[1]);
    }
  }
  m.body = c.string("body");
  m.url = c.string("url");
  m.method = c.string("method");
  m.status = c.raw("status");
  m.elapsed_ms = c.raw("elapsed_ms");
  m.transport_error = c.raw("transport_error");
  return m;
}

// A transcript entry, checked as it came and then read from its redacted copy: the reports never
// hold a secret the suite may have missed.
Exchange read_exchange(const Check& x) {
  read_message(x, "request");
  read_message(x, "response");
  const json redacted = redact_exchange(x.value());
  const Check r = x.copy(redacted);
  return {read_message(r, "request"), read_message(r, "response")};
}

Answer read_answer(const Check& a) {
  Answer out;
  out.api = a.maybe("api");
  out.ok = a.boolean("ok", false, false);
  out.code = a.maybe("code");
  out.http_status = a.raw("http_status");
  return out;
}

std::optional<Property> read_property(const Check& c) {
  const json* rc = c.field("rapidcheck", json::value_t::object);
  if (!rc) return std::nullopt;
  Property p;
  p.data = *rc;
  const auto mc = rc->find("minimal_case");
  if (mc != rc->end() && mc->is_object()) {
    p.has_minimal_case = true;
    p.scenario = mc->value("scenario", json());
    const auto msg = mc->find("message");
    if (msg != mc->end() && msg->is_string()) p.minimal_message = *msg;
  }
  for (auto [key, into] : {std::pair{"shrinks", &p.shrinks}, std::pair{"cases_run", &p.cases_run},
                           std::pair{"seed", &p.seed}})
    if (rc->contains(key)) *into = (*rc)[key];
  for (auto [key, into] :
       {std::pair{"replay_file", &p.replay_file}, std::pair{"reproduce", &p.reproduce},
        std::pair{"replay_command", &p.replay_command}})
    if (rc->contains(key) && (*rc)[key].is_string()) *into = (*rc)[key].get<std::string>();
  p.replay_command_null = rc->contains("replay_command") && (*rc)["replay_command"].is_null();
  return p;
}

core::Family read_family(const Check& c) {
  const std::string name = c.string("family", true);
  const auto family = core::parse_family(name);
  if (!family)
    c.fail("bad_value",
           "unknown family \"" + name +
               "\" (status, errors, batch, duplicates, dry_run, protocol, concurrency, "
               "rate_limit or properties)",
           "family");
  return *family;
}

CaseOutcome read_outcome(const Check& c) {
  const std::string name = c.string("outcome", true);
  const auto outcome = core::parse_case_outcome(name);
  if (!outcome) c.fail("bad_value", "unknown outcome \"" + name + "\"", "outcome");
  return *outcome;
}

Case read_one_case(const Check& c, std::set<std::string>* ids = nullptr) {
  c.object();
  Case out;
  out.id = c.string("id", true);
  if (ids && !ids->insert(out.id).second)
    c.fail("duplicate_case", "case " + out.id + " appears twice", "id");
  out.api = c.string("api", true);
  out.family = read_family(c);
  out.outcome = read_outcome(c);
  out.behaviour = c.string("behaviour");
  out.level = read_level(c, "level");
  out.message = c.string("message");
  out.replay = c.maybe("replay");
  out.harness_error = c.maybe("harness_error");
  out.inconclusive = c.maybe("inconclusive");
  out.duration_ms = c.number("duration_ms");
  out.rapidcheck = read_property(c);
  out.provenance = each_object(c, "provenance", read_passage);
  out.assertions = each_object(c, "assertions", read_assertion);
  out.observations = each_object(c, "observations", read_observation);
  out.transcript = each_object(c, "transcript", read_exchange);
  out.answers = each_object(c, "answers", read_answer);
  if (c.field("expectation", json::value_t::object)) {
    const Check e = c.child("expectation");
    out.expectation = Expectation{e.string("reason"), e.string("link")};
  }
  return out;
}

ApiCoverage read_api_coverage(const Check& e) {
  e.object();
  ApiCoverage out;
  auto documented = each_object(e, "documented", [](const Check& d) -> DocumentedCode {
    DocumentedCode code{
        d.string("code", true),
        d.raw("http_status"),
        d.maybe("trigger"),
        d.maybe("not_triggerable"),
        d.field("triggered_by", json::value_t::array) ? d.raw("triggered_by") : json(),
        d.field("status_seen", json::value_t::array) ? d.raw("status_seen") : json(),
        d.maybe("not_exercised")};
    // Older runs called a code no case of theirs arranged "not triggerable": it was not exercised.
    if (code.not_triggerable && !code.not_exercised &&
        code.not_triggerable->rfind("no case of this run arranges", 0) == 0)
      code.not_exercised = std::exchange(code.not_triggerable, std::nullopt);
    return code;
  });
  if (e.field("documented", json::value_t::array)) out.documented = std::move(documented);
  auto undocumented = each_object(e, "undocumented", [](const Check& u) -> UndocumentedCode {
    return {u.string("code", true), u.raw("http_status"),
            u.field("seen_in", json::value_t::array) ? u.raw("seen_in") : json()};
  });
  if (e.field("undocumented", json::value_t::array)) out.undocumented = std::move(undocumented);
  return out;
}

Restoration read_restoration(const Check& r) {
  Restoration out;
  out.id = r.string("id", true);
  out.api = r.maybe("api");
  out.was = r.maybe("was");
  out.now = r.maybe("now");
  out.message = r.maybe("message");
  out.restored = r.boolean("restored", true, false);
  return out;
}

Finding read_finding(const Check& f) {
  Finding out{f.string("api"), f.string("what"), "", ""};
  for (auto [key, into] :
       {std::pair{"document", &out.document}, std::pair{"observed", &out.observed}})
    *into =
        passage_text(f.field(key, json::value_t::object) ? read_passage(f.child(key)) : Passage{});
  return out;
}

// The target's public identity (free-form: each kind of target says what identifies it), and the
// parts every report shows: its name, kind and endpoints.
void read_target(const json& target, Results& out) {
  out.target = public_identity(target);
  for (auto [key, into] :
       {std::pair{"name", &out.target_name}, std::pair{"kind", &out.target_kind}})
    if (out.target.contains(key) && out.target[key].is_string())
      *into = out.target[key].get<std::string>();
  const auto eps = out.target.find("endpoints");
  if (eps == out.target.end() || !eps->is_object()) return;
  out.endpoints.emplace();
  for (const auto& [product, ep] : eps->items())
    out.endpoints->push_back(
        ep.is_object() ? Endpoint{product, string_in(ep, "url"), string_in(ep, "host")}
                       : Endpoint{product, ep.is_string() ? ep.get<std::string>() : ep.dump(), ""});
}

std::vector<std::string> strings_of(const Check& c, const std::string& key) {
  std::vector<std::string> out;
  if (const json* list = c.field(key, json::value_t::array))
    for (size_t i = 0; i < list->size(); ++i) {
      if (!(*list)[i].is_string())
        c.child(key).item((*list)[i], i).fail("wrong_type", "expected a string");
      out.push_back((*list)[i].get<std::string>());
    }
  return out;
}

Selection read_selection(const Check& s) {
  s.object();
  Selection out;
  out.only = s.maybe("only");
  out.cases = static_cast<int>(s.number("cases"));
  out.of = static_cast<int>(s.number("of"));
  out.apis = strings_of(s, "apis");
  out.not_run = static_cast<int>(s.number("not_run"));
  out.selected = s.field("selected", json::value_t::number_float)
                     ? static_cast<int>(s.number("selected"))
                     : out.cases + out.not_run;
  out.stopped = s.maybe("stopped");
  return out;
}

ExpectationsUsed read_expectations_used(const Check& e) {
  e.object();
  return {e.string("file"), strings_of(e, "unmatched")};
}

// A recorded or observed value as the reports may show it: the snapshot normalised secrets away,
// and a value under a secret's name, or a secret-named field inside one, is hidden all the same —
// unless it is one of the snapshot's placeholders ("<authorization:TC3-HMAC-SHA256>"), which
// says only which scheme or format was seen.
json shown_value(const std::string& pointer, const json& v) {
  const std::string last = pointer.substr(pointer.rfind('/') + 1);
  const bool placeholder = v.is_string() && v.get<std::string>().size() > 2 &&
                           v.get<std::string>().front() == '<' &&
                           v.get<std::string>().back() == '>' &&
                           v.get<std::string>().find_first_of(" =,") == std::string::npos;
  if (!v.is_null() && !placeholder && sensitive_name(last)) return "***";
  return v.is_structured() ? public_identity(v) : v;
}

TargetDifference read_difference(const Check& d) {
  TargetDifference out;
  out.case_id = d.string("case", true);
  out.api = d.string("api");
  out.action = d.string("action");
  out.pointer = d.string("pointer");
  out.rule = d.string("rule", true);
  out.exchange = static_cast<int>(d.number("exchange"));
  out.recorded = shown_value(out.pointer, d.raw("recorded"));
  out.observed = shown_value(out.pointer, d.raw("observed"));
  return out;
}

Differential read_differential(const Check& d) {
  d.object();
  Differential out;
  if (d.field("snapshot", json::value_t::object)) {
    const Check s = d.child("snapshot");
    out.snapshot_dir = s.string("dir");
    if (s.field("target", json::value_t::object))
      out.snapshot_target = public_identity(s.value()["target"]);
  }
  out.rules = strings_of(d, "rules");
  out.compared = static_cast<int>(d.number("compared"));
  out.not_in_snapshot = strings_of(d, "not_in_snapshot");
  out.not_run = strings_of(d, "not_run");
  out.differences = each_object(d, "differences", read_difference);
  return out;
}

// Suite identity, target, gate and timings: the run's header.
void read_header(const Check& root, Results& out) {
  if (root.string("schema", true) != "cloudconform.results/1")
    root.fail("bad_value", "schema must be cloudconform.results/1", "schema");
  if (root.field("suite", json::value_t::object)) {
    const Check s = root.child("suite");
    out.suite_name = s.maybe("name");
    out.suite_version = s.maybe("version");
    out.catalogue_hash = s.maybe("catalogue_hash");
  }
  if (root.field("target", json::value_t::object)) read_target(root.value()["target"], out);
  root.field("summary", json::value_t::object);  // recounted from the cases, never trusted
  const std::string gate = root.string("gate");
  if (!gate.empty() && gate != "must" && gate != "should")
    root.fail("bad_value", "unknown gate \"" + gate + "\" (must or should)", "gate");
  out.gate = gate == "should" ? Gate::Should : Gate::Must;
  out.started_at = root.maybe("started_at");
  out.duration_ms = root.number("duration_ms");
}

}  // namespace

std::string to_string(Gate gate) { return gate == Gate::Should ? "should" : "must"; }

int ApiCoverage::documented_count() const {
  return documented ? static_cast<int>(documented->size()) : 0;
}
int ApiCoverage::undocumented_count() const {
  return undocumented ? static_cast<int>(undocumented->size()) : 0;
}
int ApiCoverage::triggered_count() const {
  if (!documented) return 0;
  return static_cast<int>(std::count_if(documented->begin(), documented->end(),
                                        [](const DocumentedCode& d) { return d.triggered(); }));
}
int ApiCoverage::not_triggerable_count() const {
  if (!documented) return 0;
  return static_cast<int>(std::count_if(
      documented->begin(), documented->end(),
      [](const DocumentedCode& d) { return !d.triggered() && d.not_triggerable.has_value(); }));
}
int ApiCoverage::not_exercised_count() const {
  if (!documented) return 0;
  return static_cast<int>(std::count_if(
      documented->begin(), documented->end(),
      [](const DocumentedCode& d) { return !d.triggered() && d.not_exercised.has_value(); }));
}

Results read_results(const json& results, const std::string& file) {
  Results out;
  out.file = file;
  const Check root(results, file, "");
  root.object();
  read_header(root, out);
  root.field("cases", json::value_t::array, true);
  const Check cases = root.child("cases");
  std::set<std::string> ids;
  for (size_t i = 0; i < results["cases"].size(); ++i) {
    out.cases.push_back(read_one_case(cases.item(results["cases"][i], i), &ids));
    out.counts.add(out.cases.back().outcome);
  }
  if (root.field("coverage", json::value_t::object)) {
    const Check cov = root.child("coverage");
    for (const auto& [api, entry] : cov.value().items())
      out.coverage[api] = read_api_coverage(cov.child(api));
  }
  out.restore = each_object(root, "restore", read_restoration);
  out.interrupted = root.maybe("interrupted");
  if (root.field("selection", json::value_t::object))
    out.selection = read_selection(root.child("selection"));
  if (root.field("expectations", json::value_t::object))
    out.expectations = read_expectations_used(root.child("expectations"));
  if (root.field("findings", json::value_t::array))
    out.findings = each_object(root, "findings", read_finding);
  if (root.field("differential", json::value_t::object))
    out.differential = read_differential(root.child("differential"));
  out.differential_gate = root.boolean("differential_gate", false, false);
  return out;
}

Case read_case(const json& one_case, const std::string& file) {
  return read_one_case(Check(one_case, file, ""));
}

}  // namespace cc::reports
