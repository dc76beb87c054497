// HttpRequestIn's path and query as views of the target (emulator/http_server.h): every request
// asks for them, so they are views, and the string accessors are copies of the views. Held here
// to the string forms as they were written before (substrings around the first '?'), over
// targets a client or a fuzzer can send.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "emulator/http_server.h"

namespace cc::test {
namespace {

using emu::HttpRequestIn;

// The accessors as they were: the reference the views are held to.
std::string reference_path(const std::string& target) { return target.substr(0, target.find('?')); }

std::string reference_query(const std::string& target) {
  const std::size_t q = target.find('?');
  return q == std::string::npos ? "" : target.substr(q + 1);
}

const std::vector<std::string>& awkward_targets() {
  static const std::vector<std::string> targets = {
      "",
      "/",
      "?",
      "??",
      "/?",
      "/??a",
      "/a?b?c",
      "/_cloudconform/v1/requests?since=3",
      "/_cloudconform/?",
      "/_cloud?conform/v1/info",
      "*",
      "http://host/path?x=1&y=2",
      "/path#frag?after",
      "/trailing?",
      "no-slash?Action=DescribeInstances&SecretId=AKID",
      std::string("/nul\0byte?q\0v", 13),
      "/" + std::string(300, 'p') + "?" + std::string(300, 'q'),
  };
  return targets;
}

TEST(HttpRequestInViews, PathViewIsThePathTheStringAccessorGave) {
  for (const std::string& target : awkward_targets()) {
    HttpRequestIn in;
    in.target = target;
    EXPECT_EQ(in.path_view(), reference_path(target)) << target;
    EXPECT_EQ(in.path(), reference_path(target)) << target;
  }
}

TEST(HttpRequestInViews, QueryViewIsTheQueryTheStringAccessorGave) {
  for (const std::string& target : awkward_targets()) {
    HttpRequestIn in;
    in.target = target;
    EXPECT_EQ(in.query_view(), reference_query(target)) << target;
    EXPECT_EQ(in.query(), reference_query(target)) << target;
  }
}

TEST(HttpRequestInViews, ControlPlanePrefixOfThePathViewMatchesTheStringPath) {
  // Emulator::handle routes by this test on the view; it must agree with the string's.
  for (const std::string& target : awkward_targets()) {
    HttpRequestIn in;
    in.target = target;
    EXPECT_EQ(in.path_view().rfind("/_cloudconform/", 0) == 0,
              reference_path(target).rfind("/_cloudconform/", 0) == 0)
        << target;
  }
}

}  // namespace
}  // namespace cc::test
