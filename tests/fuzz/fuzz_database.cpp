// libFuzzer target: a whole data directory through ReadDatabase, ValidateDatabase and
// Calibrate. The input is split into up to eight parts by lines reading exactly "%%"; the
// parts become, in order, regions.csv, accounts.csv, factors.csv, sam.csv, elasticities.csv,
// trade.csv, ownership.csv and latent_trade.csv in one scratch directory per process. An
// empty or missing part means the file is absent (so one-region seeds simply stop after
// elasticities.csv). Text after an eighth "%%" line is ignored.
//
// DataError is the expected outcome of bad input. A finding is anything else: another
// exception type, a crash, an ASan/UBSan report, a hang, or a calibration that succeeds but
// hands the model a NaN or an infinity (other than omega = inf, "no CET").
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <string_view>
#include <system_error>
#include <vector>

#include "calibration/calibrate.hpp"
#include "calibration/csv.hpp"
#include "calibration/database.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr const char* kFiles[] = {"regions.csv",   "accounts.csv",     "factors.csv",
                                  "sam.csv",       "elasticities.csv", "trade.csv",
                                  "ownership.csv", "latent_trade.csv"};
constexpr std::size_t kParts = std::size(kFiles);

std::vector<std::string_view> Split(std::string_view input) {
  std::vector<std::string_view> parts;
  std::size_t start = 0, pos = 0;
  while (pos < input.size() && parts.size() < kParts) {
    std::size_t end = input.find('\n', pos);
    if (end == std::string_view::npos) end = input.size();
    std::string_view line = input.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line == "%%") {
      parts.push_back(input.substr(start, pos - start));
      start = end + 1;
    }
    pos = end + 1;
  }
  if (parts.size() < kParts && start < input.size()) parts.push_back(input.substr(start));
  return parts;
}

void CheckFinite(const peninsula::model::Table& t, const char* name, bool allow_inf = false) {
  for (double v : t.values()) {
    if (std::isnan(v) || (!allow_inf && std::isinf(v))) {
      std::fprintf(stderr, "fuzz_database: Calibrate succeeded but %s holds %g\n", name, v);
      __builtin_trap();
    }
  }
}

void CheckModelData(const peninsula::model::ModelData& d) {
  const auto& p = d.p;
#define PENINSULA_CHECK(t) CheckFinite(t, #t)
  PENINSULA_CHECK(p.tfp);
  PENINSULA_CHECK(p.tp);
  PENINSULA_CHECK(p.tc);
  PENINSULA_CHECK(p.tm);
  PENINSULA_CHECK(p.te);
  PENINSULA_CHECK(p.tdir);
  PENINSULA_CHECK(p.tf);
  PENINSULA_CHECK(p.pwe);
  PENINSULA_CHECK(p.pwm);
  PENINSULA_CHECK(p.fsav);
  PENINSULA_CHECK(p.sigma_va);
  PENINSULA_CHECK(p.sigma_d);
  PENINSULA_CHECK(p.sigma_m);
  CheckFinite(p.omega, "p.omega", /*allow_inf=*/true);
  CheckFinite(p.quota, "p.quota", /*allow_inf=*/true);  // inf: no cap
  PENINSULA_CHECK(p.wfloor);
  PENINSULA_CHECK(p.ownq);
  PENINSULA_CHECK(p.access);
  PENINSULA_CHECK(d.latent);
  PENINSULA_CHECK(d.exportable);
  PENINSULA_CHECK(d.ava);
  PENINSULA_CHECK(d.aint);
  PENINSULA_CHECK(d.io);
  PENINSULA_CHECK(d.fcoef);
  PENINSULA_CHECK(d.dcoef);
  PENINSULA_CHECK(d.ecoef);
  PENINSULA_CHECK(d.dshare);
  PENINSULA_CHECK(d.dq);
  PENINSULA_CHECK(d.mq);
  PENINSULA_CHECK(d.dval);
  PENINSULA_CHECK(d.mcoef);
  PENINSULA_CHECK(d.mshare);
  PENINSULA_CHECK(d.pms0);
  PENINSULA_CHECK(d.beta);
  PENINSULA_CHECK(d.mps);
  PENINSULA_CHECK(d.shf);
  PENINSULA_CHECK(d.trs);
  PENINSULA_CHECK(d.hhin);
  PENINSULA_CHECK(d.hhout);
  PENINSULA_CHECK(d.fabr);
  PENINSULA_CHECK(d.mu);
  PENINSULA_CHECK(d.ssg);
  PENINSULA_CHECK(d.govin);
  PENINSULA_CHECK(d.govout);
  PENINSULA_CHECK(d.lambda);
  PENINSULA_CHECK(d.cpiw);
  PENINSULA_CHECK(d.x0);
  PENINSULA_CHECK(d.va0);
  PENINSULA_CHECK(d.f0);
  PENINSULA_CHECK(d.d0);
  PENINSULA_CHECK(d.e0);
  PENINSULA_CHECK(d.q0);
  PENINSULA_CHECK(d.mc0);
  PENINSULA_CHECK(d.m0);
  PENINSULA_CHECK(d.c0);
  PENINSULA_CHECK(d.g0);
  PENINSULA_CHECK(d.xv0);
  PENINSULA_CHECK(d.tm0);
  PENINSULA_CHECK(d.tx0);
  PENINSULA_CHECK(d.yh0);
  PENINSULA_CHECK(d.yf0);
  PENINSULA_CHECK(d.trev0);
  PENINSULA_CHECK(d.sav0);
  PENINSULA_CHECK(d.qf0);
#undef PENINSULA_CHECK
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  namespace calibration = peninsula::calibration;
  const auto& dir = peninsula::fuzz::ScratchDir();
  auto parts = Split(peninsula::fuzz::AsView(data, size));
  for (std::size_t k = 0; k < kParts; ++k) {
    auto path = dir / kFiles[k];
    if (k < parts.size() && !parts[k].empty()) {
      peninsula::fuzz::WriteFile(path, parts[k]);
    } else {
      std::error_code ignored;
      std::filesystem::remove(path, ignored);
    }
  }
  try {
    auto db = calibration::ReadDatabase(dir);
    calibration::ValidateDatabase(db);
    CheckModelData(calibration::Calibrate(db));
  } catch (const calibration::DataError&) {
  }
  return 0;
}
