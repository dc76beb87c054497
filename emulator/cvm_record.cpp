#include "emulator/cvm_record.h"

#include <array>
#include <cstdint>

#include "harness/core/encoding.h"

namespace cc::emu {
namespace {

using nlohmann::json;

// FNV-1a: the same id always makes the same record, on every platform.
std::uint64_t fnv1a(const std::string& s, std::uint64_t salt) {
  std::uint64_t h = 1469598103934665603ULL ^ salt;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

// A made-up value per instance and purpose: `salt` tells the purposes apart.
class Made {
 public:
  explicit Made(const std::string& id) : id_(id) {}
  std::uint64_t number(std::uint64_t salt) const { return fnv1a(id_, salt); }
  std::string alnum(const std::string& prefix, std::uint64_t salt, size_t n = 8) const {
    static constexpr char kAlnum[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    std::string s = prefix;
    std::uint64_t x = number(salt);
    for (size_t i = 0; i < n; ++i, x = x / 36 + number(salt + i + 1)) s.push_back(kAlnum[x % 36]);
    return s;
  }
  std::string uuid(std::uint64_t salt) const {
    static constexpr char kHex[] = "0123456789abcdef";
    std::string h;
    for (int i = 0; i < 32; ++i) h.push_back(kHex[(number(salt + i / 16) >> (4 * (i % 16))) & 0xf]);
    return h.substr(0, 8) + "-" + h.substr(8, 4) + "-4" + h.substr(13, 3) + "-b" + h.substr(17, 3) +
           "-" + h.substr(20, 12);
  }
  std::string ip(const std::string& prefix, std::uint64_t salt) const {
    return prefix + std::to_string(number(salt) % 250 + 2);
  }

 private:
  const std::string& id_;
};

json or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

struct Shape {
  const char* type;
  int cpu, memory;
};
constexpr std::array<Shape, 4> kShapes = {
    {{"SA2.MEDIUM4", 2, 4}, {"S5.MEDIUM4", 2, 4}, {"S5.LARGE8", 4, 8}, {"SA3.SMALL2", 1, 2}}};

json placement(const Made& m) {
  return {{"Zone", "ap-singapore-" + std::to_string(m.number(1) % 4 + 1)},
          {"HostId", nullptr},
          {"ProjectId", 0}};
}

json system_disk(const Made& m) {
  return {{"DiskType", "CLOUD_BSSD"},
          {"DiskId", m.alnum("disk-", 2)},
          {"DiskSize", 50 + 10 * static_cast<int>(m.number(3) % 5)},
          {"Encrypt", false},
          {"KmsKeyId", nullptr},
          {"ThroughputPerformance", 0},
          {"CdcId", nullptr}};
}

json tags(const Made& m) {
  const std::string value = "cc-" + std::to_string(m.number(4) % 1000);
  return json::array({{{"tagKey", "cloudconform"},
                       {"tagValue", value},
                       {"Key", "cloudconform"},
                       {"Value", value}}});
}

}  // namespace

std::string cvm_stop_charging_mode(const Instance& inst) {
  if (inst.state != "STOPPED") return "NOT_APPLICABLE";
  return inst.stopped_mode == "STOP_CHARGING" ? "STOP_CHARGING" : "KEEP_CHARGING";
}

json cvm_instance_record(const Instance& inst) {
  const Made m(inst.id);
  const Shape& shape = kShapes[m.number(5) % kShapes.size()];
  json r;
  r["Placement"] = placement(m);
  r["InstanceId"] = inst.id;
  r["Uuid"] = m.uuid(6);
  r["InstanceState"] = inst.state;
  r["RestrictState"] = "NORMAL";
  r["InstanceType"] = shape.type;
  r["CPU"] = shape.cpu;
  r["Memory"] = shape.memory;
  r["InstanceName"] = "Unnamed";
  r["InstanceChargeType"] = "POSTPAID_BY_HOUR";
  r["SystemDisk"] = system_disk(m);
  r["DataDisks"] = json::array();
  r["PrivateIpAddresses"] = {m.ip("192.168.0.", 7)};
  r["PublicIpAddresses"] = {m.ip("43.156.106.", 8)};
  r["IPv6Addresses"] = nullptr;
  r["InternetAccessible"] = {{"InternetMaxBandwidthOut", 1 + static_cast<int>(m.number(9) % 10)},
                             {"InternetChargeType", "TRAFFIC_POSTPAID_BY_HOUR"}};
  r["VirtualPrivateCloud"] = {{"VpcId", m.alnum("vpc-", 10)},
                              {"SubnetId", m.alnum("subnet-", 11)},
                              {"AsVpcGateway", false}};
  r["SecurityGroupIds"] = {m.alnum("sg-", 12)};
  r["LoginSettings"] = {{"KeyIds", {m.alnum("skey-", 13)}}};
  r["ImageId"] = m.alnum("img-", 14);
  r["OsName"] = "TencentOS Server 3.1 (TK4)";
  r["DefaultLoginUser"] = "root";
  r["DefaultLoginPort"] = 22;
  r["RenewFlag"] = nullptr;
  r["CreatedTime"] = core::utc_iso8601(inst.created_epoch);
  r["ExpiredTime"] = nullptr;
  r["Tags"] = tags(m);
  r["PlatformProjectId"] = nullptr;
  r["DisasterRecoverGroupId"] = "";
  r["DedicatedClusterId"] = "";
  r["CamRoleName"] = "";
  r["LatestOperation"] = or_null(inst.latest_operation);
  r["LatestOperationState"] = or_null(inst.latest_operation_state);
  r["LatestOperationRequestId"] = or_null(inst.latest_operation_request_id);
  r["IsolatedSource"] = "NOTISOLATED";
  r["HpcClusterId"] = "";
  r["DisableApiTermination"] = false;
  r["RdmaIpAddresses"] = nullptr;
  r["LicenseType"] = "TencentCloud";
  r["StopChargingMode"] = cvm_stop_charging_mode(inst);
  return r;
}

}  // namespace cc::emu
