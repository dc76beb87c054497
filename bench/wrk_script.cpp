// Turns a signed request (the JSON `cloudconform sign` prints: method, url, headers, body) into a
// wrk Lua script that replays it and checks every response. A TC3 signature carries no nonce
// and stays valid for five minutes, so one signed request can be replayed for a whole run.
//
// usage: bench_wrk_script [--expect-code CODE] < signed.json > script.lua
//        bench_wrk_script --mix [--allow CODE]... < signed-array.json > script.lua
// Without --expect-code a response is good when it is HTTP 200 with a RequestId and no Error
// envelope; with it, when it is HTTP 200 carrying exactly that error code (any other Error
// envelope is bad). `wrk ... -- FILE` writes the first good body to FILE. done() prints:
//   BENCH rps=R requests=N good=G bad=B socket_errors=E connect=C read=R write=W timeout=T
// --mix takes a JSON array of signed requests and sends them in turn on every connection (the
// load run of bench/load); a response is good when it is HTTP 200 with a RequestId and either
// no Error envelope or one of the --allow codes. done() also prints how often each answer came:
//   BENCH answers ok=N CODE=N ...
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

namespace {

// A Lua double-quoted string literal of any bytes.
std::string lua_quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\%03u", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string path_of(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
  return slash == std::string::npos ? "/" : url.substr(slash);
}

constexpr const char* kChecks = R"LUA(
local threads = {}
function setup(thread) table.insert(threads, thread) end

function init(args)
  good, bad, sample = 0, 0, ""
  capture = args[1]  -- a file to receive the first good body (bench/run sizes nginx's by it)
end

function response(status, headers, body)
  local ok
  if status ~= 200 or not body:find('"RequestId"', 1, true) then
    ok = false
  elseif expect_code then
    ok = body:find('"' .. expect_code .. '"', 1, true) ~= nil
  else
    ok = body:find('"Error"', 1, true) == nil
  end
  if ok then
    good = good + 1
    if capture then
      local f = assert(io.open(capture, "w"))
      f:write(body)
      f:close()
      capture = nil
    end
  else
    bad = bad + 1
    if sample == "" then sample = status .. " " .. body:sub(1, 300) end
  end
end

function done(summary, latency, requests)
  local g, b, s = 0, 0, ""
  for _, t in ipairs(threads) do
    g = g + t:get("good")
    b = b + t:get("bad")
    if s == "" then s = t:get("sample") end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH rps=%.1f requests=%d good=%d bad=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests / (summary.duration / 1e6), summary.requests, g, b,
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
  if b > 0 then io.write("BENCH first_bad=" .. s:gsub("\n", " ") .. "\n") end
end
)LUA";

constexpr const char* kMix = R"LUA(
local threads = {}
function setup(thread) table.insert(threads, thread) end

function init(args)
  good, bad, sample, answers = 0, 0, "", {}
  prepared, turn = {}, 0
  for i, r in ipairs(mix) do prepared[i] = wrk.format(r.method, r.path, r.headers, r.body) end
end

function request()
  turn = turn % #prepared + 1
  return prepared[turn]
end

function response(status, headers, body)
  local code = body:match('"Code":"([^"]*)"')
  local key = code or (status == 200 and "ok" or ("http" .. status))
  answers[key] = (answers[key] or 0) + 1
  if status == 200 and body:find('"RequestId"', 1, true) and (code == nil or allowed[code]) then
    good = good + 1
  else
    bad = bad + 1
    if sample == "" then sample = status .. " " .. body:sub(1, 300) end
  end
end

function done(summary, latency, requests)
  local g, b, s, all = 0, 0, "", {}
  for _, t in ipairs(threads) do
    g = g + t:get("good")
    b = b + t:get("bad")
    if s == "" then s = t:get("sample") end
    for k, v in pairs(t:get("answers")) do all[k] = (all[k] or 0) + v end
  end
  local e = summary.errors
  io.write(string.format(
    "BENCH rps=%.1f requests=%d good=%d bad=%d socket_errors=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests / (summary.duration / 1e6), summary.requests, g, b,
    e.connect + e.read + e.write + e.timeout, e.connect, e.read, e.write, e.timeout))
  local keys = {}
  for k in pairs(all) do table.insert(keys, k) end
  table.sort(keys)
  io.write("BENCH answers")
  for _, k in ipairs(keys) do io.write(" " .. k .. "=" .. all[k]) end
  io.write("\n")
  if b > 0 then io.write("BENCH first_bad=" .. s:gsub("\n", " ") .. "\n") end
end
)LUA";

bool is_signed_request(const nlohmann::json& req) {
  return req.is_object() && req.contains("method") && req.contains("url") &&
         req.contains("headers");
}

// A Lua table of headers.
std::string lua_headers(const nlohmann::json& headers) {
  std::string out = "{";
  for (const auto& [k, v] : headers.items())
    out += "[" + lua_quote(k) + "] = " + lua_quote(v.get<std::string>()) + ", ";
  return out + "}";
}

int mix(const std::vector<std::string>& allowed) {
  const nlohmann::json reqs = nlohmann::json::parse(std::cin, nullptr, false);
  if (!reqs.is_array() || reqs.empty()) {
    std::cerr
        << "bench_wrk_script --mix: stdin is not a JSON array of `cloudconform sign` outputs\n";
    return 2;
  }
  std::cout
      << "-- generated by bench_wrk_script --mix from requests signed by `cloudconform sign`\n";
  std::cout << "mix = {\n";
  for (const auto& req : reqs) {
    if (!is_signed_request(req)) {
      std::cerr << "bench_wrk_script --mix: an element is not the JSON of `cloudconform sign`\n";
      return 2;
    }
    std::cout << "  {method = " << lua_quote(req["method"].get<std::string>())
              << ", path = " << lua_quote(path_of(req["url"].get<std::string>()))
              << ", body = " << lua_quote(req.value("body", ""))
              << ", headers = " << lua_headers(req["headers"]) << "},\n";
  }
  std::cout << "}\nallowed = {";
  for (const auto& c : allowed) std::cout << "[" << lua_quote(c) << "] = true, ";
  std::cout << "}\n" << kMix;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  if (!args.empty() && args[0] == "--mix") {
    std::vector<std::string> allowed;
    for (std::size_t i = 1; i + 1 < args.size() && args[i] == "--allow"; i += 2)
      allowed.push_back(args[i + 1]);
    if (args.size() != 1 + 2 * allowed.size()) {
      std::cerr
          << "usage: bench_wrk_script --mix [--allow CODE]... < signed-array.json > script.lua\n";
      return 2;
    }
    return mix(allowed);
  }
  std::string expect_code;
  if (argc == 3 && std::string(argv[1]) == "--expect-code") {
    expect_code = argv[2];
  } else if (argc != 1) {
    std::cerr << "usage: bench_wrk_script [--expect-code CODE] < signed.json > script.lua\n";
    return 2;
  }
  const nlohmann::json req = nlohmann::json::parse(std::cin, nullptr, false);
  if (!req.is_object() || !req.contains("method") || !req.contains("url") ||
      !req.contains("headers")) {
    std::cerr << "bench_wrk_script: stdin is not the JSON of `cloudconform sign`\n";
    return 2;
  }
  std::cout << "-- generated by bench_wrk_script from a request signed by `cloudconform sign`\n";
  std::cout << "wrk.method = " << lua_quote(req["method"].get<std::string>()) << "\n";
  std::cout << "wrk.path = " << lua_quote(path_of(req["url"].get<std::string>())) << "\n";
  std::cout << "wrk.body = " << lua_quote(req.value("body", "")) << "\n";
  for (const auto& [k, v] : req["headers"].items())
    std::cout << "wrk.headers[" << lua_quote(k) << "] = " << lua_quote(v.get<std::string>())
              << "\n";
  std::cout << "expect_code = " << (expect_code.empty() ? "nil" : lua_quote(expect_code)) << "\n";
  std::cout << kChecks;
  return 0;
}
