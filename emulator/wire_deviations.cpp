#include "emulator/wire_deviations.h"

#include <nlohmann/json.hpp>

#include <set>

#include "emulator/wire_envelope.h"

namespace cc::emu {

using nlohmann::json;

namespace {

struct Breaks {
  bool repeat, bare, misreport, no_code, no_message, unwrapped, under_200;
  bool any() const {
    return repeat || bare || misreport || no_code || no_message || unwrapped || under_200;
  }
};

Breaks breaks_of(const Deviations& d) {
  return {d.has(Deviation::repeats_request_id),           d.has(Deviation::bare_error_envelope),
          d.has(Deviation::unknown_requests_misreported), d.has(Deviation::error_without_code),
          d.has(Deviation::error_without_message),        d.has(Deviation::tencent_error_unwrapped),
          d.has(Deviation::alibaba_error_under_200)};
}

// The codes a provider answers unknown actions, versions and parameters with.
std::set<std::string> unknown_request_codes(const core::CommonErrors& common) {
  std::set<std::string> out;
  for (const char* t :
       {"request.unknown_action", "request.unknown_version", "request.unknown_parameter"})
    for (const auto* e : common.errors_for(t)) out.insert(e->code);
  return out;
}

// The error envelope's documented parts, broken one at a time (protocols.md A6, B6): each one is
// a protocol break the suite must judge as a verdict, never as a harness error. (A provider
// whose errors all come with 200 already answers 200: alibaba-error-under-200 changes nothing.)
void break_error(const Breaks& b, const core::CommonErrors& common, const EnvelopeParts& parts,
                 json& answer, HttpResponseOut& out) {
  json& error = *parts.error_object(answer);
  if (b.no_code) error.erase(parts.code_key);
  if (b.no_message) error.erase(parts.message_key);
  if (b.under_200) out.status = 200;
  if (b.bare) {
    error.erase(parts.message_key);
    for (const auto& f : common.envelope.error_fields) answer.erase(f);
  }
  if (b.misreport && unknown_request_codes(common).count(out.note_code)) {
    const auto internal = common.errors_for("server.internal");
    out.note_code = internal.empty() ? "InternalError" : internal.front()->code;
    error[parts.code_key] = out.note_code;
    if (!internal.empty()) out.status = internal.front()->http_status;
  }
}

}  // namespace

void apply_wire_deviations(const Deviations& deviations, const core::CommonErrors& common,
                           HttpResponseOut& out) {
  const Breaks b = breaks_of(deviations);
  if (!b.any()) return;
  json body = json::parse(out.body, nullptr, false);
  if (!body.is_object()) return;
  const EnvelopeParts parts(common.envelope);
  json* answer = parts.answer_object(body);
  if (!answer || !answer->is_object()) return;
  const bool error = parts.error_object(*answer) != nullptr;
  if (error) break_error(b, common, parts, *answer, out);
  if (b.repeat && answer->contains(parts.request_id_key))
    (*answer)[parts.request_id_key] = "00000000-0000-4000-8000-000000000000";
  // tencent-error-unwrapped: the answer object at the top, without its wrapper ("Response").
  const json& sent = error && b.unwrapped ? *answer : body;
  out.body = sent.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace cc::emu
