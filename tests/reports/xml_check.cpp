#include "tests/reports/xml_check.h"

#include <cctype>
#include <set>
#include <vector>

namespace cc::reports::testing {
namespace {

class Checker {
 public:
  Checker(std::string_view d, bool html) : d_(d), html_(html) {}

  std::string run() {
    if (!valid_chars()) return problem_;
    skip_ws();
    if (starts("<?xml")) skip_past("?>");
    skip_ws();
    if (html_ && starts_ci("<!doctype html")) skip_past(">");
    int roots = 0;
    while (problem_.empty() && i_ < d_.size()) {
      if (d_[i_] == '<') {
        if (starts("<!--"))
          skip_past("-->");
        else if (starts("<![CDATA[")) {
          if (stack_.empty()) fail("CDATA outside the root");
          skip_past("]]>");
        } else if (starts("<?"))
          skip_past("?>");
        else if (starts("</"))
          close_tag();
        else {
          if (stack_.empty() && roots++ > 0) fail("a second root element");
          open_tag();
        }
      } else {
        text();
      }
    }
    if (problem_.empty() && !stack_.empty()) fail("<" + stack_.back() + "> is never closed");
    if (problem_.empty() && roots == 0) fail("no root element");
    return problem_;
  }

 private:
  void fail(const std::string& what) {
    if (problem_.empty()) problem_ = what + " at byte " + std::to_string(i_);
  }
  bool starts(std::string_view s) const { return d_.substr(i_, s.size()) == s; }
  bool starts_ci(std::string_view s) const {
    if (d_.size() - i_ < s.size()) return false;
    for (size_t k = 0; k < s.size(); ++k)
      if (std::tolower(static_cast<unsigned char>(d_[i_ + k])) != s[k]) return false;
    return true;
  }
  void skip_ws() {
    while (i_ < d_.size() && std::isspace(static_cast<unsigned char>(d_[i_]))) ++i_;
  }
  void skip_past(std::string_view end) {
    const size_t at = d_.find(end, i_);
    if (at == std::string_view::npos)
      return fail("unterminated construct, wanted " + std::string(end));
    i_ = at + end.size();
  }

  bool valid_chars() {
    for (size_t k = 0; k < d_.size();) {
      const auto b = static_cast<unsigned char>(d_[k]);
      size_t len = b < 0x80             ? 1
                   : (b & 0xE0) == 0xC0 ? 2
                   : (b & 0xF0) == 0xE0 ? 3
                   : (b & 0xF8) == 0xF0 ? 4
                                        : 0;
      char32_t c = len == 1 ? b : len == 2 ? b & 0x1F : len == 3 ? b & 0x0F : b & 0x07;
      if (len == 0 || k + len > d_.size()) return i_ = k, fail("invalid UTF-8"), false;
      for (size_t j = 1; j < len; ++j) {
        const auto cb = static_cast<unsigned char>(d_[k + j]);
        if ((cb & 0xC0) != 0x80) return i_ = k, fail("invalid UTF-8"), false;
        c = (c << 6) | (cb & 0x3F);
      }
      const bool ok = c == 9 || c == 10 || c == 13 || (c >= 0x20 && c < 0xD800) ||
                      (c >= 0xE000 && c < 0xFFFE) || (c >= 0x10000 && c <= 0x10FFFF);
      if (!ok)
        return i_ = k,
               fail("character U+" + std::to_string(static_cast<unsigned>(c)) + " not allowed"),
               false;
      k += len;
    }
    return true;
  }

  void reference() {  // at '&'
    const size_t semi = d_.find(';', i_);
    if (semi == std::string_view::npos || semi - i_ > 12) return fail("bare &");
    const std::string_view ref = d_.substr(i_ + 1, semi - i_ - 1);
    static const std::set<std::string_view> named = {"amp", "lt", "gt", "quot", "apos"};
    bool ok = named.count(ref) > 0;
    if (!ok && ref.size() > 1 && ref[0] == '#') {
      const bool hex = ref[1] == 'x';
      const std::string_view digits = ref.substr(hex ? 2 : 1);
      ok = !digits.empty();
      for (char ch : digits)
        ok = ok && (hex ? std::isxdigit(static_cast<unsigned char>(ch))
                        : std::isdigit(static_cast<unsigned char>(ch)));
    }
    if (!ok) return fail("unknown entity &" + std::string(ref) + ";");
    i_ = semi + 1;
  }

  void text() {
    if (stack_.empty() && !std::isspace(static_cast<unsigned char>(d_[i_])))
      return fail("text outside the root");
    if (d_[i_] == '&') return reference();
    ++i_;
  }

  std::string name() {
    const size_t start = i_;
    auto first = [](char c) {
      return std::isalpha(static_cast<unsigned char>(c)) || c == '_' || c == ':';
    };
    auto rest = [&](char c) {
      return first(c) || std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '.';
    };
    if (i_ >= d_.size() || !first(d_[i_])) {
      fail("expected a name");
      return "";
    }
    while (i_ < d_.size() && rest(d_[i_])) ++i_;
    return std::string(d_.substr(start, i_ - start));
  }

  void open_tag() {
    ++i_;  // '<'
    const std::string tag = name();
    std::set<std::string> attrs;
    while (problem_.empty()) {
      skip_ws();
      if (i_ >= d_.size()) return fail("unterminated tag <" + tag + ">");
      if (starts("/>")) {
        i_ += 2;
        return;
      }
      if (d_[i_] == '>') {
        ++i_;
        break;
      }
      const std::string attr = name();
      if (!problem_.empty()) return;
      if (!attrs.insert(attr).second) return fail("attribute " + attr + " twice");
      skip_ws();
      if (i_ >= d_.size() || d_[i_] != '=') return fail("attribute " + attr + " without a value");
      ++i_;
      skip_ws();
      if (i_ >= d_.size() || (d_[i_] != '"' && d_[i_] != '\''))
        return fail("unquoted attribute " + attr);
      const char quote = d_[i_++];
      while (problem_.empty() && i_ < d_.size() && d_[i_] != quote) {
        if (d_[i_] == '<') return fail("< in attribute " + attr);
        if (d_[i_] == '&')
          reference();
        else
          ++i_;
      }
      if (i_ >= d_.size()) return fail("unterminated attribute " + attr);
      ++i_;
    }
    if (html_ && (tag == "script" || tag == "style")) {  // raw text up to the end tag
      const size_t end = d_.find("</" + tag, i_);
      if (end == std::string_view::npos) return fail("<" + tag + "> never closed");
      i_ = end;
    }
    stack_.push_back(tag);
  }

  void close_tag() {
    i_ += 2;
    const std::string tag = name();
    skip_ws();
    if (i_ >= d_.size() || d_[i_] != '>') return fail("malformed end tag </" + tag);
    ++i_;
    if (stack_.empty() || stack_.back() != tag)
      return fail("</" + tag + "> does not close <" + (stack_.empty() ? "" : stack_.back()) + ">");
    stack_.pop_back();
  }

  std::string_view d_;
  bool html_;
  size_t i_ = 0;
  std::vector<std::string> stack_;
  std::string problem_;
};

}  // namespace

std::string xml_problem(std::string_view doc, bool html) { return Checker(doc, html).run(); }

}  // namespace cc::reports::testing
