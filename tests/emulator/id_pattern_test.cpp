// The direct id matcher (emulator/id_pattern.h) must say what std::regex_match says, for the
// catalogue's patterns and for patterns it must leave to std::regex.
#include <gtest/gtest.h>

#include <regex>
#include <string>
#include <vector>

#include "emulator/id_pattern.h"

namespace cc::emu {
namespace {

const std::vector<std::string> kIds = {"",
                                       "ins-",
                                       "ins-r8hr2upy",
                                       "ins-R8HR2UPY",
                                       "ins-r8hr2up",
                                       "ins-r8hr2upyy",
                                       "ins-0000000_",
                                       "ins-00000000",
                                       "lhins-ruy9d2tw",
                                       "ein-496721al",
                                       "i-bp67acfmxa",
                                       "i-bp67acfmx",
                                       "i-bp67acfmxazb4ph6a2b3",
                                       "i-" + std::string(30, 'a'),
                                       "i-" + std::string(31, 'a'),
                                       "xins-00000000",
                                       "ins-0000 000",
                                       "ins-0000\n000",
                                       "INS-00000000",
                                       "ins-00000000\n",
                                       "ins-\xc3\xa9"
                                       "0000000"};

TEST(IdPattern, AgreesWithStdRegexOnTheCataloguesPatterns) {
  for (const std::string p :
       {"^ins-[a-z0-9]{8}$", "^lhins-[a-z0-9]{8}$", "^ein-[a-z0-9]{8}$", "^i-[a-z0-9]{10,30}$"}) {
    const IdPattern pattern(p);
    EXPECT_TRUE(pattern.simple()) << p;
    const std::regex re(p);
    for (const auto& id : kIds)
      EXPECT_EQ(pattern.matches(id), std::regex_match(id, re)) << p << " " << id;
  }
}

TEST(IdPattern, LeavesOtherShapesToStdRegex) {
  for (const std::string p :
       {"^ins-[a-z0-9]+$", "ins-[a-z0-9]{8}", "^ins-[^A-Z]{8}$", "^i.s-[a-z]{8}$",
        "^ins-[a-z0-9]{8,}$", "^ins-[a-z-]{8}$", "^(ins|lhins)-[a-z0-9]{8}$", ""}) {
    const IdPattern pattern(p);
    EXPECT_FALSE(pattern.simple()) << p;
    const std::regex re(p);
    for (const auto& id : kIds)
      EXPECT_EQ(pattern.matches(id), std::regex_match(id, re)) << p << " " << id;
  }
}

}  // namespace
}  // namespace cc::emu
