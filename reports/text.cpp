#include "reports/text.h"

#include <cctype>

namespace cc::reports {
namespace {

bool allowed_in_xml(char32_t c) {
  if (c == 0x9 || c == 0xA || c == 0xD) return true;
  if (c < 0x20) return false;
  if (c >= 0xD800 && c <= 0xDFFF) return false;
  if (c == 0xFFFE || c == 0xFFFF) return false;
  return c <= 0x10FFFF;
}

// Decodes one character at s[i]; returns its length, or 0 for an invalid sequence.
size_t decode(std::string_view s, size_t i, char32_t& out) {
  const auto b = static_cast<unsigned char>(s[i]);
  size_t len = 0;
  char32_t c = 0, min = 0;
  if (b < 0x80) return out = b, 1;
  if ((b & 0xE0) == 0xC0)
    len = 2, c = b & 0x1F, min = 0x80;
  else if ((b & 0xF0) == 0xE0)
    len = 3, c = b & 0x0F, min = 0x800;
  else if ((b & 0xF8) == 0xF0)
    len = 4, c = b & 0x07, min = 0x10000;
  else
    return 0;
  if (i + len > s.size()) return 0;
  for (size_t k = 1; k < len; ++k) {
    const auto cb = static_cast<unsigned char>(s[i + k]);
    if ((cb & 0xC0) != 0x80) return 0;
    c = (c << 6) | (cb & 0x3F);
  }
  if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;  // overlong, surrogate
  out = c;
  return len;
}

// Characters clean_text keeps as they are without decoding: printable ASCII, tab, newline, CR.
bool plain_ascii(char c) {
  const auto b = static_cast<unsigned char>(c);
  return (b >= 0x20 && b < 0x80) || b == 0x9 || b == 0xA || b == 0xD;
}

}  // namespace

std::string clean_text(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    // A run of plain ASCII goes in with one append: most text is nothing else, and a character
    // at a time was most of the reports' time in a fuzzing build.
    size_t end = i;
    while (end < s.size() && plain_ascii(s[end])) ++end;
    out.append(s.substr(i, end - i));
    if ((i = end) == s.size()) break;
    char32_t c = 0;
    const size_t len = decode(s, i, c);
    if (len == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
      ++i;
      continue;
    }
    if (allowed_in_xml(c)) out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

namespace {

// The character reference xml_escape writes for c, or nothing when c stays as it is.
std::string_view xml_reference(char c) {
  switch (c) {
    case '&':
      return "&amp;";
    case '<':
      return "&lt;";
    case '>':
      return "&gt;";
    case '"':
      return "&quot;";
    case '\'':
      return "&#39;";
    default:
      return {};
  }
}

}  // namespace

std::string xml_escape(std::string_view s) {
  std::string clean = clean_text(s);
  size_t extra = 0;
  for (char c : clean) extra += xml_reference(c).size();
  if (extra == 0) return clean;  // nothing to escape: the clean text itself, not a copy
  std::string out;
  out.reserve(clean.size() + extra);
  for (char c : clean) {
    const std::string_view ref = xml_reference(c);
    if (ref.empty())
      out += c;
    else
      out.append(ref);
  }
  return out;
}

std::string markdown_inline(std::string_view s, std::size_t max_chars) {
  std::string flat = clean_text(s);
  for (char& c : flat)
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  // Shortened only when too long: most cells fit, and need no copy.
  const std::string shortened = char_count(flat) > max_chars ? shorten(flat, max_chars) : "";
  const std::string_view kept = shortened.empty() ? std::string_view(flat) : shortened;
  std::string out;
  out.reserve(kept.size() + kept.size() / 8);
  for (char c : kept) {
    // Escaped so a target's answer cannot open a link, an image, a table column or HTML.
    if (std::string_view("\\`*_[]<>|#!~&").find(c) != std::string_view::npos) out += '\\';
    out += c;
  }
  return out;
}

std::size_t char_count(std::string_view s) {
  std::size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

std::string shorten(std::string_view s, std::size_t max_chars) {
  if (char_count(s) <= max_chars) return std::string(s);
  // The byte offset where the max_chars-th character ends.
  size_t end = 0;
  for (size_t chars = 0; end < s.size(); ++end)
    if ((static_cast<unsigned char>(s[end]) & 0xC0) != 0x80 && chars++ == max_chars) break;
  size_t cut = std::string_view::npos;
  for (size_t i = end; i > end / 2; --i)
    if (std::isspace(static_cast<unsigned char>(s[i]))) {
      cut = i;
      break;
    }
  if (cut == std::string_view::npos)
    for (size_t i = end; i > end / 2; --i)
      if (std::string_view(",;)]}/&|").find(s[i - 1]) != std::string_view::npos) {
        cut = i;
        break;
      }
  if (cut == std::string_view::npos) cut = end;  // one long token: a character boundary at least
  std::string_view kept = s.substr(0, cut);
  while (!kept.empty() && std::isspace(static_cast<unsigned char>(kept.back())))
    kept.remove_suffix(1);
  return std::string(kept) + " …";
}

std::string first_line(std::string_view s) {
  size_t start = 0;
  while (start < s.size()) {
    size_t end = s.find('\n', start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view line = s.substr(start, end - start);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.front())))
      line.remove_prefix(1);
    while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
      line.remove_suffix(1);
    if (!line.empty()) return std::string(line);
    start = end + 1;
  }
  return "";
}

std::string truncate_utf8(std::string_view s, std::size_t max_bytes) {
  if (s.size() <= max_bytes) return std::string(s);
  size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\n… (" + std::to_string(s.size() - cut) + " more bytes)";
}

}  // namespace cc::reports
