#pragma once
// A regular expression matched against a whole string in time linear in the string's length
// (a Thompson NFA simulated state set by state set). std::regex backtracks: a pattern a user
// hands the tool — an expectations file's case pattern — such as `f**x` or `(.|.)*x` made
// `regex_match` run for minutes against one case id (a fuzz finding of `expectations_file`).
//
// The syntax is ECMAScript's, as far as matching an id needs it: literals and escapes (`\.`,
// `\t`, `\xHH`), `.`, classes (`[a-z]`, `[^…]`, `\d \w \s` and their negations), groups
// (`(…)`, `(?:…)`), `|`, the quantifiers `* + ? {n} {n,} {n,m}` (lazy or not: a whole match does
// not care), and the assertions `^ $ \b \B`. What needs backtracking by nature — backreferences
// and lookaround — is refused, as is a quantifier on a quantifier (`a**`, which ECMAScript
// refuses too) and a pattern that would compile to over 20,000 instructions (`{n,m}` copies).
#include <bitset>
#include <string>
#include <string_view>
#include <vector>

namespace cc::core {

class LinearRegex {
 public:
  // Throws std::invalid_argument saying what is wrong and at which character.
  explicit LinearRegex(std::string_view pattern);
  LinearRegex() = default;  // matches only the empty string

  // Whether the whole of `text` matches (std::regex_match's question).
  bool matches(std::string_view text) const;

  enum class Op { Byte, Split, Jump, AtBegin, AtEnd, WordBoundary, NotWordBoundary, Match };
  struct Instruction {
    Op op = Op::Match;
    int x = 0, y = 0;        // Split: both targets; Jump: x
    std::bitset<256> bytes;  // Byte: the bytes it takes
  };

 private:
  std::vector<Instruction> program_ = {Instruction{}};
};

}  // namespace cc::core
