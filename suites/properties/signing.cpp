#include "suites/properties/signing.h"

#include <cctype>
#include <vector>

namespace cc::suites::properties {

SigningClient::SigningClient(const target::Target& target, const core::Api& api)
    : api_(api),
      client_(target.wire_client(api, core::system_context())),
      http_(target.config().http) {}

core::HttpRequest SigningClient::build(const nlohmann::json& params, const core::CallStyle& style) {
  return client_->build(api_, params, style);
}

core::Outcome SigningClient::send(const core::HttpRequest& request,
                                  std::vector<nlohmann::json>* transcript) {
  core::HttpResponse response = http_.send(request);
  if (transcript) transcript->push_back(core::Exchange{request, response}.to_json());
  return client_->parse(response);
}

namespace {

// The next character of the same kind: a digit stays a digit, a letter a letter of the same
// case, and a hexadecimal digit a hexadecimal digit ('f' wraps to 'a').
char changed(char c) {
  if (std::isdigit(static_cast<unsigned char>(c))) return c == '9' ? '0' : static_cast<char>(c + 1);
  if (c == 'f' || c == 'z') return 'a';
  if (c == 'F' || c == 'Z') return 'A';
  return static_cast<char>(c + 1);
}

// Positions of the alphanumeric characters of text[begin, end) outside %XX escapes.
std::vector<std::size_t> alnum_positions(const std::string& text, std::size_t begin,
                                         std::size_t end) {
  std::vector<std::size_t> out;
  for (std::size_t i = begin; i < end && i < text.size(); ++i) {
    if (text[i] == '%') {
      i += 2;
      continue;
    }
    if (std::isalnum(static_cast<unsigned char>(text[i]))) out.push_back(i);
  }
  return out;
}

std::string change_at(std::string& text, const std::vector<std::size_t>& positions,
                      std::size_t position, const std::string& where) {
  if (positions.empty()) return "";
  const std::size_t at = positions[position % positions.size()];
  const char was = text[at];
  text[at] = changed(was);
  return where + " byte " + std::to_string(at) + ": '" + std::string(1, was) + "' -> '" +
         std::string(1, text[at]) + "'";
}

// The value of a query or form parameter `name=` in text, as [begin, end).
bool find_param(const std::string& text, const std::string& name, std::size_t& begin,
                std::size_t& end) {
  std::size_t at = 0;
  while ((at = text.find(name + "=", at)) != std::string::npos) {
    if (at == 0 || text[at - 1] == '&' || text[at - 1] == '?') {
      begin = at + name.size() + 1;
      end = text.find('&', begin);
      if (end == std::string::npos) end = text.size();
      return true;
    }
    at += name.size();
  }
  return false;
}

}  // namespace

std::string corrupt(core::HttpRequest& request, const std::string& part, const std::string& marker,
                    std::size_t position) {
  if (part == "signature") {
    for (auto& [name, value] : request.headers) {
      if (name != "Authorization") continue;
      const std::size_t at = value.find("Signature=");
      if (at == std::string::npos) continue;
      return change_at(value, alnum_positions(value, at + 10, value.find(',', at + 10)), position,
                       "Authorization signature");
    }
    std::size_t begin, end;
    if (find_param(request.url, "Signature", begin, end))
      return change_at(request.url, alnum_positions(request.url, begin, end), position,
                       "query Signature");
    if (find_param(request.body, "Signature", begin, end))
      return change_at(request.body, alnum_positions(request.body, begin, end), position,
                       "form Signature");
    return "";
  }
  // The id: its characters after the prefix-dash, wherever the parameters travel.
  for (auto* text : {&request.body, &request.url}) {
    const std::size_t at = text->find(marker);
    if (marker.empty() || at == std::string::npos) continue;
    const std::size_t dash = marker.find('-');
    const std::size_t from = at + (dash == std::string::npos ? 0 : dash + 1);
    return change_at(*text, alnum_positions(*text, from, at + marker.size()), position,
                     text == &request.body ? "body id" : "query id");
  }
  return "";
}

}  // namespace cc::suites::properties
