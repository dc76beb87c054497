#include "emulator/id_pattern.h"

#include <cctype>

namespace cc::emu {
namespace {

// Characters that stand for themselves in a regex and in the direct matcher alike.
bool literal(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_'; }

// A decimal count at `i`, advancing past it; false when there is none.
bool number(const std::string& p, std::size_t& i, std::size_t& out) {
  const std::size_t start = i;
  out = 0;
  while (i < p.size() && std::isdigit(static_cast<unsigned char>(p[i])) && i - start < 6)
    out = out * 10 + static_cast<std::size_t>(p[i++] - '0');
  return i > start;
}

}  // namespace

IdPattern::IdPattern(const std::string& pattern) : regex_(pattern) { simple_ = parse(pattern); }

// ^ literal* [ (x | x-y)+ ] { n } or { n , m } $ — nothing else is taken as simple.
bool IdPattern::parse(const std::string& p) {
  std::size_t i = 0;
  if (p.empty() || p[i++] != '^') return false;
  while (i < p.size() && literal(p[i])) prefix_ += p[i++];
  if (i >= p.size() || p[i++] != '[') return false;
  bool any = false;
  while (i < p.size() && p[i] != ']') {
    const char lo = p[i];
    if (!std::isalnum(static_cast<unsigned char>(lo))) return false;
    char hi = lo;
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      hi = p[i + 2];
      if (!std::isalnum(static_cast<unsigned char>(hi)) || hi < lo) return false;
      i += 3;
    } else {
      ++i;
    }
    for (int c = lo; c <= hi; ++c) allowed_.set(static_cast<unsigned char>(c));
    any = true;
  }
  if (!any || i >= p.size() || p[i++] != ']') return false;
  if (i >= p.size() || p[i++] != '{' || !number(p, i, min_)) return false;
  max_ = min_;
  if (i < p.size() && p[i] == ',') {
    ++i;
    if (!number(p, i, max_) || max_ < min_) return false;
  }
  if (i >= p.size() || p[i++] != '}') return false;
  return i + 1 == p.size() && p[i] == '$';
}

bool IdPattern::matches(const std::string& id) const {
  if (!simple_) return std::regex_match(id, regex_);
  if (id.size() < prefix_.size() || id.compare(0, prefix_.size(), prefix_) != 0) return false;
  const std::size_t rest = id.size() - prefix_.size();
  if (rest < min_ || rest > max_) return false;
  for (std::size_t k = prefix_.size(); k < id.size(); ++k)
    if (!allowed_.test(static_cast<unsigned char>(id[k]))) return false;
  return true;
}

}  // namespace cc::emu
