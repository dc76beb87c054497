// `cloudconform catalogue`: load the catalogue and check every quoted passage against the
// documents it cites. The documents (the vendors' pages as text, the wire reference, recordings)
// are not part of the repository: without them the catalogue is still loaded and checked, and
// the command says plainly what it could not check and where it looked.
#include <filesystem>
#include <iostream>
#include <set>

#include "harness/core/catalogue.h"
#include "suites/commands/command.h"

namespace cc::suites {

namespace {

// The documents the passages are checked against, relative to the shared directory: each API's
// seed page and the wire reference. (A missing recording is a problem line of the check itself.)
std::vector<std::string> missing_documents(const core::Catalogue& c, const std::string& shared) {
  std::set<std::string> wanted = {"reference/protocols.md"};
  for (const core::Api& api : c.apis)
    if (!api.seed.empty()) wanted.insert("seeds/" + api.seed);
  std::vector<std::string> missing;
  std::error_code ec;
  for (const std::string& rel : wanted)
    if (!std::filesystem::is_regular_file(std::filesystem::path(shared) / rel, ec))
      missing.push_back(rel);
  return missing;
}

int say_absent(const std::vector<std::string>& missing, const std::string& shared,
               std::size_t apis) {
  std::string list;
  for (const auto& m : missing) list += (list.empty() ? "" : ", ") + m;
  std::cout << "the documents are not present: looked for in " << shared
            << " (--shared DIR names another directory), missing " << missing.size() << ": " << list
            << "\n"
            << "they are the vendors' public reference pages kept as text (seeds/) and the wire "
               "reference (reference/protocols.md); README.md names each page's provider, "
               "product, action and version\n"
            << "checked: the catalogue loads, " << apis
            << " APIs well-formed; NOT checked: that every quoted passage occurs in the document "
               "it cites\n";
  return 2;
}

int check(const CatalogueLocation& where, const std::string& given_shared) {
  const std::string shared = std::filesystem::path(given_shared).lexically_normal().string();
  std::cout << "catalogue: " << where.describe() << "\n";
  const core::Catalogue c = core::load_catalogue(where.dir + "/apis");
  std::cout << "documents: " << shared << "\n";
  if (const auto missing = missing_documents(c, shared); !missing.empty())
    return say_absent(missing, shared, c.apis.size());
  const auto problems = core::verify_provenance(c, shared);
  for (const auto& p : problems) std::cout << p << "\n";
  std::cout << c.apis.size() << " APIs, " << c.subjects().size() << " subjects; " << problems.size()
            << " provenance problems\n";
  return problems.empty() ? 0 : 1;
}

class CatalogueCommand : public Command {
 public:
  explicit CatalogueCommand(CLI::App& app) {
    sub_ = app.add_subcommand("catalogue", "check the API catalogue and its provenance");
    add_catalogue_option(*sub_, dir_);
    sub_->add_option("--shared", shared_,
                     "directory with seeds/ and reference/ to check passages against")
        ->capture_default_str();
    set_help_footer(
        *sub_,
        {{"cloudconform catalogue", "the catalogue in use, against the documents beside the tree"},
         {"cloudconform catalogue --catalogue my-fixtures --shared ../shared",
          "an edited copy of the catalogue"}},
        {{0, "every quoted passage occurs in the document it cites"},
         {1, "provenance problems (each printed: file, JSON pointer, the passage not found)"},
         {2,
          "a malformed catalogue (file and pointer), or the documents are not present (what "
          "is missing and what could not be checked are said)"}},
        "The documents are not in the repository: seeds/ holds the vendors' reference pages as "
        "text, reference/ the wire reference and recordings (README.md names each page). Only "
        "this command reads them.");
  }
  std::optional<int> run() override {
    if (!*sub_) return std::nullopt;
    return check(catalogue_location(dir_), shared_);
  }

 private:
  CLI::App* sub_;
  std::string dir_, shared_ = CLOUDCONFORM_SHARED_DIR;
};

}  // namespace

std::unique_ptr<Command> add_catalogue(CLI::App& app) {
  return std::make_unique<CatalogueCommand>(app);
}

}  // namespace cc::suites
