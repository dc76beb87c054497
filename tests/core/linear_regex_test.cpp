// core::LinearRegex answers std::regex_match's question (ECMAScript, whole string) in time linear
// in the text: the same answers on the patterns users write and on generated ones, no backtracking
// blow-up, and a clear refusal of what needs backtracking.
#include "harness/core/linear_regex.h"

#include <gtest/gtest.h>

#include <random>
#include <regex>
#include <string>
#include <vector>

namespace cc::core {
namespace {

bool std_matches(const std::string& pattern, const std::string& text) {
  return std::regex_match(text, std::regex(pattern, std::regex::ECMAScript));
}

const std::vector<std::string> kIds = {
    "TencentCvmStopInstances.RejectsDuplicateIds",
    "TencentCvmStopInstances.RejectsAMalformedId",
    "TencentLighthouseStopInstances.GeneratedBatchesAgreeWithTheModel",
    "TencentEcmStopInstances.StopsARunningInstance",
    "AlibabaEcsStopInstance.RejectsAStoppedInstance",
    "AlibabaEcsStopInstances.DryRunChecksWithoutStopping",
    "TencentCvmStopInstances.AnswersWithinTheDocumentedRateLimit_2",
    "",
};

TEST(LinearRegex, AgreesWithStdRegexOnThePatternsUsersWrite) {
  const std::vector<std::string> patterns = {
      "TencentCvmStopInstances\\.RejectsDuplicateIds",
      "TencentCvmStopInstances\\..*",
      ".*\\.Rejects.*",
      "(Tencent|Alibaba)(Cvm|Ecs)StopInstances?\\..*",
      "Tencent(?:Cvm|Ecm)StopInstances\\.(RejectsA\\w+|StopsARunningInstance)",
      "^Alibaba.*$",
      "[A-Z][a-z]+Ecs.*Instance\\b.*",
      ".*_\\d+",
      ".*[^a-z]Id",
      "\\w+\\.\\w{5,}",
      ".*Rejects(A|Duplicate)(Malformed|Stopped)?I(d|ds|nstance)",
      "(.*)Instances\\.(.+)",
      "Tencent.{3,14}StopInstances\\.[A-Za-z]*",
      "",
      "x*",
  };
  for (const std::string& p : patterns)
    for (const std::string& id : kIds)
      EXPECT_EQ(LinearRegex(p).matches(id), std_matches(p, id)) << p << " on " << id;
}

// A random pattern of the supported syntax over a small alphabet, so that texts of a few
// characters exercise every construct.
class PatternGenerator {
 public:
  explicit PatternGenerator(unsigned seed) : rng_(seed) {}

  std::string alternation(int depth) {
    std::string p = sequence(depth);
    while (pick(4) == 0) p += "|" + sequence(depth);
    return p;
  }

  std::string text() {
    std::string t;
    for (int n = pick(7); n > 0; --n) t += "ab.-_ "[pick(6)];
    return t;
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }

  std::string sequence(int depth) {
    std::string s;
    for (int n = pick(4); n > 0; --n) s += quantified(depth);
    return s;
  }

  std::string quantified(int depth) {
    static const std::vector<std::string> quantifiers = {
        "", "", "", "*", "+", "?", "{2}", "{0,2}", "{1,}", "*?", "+?", "??", "{1,3}?"};
    const std::string atom = this->atom(depth);
    if (atom == "^" || atom == "$" || atom == "\\b" || atom == "\\B") return atom;
    return atom + quantifiers[pick(static_cast<int>(quantifiers.size()))];
  }

  std::string atom(int depth) {
    static const std::vector<std::string> atoms = {
        "a",    "b",      ".", "\\.", "[ab]", "[^a]", "[a-c.]", "\\w",   "\\W", "\\s", "\\d", "-",
        "[-a]", "[\\w.]", "^", "$",   "\\b",  "\\B",  "_",      "\\x61", "[]",  "[^]", "[a-]"};
    if (depth > 0 && pick(4) == 0) return (pick(2) ? "(" : "(?:") + alternation(depth - 1) + ")";
    return atoms[pick(static_cast<int>(atoms.size()))];
  }

  std::mt19937 rng_;
};

TEST(LinearRegex, AgreesWithStdRegexOnGeneratedPatternsAndTexts) {
  // Groups nest one deep (a quantified group of quantified atoms): deeper, libstdc++'s own
  // backtracking takes a minute on a few generated patterns.
  PatternGenerator gen(20261205);
  int compared = 0;
  for (int k = 0; k < 6000; ++k) {
    const std::string p = gen.alternation(1);
    const LinearRegex mine(p);
    const std::regex theirs(p, std::regex::ECMAScript);
    for (int t = 0; t < 8; ++t) {
      const std::string text = gen.text();
      ASSERT_EQ(mine.matches(text), std::regex_match(text, theirs))
          << "pattern /" << p << "/ on \"" << text << "\"";
      ++compared;
    }
  }
  EXPECT_EQ(compared, 48000);
}

TEST(LinearRegex, AnswersWhereBacktrackingWouldRunForMinutes) {
  const std::string id(4000, 'a');
  EXPECT_FALSE(LinearRegex("(a*)*b").matches(id));
  EXPECT_FALSE(LinearRegex("(.|.)*x").matches(id + "y"));
  EXPECT_FALSE(LinearRegex(".*.*.*.*.*.*.*.*.*.*x").matches(id));
  EXPECT_TRUE(LinearRegex("(a|aa)*").matches(id));
  EXPECT_TRUE(LinearRegex("(a?){40}a{40}").matches(std::string(40, 'a')));
}

TEST(LinearRegex, RefusesWhatIsNoPatternOrNeedsBacktracking) {
  const std::vector<std::string> refused = {
      "Tencf***x",  // the fuzz finding: libstdc++ took it as nested repetition
      "a+*",
      "a{2}*",
      "*a",
      "a|?",
      "(a",
      "a)",
      "[ab",
      "[b-a]",
      "\\1",
      "(a)\\1",
      "(?=a)",
      "(?!a)",
      "(?<=a)",
      "a{",
      "a{x}",
      "a{3,2}",
      "a{1001}",
      "\\q",
      "\\",
      "\\x4",
      "\\u00e9",
      "^*",
      "a{0,1000}{0,1000}"};
  for (const std::string& p : refused) {
    try {
      LinearRegex r(p);
      ADD_FAILURE() << "accepted /" << p << "/";
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("(at character "), std::string::npos)
          << p << ": " << e.what();
    }
  }
  // A million copies of {0,1000}: refused by size, not compiled.
  EXPECT_THROW(LinearRegex("(a{0,1000}){0,1000}"), std::invalid_argument);
}

TEST(LinearRegex, MatchesTheWholeTextOnly) {
  EXPECT_TRUE(LinearRegex("Tencent.*").matches("TencentCvmStopInstances.X"));
  EXPECT_FALSE(LinearRegex("Cvm").matches("TencentCvmStopInstances.X"));
  EXPECT_FALSE(LinearRegex("Tencent").matches("TencentCvm"));
  EXPECT_TRUE(LinearRegex().matches(""));
  EXPECT_FALSE(LinearRegex().matches("a"));
}

}  // namespace
}  // namespace cc::core
