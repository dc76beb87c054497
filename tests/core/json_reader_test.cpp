#include <gtest/gtest.h>

#include <functional>
#include <string>
#include <vector>

#include "harness/core/json_reader.h"

// JsonReader keeps the keys read as the document's own key strings, shares its file and prefix
// with its children and spells a typed read's pointer out only on a failure. These hold it to the
// messages and the unknown-key verdicts of the former reader (a set of key copies, a pointer per
// child); every expected message below is what that reader gave.
namespace cc::core {
namespace {

using nlohmann::json;

// The message of the DataError `read` throws; "" when it throws none.
std::string refusal(const std::function<void()>& read) {
  try {
    read();
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

TEST(JsonReader, NamesTheEscapedPointerOfAFailingMember) {
  const json doc = json::parse(R"({"a/b~c": {"list": [1, "x"], "n": "7", "s": 3, "z": null}})");
  JsonReader root(doc, "dir/f.json", "t");
  EXPECT_EQ(refusal([&] { root.at("a/b~c").strings("list"); }),
            "[t.wrong_type] dir/f.json: /a~1b~0c/list/0: expected a string, found number");
  EXPECT_EQ(refusal([&] { root.at("a/b~c").string("~/~"); }),
            "[t.missing_field] dir/f.json: /a~1b~0c/~0~1~0: required field is missing");
  EXPECT_EQ(refusal([&] { root.at("a/b~c").integer("n"); }),
            "[t.wrong_type] dir/f.json: /a~1b~0c/n: expected an integer, found string");
  EXPECT_EQ(refusal([&] { root.at("a/b~c").integer_or_null("n"); }),
            "[t.wrong_type] dir/f.json: /a~1b~0c/n: expected an integer or null, found string");
  EXPECT_EQ(refusal([&] { root.at("a/b~c").string_or_null("s"); }),
            "[t.wrong_type] dir/f.json: /a~1b~0c/s: expected a string or null, found number");
  EXPECT_EQ(refusal([&] { root.at("a/b~c").boolean("z"); }),
            "[t.wrong_type] dir/f.json: /a~1b~0c/z: expected a boolean, found null");
  EXPECT_EQ(refusal([&] { root.at("a/b~c").array("n"); }),
            "[t.wrong_type] dir/f.json: /a~1b~0c/n: expected an array, found string");
  EXPECT_EQ(refusal([&] { root.at("a/b~c").optional("list")->string("x"); }),
            "[t.wrong_type] dir/f.json: /a~1b~0c/list: expected an object, found array");
}

TEST(JsonReader, NamesTheRootAsASlashAsDoesAMemberWithAnEmptyKey) {
  const json list = json::array({1});
  EXPECT_EQ(refusal([&] { JsonReader(list, "f.json", "t").string("x"); }),
            "[t.wrong_type] f.json: /: expected an object, found array");
  // fail() takes an empty key for none and names the reader's own pointer, "/" + "" here.
  const json doc = json::parse(R"({"": {"": 1}})");
  EXPECT_EQ(refusal([&] { JsonReader(doc, "f.json", "t").at("").string(""); }),
            "[t.wrong_type] f.json: /: expected a string, found number");
}

TEST(JsonReader, ArrayItemsOutliveTheReaderTheyCameFromAndNameTheirIndex) {
  json doc = {{"outer", {{"items", json::array()}}}};
  for (int i = 0; i < 13; ++i) doc["outer"]["items"].push_back({{"name", i}});
  const std::vector<JsonReader> items =
      JsonReader(doc, std::string(40, 'f') + ".json", std::string(20, 'p'))
          .at("outer")
          .array("items");
  ASSERT_EQ(items.size(), 13u);
  EXPECT_EQ(items[12].pointer(), "/outer/items/12");
  EXPECT_EQ(items[12].file(), std::string(40, 'f') + ".json");
  JsonReader last = items[12];
  EXPECT_EQ(refusal([&] { last.string("name"); }),
            "[" + std::string(20, 'p') + ".wrong_type] " + std::string(40, 'f') +
                ".json: /outer/items/12/name: expected a string, found number");
}

// An object of `count` keys k0..k<count-1>, a comment and the unread key "zz".
json many_keys(int count) {
  json doc = {{"_comment", "ignored"}, {"zz", 1}};
  for (int i = 0; i < count; ++i) doc["k" + std::to_string(i)] = i % 3 ? json(i) : json(nullptr);
  return doc;
}

// Reads every k key through a mix of the reads (each marks its key), twice for some.
void read_all_k(JsonReader& r, int count) {
  for (int i = 0; i < count; ++i) {
    const std::string key = "k" + std::to_string(i);
    if (i % 3 == 0)
      (void)r.optional(key);  // null: known, no reader
    else if (i % 3 == 1)
      (void)r.integer(key);
    else
      r.ignore(key);
    if (i % 5 == 0) (void)r.integer_or_null(key);
  }
}

TEST(JsonReader, DoneNamesTheOneUnreadKeyInSmallAndLargeObjects) {
  for (int count : {3, 16, 17, 40}) {
    const json doc = many_keys(count);
    JsonReader r(doc, "f.json", "t");
    read_all_k(r, count);
    r.ignore("absent");               // a key the object lacks is no fact
    (void)r.optional("also-absent");  // nor is an optional one
    EXPECT_EQ(refusal([&] { r.done(); }), "[t.unknown_field] f.json: /zz: unknown field (typo?)")
        << count << " keys";
    (void)r.integer("zz");
    EXPECT_EQ(refusal([&] { r.done(); }), "") << count << " keys";
  }
}

TEST(JsonReader, DoneNamesTheFirstUnreadKeyInKeyOrder) {
  const json doc = json::parse(R"({"b": 1, "a": 2, "c": 3, "_d": 4})");
  JsonReader r(doc, "f.json", "t");
  (void)r.integer("c");
  EXPECT_EQ(refusal([&] { r.done(); }), "[t.unknown_field] f.json: /a: unknown field (typo?)");
  // What is not an object has no keys to be unknown, even when asked to ignore one.
  const json text = "just a string";
  JsonReader s(text, "f.json", "t");
  s.ignore("x");
  EXPECT_EQ(refusal([&] { s.done(); }), "");
}

TEST(JsonReader, ACopyKeepsTheKeysReadBeforeItWasMade) {
  const json doc = json::parse(R"({"a": 1, "b": 2})");
  JsonReader r(doc, "f.json", "t");
  (void)r.integer("a");
  JsonReader copy = r;
  (void)copy.integer("b");
  EXPECT_EQ(refusal([&] { copy.done(); }), "");
  EXPECT_EQ(refusal([&] { r.done(); }), "[t.unknown_field] f.json: /b: unknown field (typo?)");
}

}  // namespace
}  // namespace cc::core
