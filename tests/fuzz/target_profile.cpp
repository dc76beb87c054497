// Fuzz target: what a user hands `run --target FILE` — the target profile (load_profile: kind,
// endpoints, accounts, the allowlist checked against each API's id pattern) — and the
// credentials files the provider modules read for it (apply_credentials: ~/.tccli/<name>
// .credential for Tencent, ~/.aliyun/config.json for Alibaba). A malformed profile or
// credentials file must be refused with a core::DataError naming file and pointer; any other
// exception, a crash or a sanitizer finding is a bug, and so is a secret in a message.
//
// Input: byte 0 picks the CLI profile name (none, "default", "work") and whether the SDKs'
// environment variables are set; the rest is the profile, the tccli credential and the aliyun
// config, separated by lines "%%", each written to a scratch home of its own (the loaders read
// files, as they do for users).
#include <fcntl.h>
#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "emulator/emulator.h"
#include "harness/core/catalogue.h"
#include "harness/core/json_reader.h"
#include "harness/target/profile.h"
#include "tests/fuzz/scratch.h"

namespace {

namespace fs = std::filesystem;

// Distinct from everything in the seeds: found in a message, it leaked from a file.
constexpr const char* kEnvSecret = "FUZZ-ENV-SECRET-5b1d";

// The scratch home, and what each of its files holds now (nullopt: absent). A file is written or
// removed only when an input wants it otherwise: a mutation usually changes one part, and the
// writes and removals were a third of the target's time (open, truncate, close, unlink).
class ScratchHome {
 public:
  ScratchHome() {
    std::string tmpl = (cc::fuzz::scratch_parent() / "cc-fuzz-profile-XXXXXX").string();
    if (!mkdtemp(tmpl.data())) std::abort();
    dir_ = tmpl;
    fs::create_directories(dir_ / ".tccli");
    fs::create_directories(dir_ / ".aliyun");
  }
  ~ScratchHome() {
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }
  const fs::path& dir() const { return dir_; }
  // Makes `relative` hold `text`, or be absent when there is no such part.
  void put(const std::string& relative, const std::string_view* text) {
    auto it = files_.find(relative);
    if (it == files_.end())
      it = files_.emplace(relative, File{(dir_ / relative).string(), {}}).first;
    File& f = it->second;
    if (!text ? !f.text : f.text && *f.text == *text) return;
    f.text.reset();
    if (!text) {
      ::unlink(f.path.c_str());
      return;
    }
    const int fd = ::open(f.path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0) std::abort();
    for (size_t done = 0; done < text->size();) {
      const ssize_t n = ::write(fd, text->data() + done, text->size() - done);
      if (n <= 0) std::abort();
      done += static_cast<size_t>(n);
    }
    ::close(fd);
    f.text = std::string(*text);
  }

 private:
  struct File {
    std::string path;
    std::optional<std::string> text;
  };
  fs::path dir_;
  std::map<std::string, File> files_;
};

const cc::core::Catalogue& catalogue() {
  static const cc::core::Catalogue c =
      cc::core::load_catalogue(std::string(CLOUDCONFORM_FIXTURES_DIR) + "/apis");
  return c;
}

[[noreturn]] void bug(const std::string& what) {
  std::fprintf(stderr, "target_profile: %s\n", what.c_str());
  std::abort();
}

// Up to three parts separated by "\n%%\n"; absent ones are null.
struct Parts {
  std::string_view text[3];
  int count = 0;
};
Parts split(std::string_view rest) {
  Parts p;
  while (p.count < 3) {
    const size_t sep = rest.find("\n%%\n");
    p.text[p.count++] = rest.substr(0, sep);
    if (sep == std::string_view::npos) break;
    rest = rest.substr(sep + 4);
  }
  return p;
}

cc::target::Environment environment(bool set) {
  return [set](const std::string& name) -> std::optional<std::string> {
    if (!set) return std::nullopt;
    if (name == "TENCENTCLOUD_SECRET_ID" || name == "ALIBABA_CLOUD_ACCESS_KEY_ID")
      return std::string("FUZZENVID");
    if (name == "TENCENTCLOUD_SECRET_KEY" || name == "ALIBABA_CLOUD_ACCESS_KEY_SECRET")
      return std::string(kEnvSecret);
    return std::nullopt;
  };
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 1) return 0;
  static ScratchHome home;
  const Parts parts = split(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1));
  static const char* const kNames[] = {"", "default", "work"};
  const std::string cli_profile = kNames[data[0] % 3];
  const std::string tccli =
      ".tccli/" + (cli_profile.empty() ? "default" : cli_profile) + ".credential";
  home.put("profile.json", &parts.text[0]);
  // The other profile names' tccli files are absent, as if each input had a home of its own.
  for (const char* other : {".tccli/default.credential", ".tccli/work.credential"})
    if (tccli != other) home.put(other, nullptr);
  home.put(tccli, parts.count > 1 ? &parts.text[1] : nullptr);
  home.put(".aliyun/config.json", parts.count > 2 ? &parts.text[2] : nullptr);

  std::string message;
  try {
    cc::target::Profile profile =
        cc::target::load_profile((home.dir() / "profile.json").string(), catalogue());
    static const cc::emu::Account emulator = cc::emu::default_account();
    std::map<std::string, cc::core::Credentials> emulator_keys = emulator.keys;
    cc::target::apply_credentials(
        profile, {environment(data[0] & 0x80), home.dir().string(), cli_profile}, emulator_keys);
    for (const auto& [provider, source] : profile.credential_sources)
      (void)cc::target::masked_id(source);
  } catch (const cc::core::DataError& e) {
    message = e.what();  // the expected refusal of a malformed file
  } catch (const std::exception& e) {
    bug(std::string("not a DataError: ") + e.what());
  }
  // Leaked from the environment, not quoted from the input: the fuzzer learns the secret from
  // this very comparison and writes it into a profile's "kind", whose refusal quotes it.
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  if (message.find(kEnvSecret) != std::string::npos &&
      input.find(kEnvSecret) == std::string_view::npos)
    bug("a message shows a secret: " + message);
  return 0;
}
