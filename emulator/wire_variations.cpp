#include "emulator/wire_variations.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>

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

// The object the provider's envelope keeps its fields in: Tencent's Response (or the top level
// when a deviation dropped the wrapper), Alibaba's top level.
json* answer_object(json& body, bool tencent) {
  if (tencent && body.contains("Response") && body["Response"].is_object())
    return &body["Response"];
  return &body;
}

json* error_object(json& answer, bool tencent) {
  if (tencent)
    return answer.contains("Error") && answer["Error"].is_object() ? &answer["Error"] : nullptr;
  return answer.contains("Code") ? &answer : nullptr;
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

void add_extra_fields(json& body, json& answer, const core::Api* api, bool tencent) {
  answer[kExtraField] = extra_value();
  if (json* error = error_object(answer, tencent); error && error != &answer)
    (*error)[kExtraField] = extra_value();
  for (json* r : records(body, api)) (*r)[kExtraField] = extra_value();
}

void reword_errors(json& body, json& answer, const core::Api* api, bool tencent) {
  if (json* error = error_object(answer, tencent); error && error->contains("Message"))
    (*error)["Message"] = reworded((*error).value("Code", std::string("?")));
  if (!api || !api->response.per_instance) return;
  const auto& f = api->response.per_instance->fields;
  for (json* r : records(body, api)) {
    const json code = r->value(f.at("code"), json(nullptr));
    const bool failed = code.is_string() ? code != "200" : code.is_number() ? code != 200 : false;
    if (failed && r->contains(f.at("message"))) (*r)[f.at("message")] = reworded(code.dump());
  }
}

// RequestIds in the other case: the documents give a format, never a case. Tencent's own are
// lower-case (observed O8), so the variation sends them upper-case and keeps the Describe's
// LatestOperationRequestId lower-case — the same id, differing only in case.
void recase_request_ids(json& body, json& answer, const core::Api* api, bool tencent) {
  if (answer.contains("RequestId") && answer["RequestId"].is_string())
    answer["RequestId"] = with_case(answer["RequestId"], tencent);
  if (!tencent || !api) return;
  const auto& f = api->response.instance_fields;
  const auto it = f.find("latest_operation_request_id");
  if (it == f.end()) return;
  for (json* r : records(body, api))
    if (r->contains(it->second) && (*r)[it->second].is_string())
      (*r)[it->second] = with_case((*r)[it->second], false);
}

}  // namespace

void apply_wire_variations(const Variations& variations, const core::Api* api,
                           const std::string& provider, HttpResponseOut& out) {
  out.chunked = variations.has(Variation::chunked);
  out.close_connection = variations.has(Variation::connection_close);
  const bool extra = variations.has(Variation::extra_fields),
             wording = variations.has(Variation::other_wording),
             ids = variations.has(Variation::request_id_format),
             style = variations.has(Variation::json_style);
  if (!extra && !wording && !ids && !style) return;
  json body = json::parse(out.body, nullptr, false);
  if (!body.is_object()) return;
  const bool tencent = provider == "tencent";
  json& answer = *answer_object(body, tencent);
  if (extra) add_extra_fields(body, answer, api, tencent);
  if (wording) reword_errors(body, answer, api, tencent);
  if (ids) recase_request_ids(body, answer, api, tencent);
  out.body = style ? reversed_keys(body).dump(2, ' ', false, json::error_handler_t::replace)
                   : body.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace cc::emu
