// The readers of one API file's sections (identity, endpoint and signing, instance ids, batch,
// rate limit, dry run, duplicates, response, async), each checking what it reads; the readers
// they share with the common-errors file are in catalogue.cpp (catalogue_read.h).
#include <algorithm>
#include <regex>
#include <set>

#include "harness/core/catalogue.h"
#include "harness/core/catalogue_read.h"
#include "harness/core/json_reader.h"

namespace cc::core::catalogue_read {
namespace {

// The identity's fixed shapes, checked by hand: a std::regex_match allocated its matcher's state
// on every call, four per API file read (tests/core/catalogue_identity_test.cpp holds these to
// the patterns each names).
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// ^[a-z][a-z0-9]*$: provider and product names are identifiers the catalogue introduces; which
// providers a run can speak to is the provider modules' business, which products exist is the
// catalogue's.
bool lower_identifier(const std::string& s) {
  return !s.empty() && lower(s[0]) &&
         std::all_of(s.begin() + 1, s.end(), [](char c) { return lower(c) || digit(c); });
}

// ^[A-Z][A-Za-z0-9]*$
bool camel_case(const std::string& s) {
  return !s.empty() && upper(s[0]) && std::all_of(s.begin() + 1, s.end(), [](char c) {
    return lower(c) || upper(c) || digit(c);
  });
}

// ^\d{4}-\d{2}-\d{2}$ (\d is [0-9] in the classic locale the patterns were compiled in)
bool iso_date(const std::string& s) {
  if (s.size() != 10) return false;
  for (size_t i = 0; i < s.size(); ++i)
    if (i == 4 || i == 7 ? s[i] != '-' : !digit(s[i])) return false;
  return true;
}

const std::set<std::string> kSchemes = {"TC3-HMAC-SHA256", "HmacSHA1", "HmacSHA256", "V2-HMAC-SHA1",
                                        "ACS3-HMAC-SHA256"};

void read_identity(JsonReader& r, Api& a) {
  if (r.string("schema") != "cloudconform.api/1")
    r.fail("bad_value", "schema must be cloudconform.api/1", "schema");
  a.id = r.string("id");
  a.provider = r.string("provider");
  a.product = r.string("product");
  a.action = r.string("action");
  a.version = r.string("version");
  a.role = r.string("role");
  a.seed = r.string_or_null("seed").value_or("");
  a.kind = r.string("kind");
  if (!lower_identifier(a.provider))
    r.fail("bad_value", "provider must be a lower-case identifier", "provider");
  if (!lower_identifier(a.product))
    r.fail("bad_value", "product must be a lower-case identifier", "product");
  if (!camel_case(a.id)) r.fail("bad_value", "id must be a CamelCase identifier", "id");
  const std::string expected = capitalise(a.provider) + capitalise(a.product) + a.action;
  if (a.id != expected)
    r.fail("bad_value", "id must be Provider+Product+Action (" + expected + ")", "id");
  if (!iso_date(a.version)) r.fail("bad_value", "version must be YYYY-MM-DD", "version");
  if (!one_of(a.role, {"subject", "support"}))
    r.fail("bad_value", "role must be subject or support", "role");
  if (a.role == "subject" && a.seed.empty())
    r.fail("bad_value", "a subject API names its seed", "seed");
  if (a.role == "support" && !a.seed.empty())
    r.fail("bad_value", "a support API has no seed", "seed");
  if (!one_of(a.kind, {"stop", "start", "describe", "describe-status"}))
    r.fail("bad_value", "kind must be stop, start, describe or describe-status", "kind");
}

void read_endpoint_and_signing(JsonReader& r, Api& a) {
  JsonReader e = r.at("endpoint");
  a.hosts = e.strings("hosts");
  if (a.hosts.empty()) e.fail("empty", "at least one host", "hosts");
  a.endpoint_provenance = read_provenance(e.at("provenance"));
  e.done();
  JsonReader s = r.at("signing");
  a.signing_schemes = s.strings("schemes");
  a.signing_styles = s.strings("styles");
  for (const auto& scheme : a.signing_schemes)
    if (!kSchemes.count(scheme))
      s.fail("bad_value", "unknown signing scheme \"" + scheme + "\"", "schemes");
  for (const auto& style : a.signing_styles)
    if (!one_of(style, {"POST-JSON", "GET-QUERY", "POST-FORM"}))
      s.fail("bad_value", "unknown request style \"" + style + "\"", "styles");
  a.signing_provenance = read_provenance(s.at("provenance"));
  s.done();
}

void read_id_filter(JsonReader f, Api& a) {
  IdFilter& out = a.instance_id.filter;
  out.parameter = f.string("parameter");
  out.name = f.string("name");
  out.name_key = f.string("name_key");
  out.values_key = f.string("values_key");
  if (!a.parameter(out.parameter))
    f.fail("bad_value", "\"" + out.parameter + "\" is not one of the parameters", "parameter");
  for (const char* key : {"name", "name_key", "values_key"})
    if (f.value()[key].get<std::string>().empty()) f.fail("bad_value", "is empty", key);
  out.provenance = read_provenance(f.at("provenance"));
  f.done();
}

void read_instance_id(JsonReader i, Api& a) {
  a.instance_id.prefix = i.string("prefix");
  a.instance_id.pattern = i.string("pattern");
  a.instance_id.example = i.string("example");
  a.instance_id.parameter = i.string_or_null("parameter").value_or("");
  if (!numbers_fit(a.instance_id.pattern))
    i.fail("bad_value", "pattern is not a valid regular expression", "pattern");
  try {
    a.instance_id.compiled = std::make_shared<const std::regex>(a.instance_id.pattern);
  } catch (const std::regex_error&) {
    i.fail("bad_value", "pattern is not a valid regular expression", "pattern");
  }
  if (!a.instance_id.well_formed(a.instance_id.example))
    i.fail("bad_value", "example does not match pattern", "example");
  const std::string& named = a.instance_id.parameter;
  if (!named.empty() && !a.parameter(named))
    i.fail("bad_value", "\"" + named + "\" is not one of the parameters", "parameter");
  const bool acts = a.kind == "stop" || a.kind == "start";
  if (acts && named.empty())
    i.fail("missing_field", "a stop or start API names the parameter holding its ids", "parameter");
  if (auto f = i.optional("filter")) read_id_filter(*f, a);
  if (named.empty() && a.instance_id.filter.parameter.empty())
    i.fail("missing_field", "an API without an id parameter names the filter that names its ids",
           "filter");
  a.instance_id.provenance = read_provenance(i.at("provenance"));
  i.done();
}

BatchMode read_batch_mode_name(const JsonReader& at, const std::string& name,
                               const std::string& key) {
  for (BatchMode m : {BatchMode::all_or_nothing, BatchMode::per_item, BatchMode::silent})
    if (name == name_of(m)) return m;
  at.fail("bad_value",
          "batch mode must be all_or_nothing, per_item or silent, not \"" + name + "\"", key);
}

BatchModes read_batch_modes(JsonReader m, const Api& a) {
  m.expect_object();
  BatchModes modes;
  if (auto p = m.optional("parameter")) modes.parameter = p->as_string();
  if (auto v = m.optional("values")) {
    for (const auto& [value, mode] : read_string_map(*v))
      modes.values[value] = read_batch_mode_name(*v, mode, value);
  }
  modes.default_mode = read_batch_mode_name(m, m.string("default"), "default");
  modes.provenance = read_provenance(m.at("provenance"));
  const Parameter* chooser = modes.parameter.empty() ? nullptr : a.parameter(modes.parameter);
  if (!modes.parameter.empty() && (!chooser || chooser->type != "string"))
    m.fail("bad_value", "names no string parameter", "parameter");
  if (modes.parameter.empty() != modes.values.empty())
    m.fail("bad_value", "a mode parameter and its values come together", "values");
  if (chooser && chooser->default_value.is_string()) {
    auto it = modes.values.find(chooser->default_value.get<std::string>());
    if (it != modes.values.end() && it->second != modes.default_mode)
      m.fail("bad_value", "is not the mode of the parameter's documented default", "default");
  }
  const bool per_item = modes.default_mode == BatchMode::per_item ||
                        std::any_of(modes.values.begin(), modes.values.end(),
                                    [](const auto& v) { return v.second == BatchMode::per_item; });
  if (per_item && !a.response.per_instance)
    m.fail("bad_value", "a per_item mode needs the response's per_instance report", "values");
  m.done();
  return modes;
}

void read_batch(JsonReader& r, Api& a) {
  auto b = r.optional("batch");
  if (!b) {
    r.ignore("batch");
    return;
  }
  a.batch = Batch{b->string("parameter"), b->integer("min"), b->integer("max"), {}, {}};
  const Parameter* p = a.parameter(a.batch->parameter);
  if (!p || p->type != "string-list")
    b->fail("bad_value", "names no string-list parameter", "parameter");
  if (!a.instance_id.parameter.empty() && a.instance_id.parameter != a.batch->parameter)
    b->fail("bad_value", "is not instance_id's parameter \"" + a.instance_id.parameter + "\"",
            "parameter");
  if (a.batch->min < 0 || a.batch->max < a.batch->min)
    b->fail("bad_value", "min must be <= max", "max");
  a.batch->provenance = read_provenance(b->at("provenance"));
  a.batch->mode = read_batch_modes(b->at("mode"), a);
  b->done();
}

void read_rate_limit(JsonReader l, Api& a) {
  a.rate_limit.requests_per_second = l.integer_or_null("requests_per_second");
  a.rate_limit.provenance = read_provenance(l.at("provenance"));
  if (a.rate_limit.requests_per_second && *a.rate_limit.requests_per_second <= 0)
    l.fail("bad_value", "must be positive", "requests_per_second");
  l.done();
}

void read_dry_run(JsonReader d, Api& a) {
  a.dry_run.supported = d.boolean("supported");
  a.dry_run.parameter = d.string_or_null("parameter").value_or("");
  a.dry_run.success_code = d.string_or_null("success_code").value_or("");
  a.dry_run.http_status = d.integer_or_null("http_status");
  if (auto w = d.optional("always_success_when"))
    a.dry_run.always_success_when = read_string_map(*w);
  a.dry_run.provenance = read_provenance(d.at("provenance"));
  if (auto p = d.optional("http_status_provenance"))
    a.dry_run.http_status_provenance = read_provenance(*p);
  if (a.dry_run.supported && (!a.parameter(a.dry_run.parameter) || a.dry_run.success_code.empty()))
    d.fail("bad_value", "a supported dry run names one of the parameters and a success code",
           "parameter");
  d.done();
}

void read_duplicates(JsonReader d, Api& a) {
  a.duplicates.rule = d.string("rule");
  a.duplicates.code = d.string_or_null("code").value_or("");
  if (!one_of(a.duplicates.rule, {"reject", "silent"}))
    d.fail("bad_value", "rule must be reject or silent", "rule");
  a.duplicates.provenance = read_provenance(d.at("provenance"));
  d.done();
}

void read_response(JsonReader s, Api& a) {
  a.response.success_status = static_cast<int>(s.integer("success_status"));
  a.response.request_id = s.string("request_id");
  a.response.instances = s.string_or_null("instances").value_or("");
  if (auto f = s.optional("instance_fields")) a.response.instance_fields = read_string_map(*f);
  if (auto pi = s.optional("per_instance")) {
    PerInstance p;
    p.list = pi->string("list");
    p.fields = read_string_map(pi->at("fields"));
    pi->done();
    a.response.per_instance = p;
  }
  const bool describe = a.kind == "describe" || a.kind == "describe-status";
  if (describe && (a.response.instances.empty() || !a.response.instance_fields.count("id") ||
                   !a.response.instance_fields.count("state")))
    s.fail("missing_field", "a describe API names its instance list and id/state fields",
           "instances");
  a.response.provenance = read_provenance(s.at("provenance"));
  if (auto f = s.optional("request_id_format")) a.response.request_id_format = read_format(*f);
  if (auto p = s.optional("recorded_instance")) {
    if (!describe) p->fail("bad_value", "only a describe API answers instance records");
    a.response.recorded_instance = read_provenance(*p);
  }
  s.done();
}

void read_async(JsonReader& r, Api& a) {
  auto as = r.optional("async");
  if (!as) return;
  a.async =
      AsyncContract{as->string("success"), read_provenance(as->at("provenance")), std::nullopt};
  if (auto f = as->optional("success_while_in_transit"))
    a.async->success_while_in_transit = read_flag(*f);
  as->done();
}

}  // namespace

Api read_api(const nlohmann::json& doc, const std::string& path) {
  JsonReader r(doc, path, kPrefix);
  r.expect_object();
  Api a;
  a.file = path;
  read_identity(r, a);
  read_endpoint_and_signing(r, a);
  for (JsonReader p : r.array("parameters")) a.parameters.push_back(read_parameter(p));
  // The response first: the batch's modes depend on its per-instance report.
  read_response(r.at("response"), a);
  read_instance_id(r.at("instance_id"), a);
  read_batch(r, a);
  read_rate_limit(r.at("rate_limit"), a);
  a.status_model = read_status_model(r.at("status_model"));
  read_dry_run(r.at("dry_run"), a);
  read_duplicates(r.at("duplicates"), a);
  read_async(r, a);
  for (JsonReader e : r.array("errors")) a.errors.push_back(read_error(e, false));
  if (a.duplicates.rule == "reject" && a.errors_for("ids.duplicate").empty())
    r.fail("bad_value", "duplicates are rejected but no error has trigger ids.duplicate",
           "duplicates");
  r.done();
  return a;
}

}  // namespace cc::core::catalogue_read
