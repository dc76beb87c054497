#pragma once
// Where a provider's answers keep their parts, read from the catalogue's envelope (the common
// errors' JSON pointers): the answer object that holds the RequestId (Tencent's "Response",
// Alibaba's top level) and, inside it, the error object with its code and message members.
// The wire deviations and variations rewrite answers through it, knowing no provider.
#include <nlohmann/json.hpp>

#include <string>

#include "harness/core/catalogue.h"

namespace cc::emu {

class EnvelopeParts {
 public:
  explicit EnvelopeParts(const core::Envelope& envelope)
      : answer_(parent(envelope.request_id)),
        request_id_key(last(envelope.request_id)),
        code_key(last(envelope.error_code)),
        message_key(last(envelope.error_message)) {
    const std::string error = parent(envelope.error_code);
    // The error object's place inside the answer object ("/Error", or the answer itself).
    error_ = error.rfind(answer_, 0) == 0 ? error.substr(answer_.size()) : error;
  }

  // The answer object, or nullptr when the body has none where the envelope puts it.
  nlohmann::json* answer_object(nlohmann::json& body) const {
    if (answer_.empty()) return &body;
    const nlohmann::json::json_pointer p(answer_);
    return body.contains(p) && body[p].is_object() ? &body[p] : nullptr;
  }
  // The error object inside an answer object, or nullptr when the answer is no error.
  nlohmann::json* error_object(nlohmann::json& answer) const {
    if (error_.empty()) return answer.contains(code_key) ? &answer : nullptr;
    const nlohmann::json::json_pointer p(error_);
    return answer.contains(p) && answer[p].is_object() ? &answer[p] : nullptr;
  }
  bool wrapped() const { return !answer_.empty(); }

 private:
  static std::string parent(const std::string& pointer) {
    const size_t slash = pointer.rfind('/');
    return slash == std::string::npos ? "" : pointer.substr(0, slash);
  }
  static std::string last(const std::string& pointer) {
    const size_t slash = pointer.rfind('/');
    return slash == std::string::npos ? pointer : pointer.substr(slash + 1);
  }
  std::string answer_, error_;

 public:
  const std::string request_id_key, code_key, message_key;
};

}  // namespace cc::emu
