#include "emulator/wire_variations.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

#include "emulator/wire_envelope.h"

namespace cc::emu {
namespace {

using nlohmann::json;

// What a newer API version might add: a member the documents do not list, of a structured
// type, so a client that reads only what it knows must skip a whole value.
constexpr const char* kExtraField = "NewerVersionField";
json extra_value() { return {{"AddedIn", "a newer API version"}, {"Values", {1, 2, 3}}}; }

std::string with_case(std::string s, bool upper) {
  for (auto& c : s)
    c = static_cast<char>(upper ? std::toupper(static_cast<unsigned char>(c))
                                : std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// The real CVM words its messages in Chinese (observed O7); any wording is allowed.
std::string reworded(const std::string& code) {
  return "请求未能完成（错误码 " + code + "），请检查后重试。";
}

// The instance records of a Describe and the per-instance items of a batch answer.
std::vector<json*> records(json& body, const core::Api* api) {
  std::vector<json*> out;
  if (!api) return out;
  auto collect = [&](const std::string& pointer) {
    if (pointer.empty()) return;
    const json::json_pointer p(pointer);
    if (!body.contains(p) || !body[p].is_array()) return;
    for (auto& r : body[p])
      if (r.is_object()) out.push_back(&r);
  };
  collect(api->response.instances);
  if (api->response.per_instance) collect(api->response.per_instance->list);
  return out;
}

// nlohmann::json keeps keys sorted; another order needs the insertion-ordered kind.
nlohmann::ordered_json reversed_keys(const json& j) {
  if (j.is_object()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    for (auto it = j.crbegin(); it != j.crend(); ++it) out[it.key()] = reversed_keys(it.value());
    return out;
  }
  if (j.is_array()) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const auto& x : j) out.push_back(reversed_keys(x));
    return out;
  }
  return nlohmann::ordered_json(j);
}

void add_extra_fields(json& body, json& answer, const core::Api* api, const EnvelopeParts& parts) {
  answer[kExtraField] = extra_value();
  if (json* error = parts.error_object(answer); error && error != &answer)
    (*error)[kExtraField] = extra_value();
  for (json* r : records(body, api)) (*r)[kExtraField] = extra_value();
}

void reword_errors(json& body, json& answer, const core::Api* api, const EnvelopeParts& parts) {
  if (json* error = parts.error_object(answer); error && error->contains(parts.message_key))
    (*error)[parts.message_key] = reworded((*error).value(parts.code_key, std::string("?")));
  if (!api || !api->response.per_instance) return;
  const auto& f = api->response.per_instance->fields;
  for (json* r : records(body, api)) {
    const json code = r->value(f.at("code"), json(nullptr));
    const bool failed = code.is_string() ? code != "200" : code.is_number() ? code != 200 : false;
    if (failed && r->contains(f.at("message"))) (*r)[f.at("message")] = reworded(code.dump());
  }
}

// RequestIds in the other case: the documents give a format, never a case. The front ends send
// them in the case their service does (Tencent lower-case, observed O8; Alibaba upper-case), so
// the variation turns them to the other one, and keeps a Describe's LatestOperationRequestId
// lower-case — the same id, differing only in case.
void recase_request_ids(json& answer, const core::Api* api, const EnvelopeParts& parts,
                        json& body) {
  const std::string& key = parts.request_id_key;
  if (answer.contains(key) && answer[key].is_string()) {
    const std::string rid = answer[key];
    const bool lower =
        std::any_of(rid.begin(), rid.end(), [](unsigned char c) { return std::islower(c) != 0; });
    answer[key] = with_case(rid, lower);
  }
  if (!api) return;
  const auto& f = api->response.instance_fields;
  const auto it = f.find("latest_operation_request_id");
  if (it == f.end()) return;
  for (json* r : records(body, api))
    if (r->contains(it->second) && (*r)[it->second].is_string())
      (*r)[it->second] = with_case((*r)[it->second], false);
}

}  // namespace

void apply_wire_variations(const Variations& variations, const core::Api* api,
                           const core::Envelope& envelope, HttpResponseOut& out) {
  // None set, the usual case (every answer of a bench): one look under the lock, not six.
  if (!variations.any()) {
    out.chunked = out.close_connection = false;
    return;
  }
  out.chunked = variations.has(Variation::chunked);
  out.close_connection = variations.has(Variation::connection_close);
  const bool extra = variations.has(Variation::extra_fields),
             wording = variations.has(Variation::other_wording),
             ids = variations.has(Variation::request_id_format),
             style = variations.has(Variation::json_style);
  if (!extra && !wording && !ids && !style) return;
  json body = json::parse(out.body, nullptr, false);
  if (!body.is_object()) return;
  const EnvelopeParts parts(envelope);
  // The answer object, or the top level where a deviation dropped the wrapper.
  json* wrapped = parts.answer_object(body);
  json& answer = wrapped ? *wrapped : body;
  if (extra) add_extra_fields(body, answer, api, parts);
  if (wording) reword_errors(body, answer, api, parts);
  if (ids) recase_request_ids(answer, api, parts, body);
  out.body = style ? reversed_keys(body).dump(2, ' ', false, json::error_handler_t::replace)
                   : body.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace cc::emu
