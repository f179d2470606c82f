// libFuzzer target that reaches deep into calibration: the input bytes do not become CSV
// text (most of which the parser would refuse) but choose a database that is valid by
// construction: the synthetic generator's sizes, seed, CET and Cobb–Douglas shares, foreign
// ownership, a latent flow, a uniform scale of every value, and the elasticities. Any such
// database must read, validate, calibrate and replicate its benchmark at zero iterations.
// A finding is any exception, a crash or sanitizer report, or a benchmark residual above
// 1e-9 times the scale of the data (the residuals are in the data's units).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "app/runner.hpp"
#include "calibration/csv.hpp"
#include "calibration/synthetic.hpp"
#include "fuzz_support.hpp"

namespace {

namespace fs = std::filesystem;

// Reads the input a byte at a time; zeros once it runs out.
class Bytes {
 public:
  Bytes(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t Next() { return pos_ < size_ ? data_[pos_++] : 0; }
  int Pick(int lo, int hi) { return lo + Next() % (hi - lo + 1); }
  bool Flag() { return Next() & 1; }
  std::uint64_t Seed() {
    std::uint64_t s = 0;
    for (int k = 0; k < 8; ++k) s = (s << 8) | Next();
    return s;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_, pos_ = 0;
};

std::string Num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// Multiplies the named numeric columns of a CSV file by `scale`, keeping everything else.
void ScaleColumns(const fs::path& file, const std::vector<std::string>& columns, double scale) {
  if (!fs::exists(file)) return;
  std::ifstream in(file);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  std::vector<int> scaled;
  bool header = true;
  std::ostringstream out;
  for (const auto& line : lines) {
    if (line.empty() || line[0] == '#') {
      out << line << "\n";
      continue;
    }
    std::vector<std::string> fields;
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, ',');) fields.push_back(f);
    if (header) {
      for (int k = 0; k < static_cast<int>(fields.size()); ++k) {
        if (std::find(columns.begin(), columns.end(), fields[k]) != columns.end())
          scaled.push_back(k);
      }
      header = false;
    } else {
      for (int k : scaled) fields[k] = Num(std::stod(fields[k]) * scale);
    }
    for (std::size_t k = 0; k < fields.size(); ++k) out << (k ? "," : "") << fields[k];
    out << "\n";
  }
  std::ofstream(file, std::ios::trunc) << out.str();
}

// Every sector and region gets the same drawn elasticities (the latent market, if any, keeps
// its own sigma_m > 1 row, which is more specific).
void WriteElasticities(const fs::path& dir, Bytes& in, bool latent) {
  const double sigma_va[] = {0.0, 0.5, 1.0, 1.5, 3.0};
  const double sigma_d[] = {0.5, 1.0, 2.0, 4.0};
  const double omega[] = {0.5, 2.0, INFINITY};
  std::ofstream e(dir / "elasticities.csv", std::ios::trunc);
  e << "region,sector,parameter,value,source\n"
    << "*,*,sigma_va," << Num(sigma_va[in.Pick(0, 4)]) << ",fuzz\n"
    << "*,*,sigma_d," << Num(sigma_d[in.Pick(0, 3)]) << ",fuzz\n"
    << "*,*,sigma_m," << Num(sigma_d[in.Pick(0, 3)] + 0.5) << ",fuzz\n"
    << "*,*,omega," << (latent ? "inf" : Num(omega[in.Pick(0, 2)])) << ",fuzz\n";
  if (latent) e << "R2,S1,sigma_m,4,fuzz: latent market\n";
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace peninsula;
  Bytes in(data, size);
  calibration::SyntheticSpec spec;
  spec.regions = in.Pick(1, 3);
  spec.sectors = in.Pick(1, 4);
  spec.factors = in.Pick(1, 4);
  spec.households = in.Pick(1, 2);
  spec.seed = in.Seed();
  spec.cet = in.Flag();
  spec.cobb_douglas_share = in.Pick(0, 4) / 4.0;
  spec.ownership = spec.regions > 1 && in.Flag();
  spec.latent = spec.regions > 2 && in.Flag();
  double scale = std::pow(10.0, in.Pick(-3, 3));
  const fs::path dir = fuzz::ScratchDir() / "db";
  fs::remove_all(dir);
  try {
    calibration::WriteSyntheticDatabase(dir, spec);
  } catch (const std::logic_error&) {
    return 0;  // the generator's own draw rejected (it retries with other seeds in tests)
  }
  ScaleColumns(dir / "sam.csv", {"value"}, scale);
  ScaleColumns(dir / "trade.csv", {"value"}, scale);
  ScaleColumns(dir / "ownership.csv", {"value"}, scale);
  ScaleColumns(dir / "latent_trade.csv", {"value"}, scale);
  WriteElasticities(dir, in, spec.latent);
  app::LoadedData loaded = app::LoadData(dir);  // must not throw: the data are valid
  app::BenchmarkCheck check = app::CheckBenchmark(*loaded.model);
  if (!(check.max_residual <= 1e-9 * std::max(1.0, scale))) {
    std::fprintf(stderr, "fuzz_balanced_sam: benchmark residual %g at %s (scale %g)\n",
                 check.max_residual, check.worst_equation.c_str(), scale);
    __builtin_trap();
  }
  return 0;
}
