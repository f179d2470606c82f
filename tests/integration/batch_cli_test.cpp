// `peninsula batch` end to end on a small synthetic database: statistics against the draws,
// two MPI processes against one draw by draw, a killed run resumed against an uninterrupted
// one, failed draws recorded with their reason, the other designs, and bad batch files.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <sys/wait.h>

#include "io/hdf5_store.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using ::testing::HasSubstr;
namespace fs = std::filesystem;

using testing::CommandResult;

CommandResult Shell(const std::string& command) { return testing::RunShellCommand(command); }

std::string Quote(const fs::path& p) { return testing::ShellQuote(p); }

CommandResult Batch(const fs::path& file, const fs::path& out, const std::string& extra = "",
                    int processes = 1) {
  // Under the sanitizer build, LeakSanitizer would fail every rank for what OpenMPI's plugins
  // leave allocated at exit (they are unloaded by then, so no suppression can name them);
  // leak checking stays on for every other test. Harmless in the normal build.
  std::string prefix = processes > 1 ? "mpirun -np " + std::to_string(processes) +
                                           " --allow-run-as-root --oversubscribe"
                                           " -x ASAN_OPTIONS=detect_leaks=0 "
                                     : "";
  return Shell(prefix + PENINSULA_BINARY + " batch " + Quote(file) + " --out " + Quote(out) + " " +
               extra);
}

void Write(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// Exact equality, NaN equal to NaN: draws must agree bit for bit.
void ExpectSameArrays(const fs::path& a, const fs::path& b, const std::string& dataset) {
  io::Hdf5Reader ra(a), rb(b);
  auto x = ra.ReadArray(dataset), y = rb.ReadArray(dataset);
  ASSERT_EQ(x.shape, y.shape) << dataset;
  for (std::size_t k = 0; k < x.data.size(); ++k) {
    bool same = x.data[k] == y.data[k] || (std::isnan(x.data[k]) && std::isnan(y.data[k]));
    ASSERT_TRUE(same) << dataset << "[" << k << "]: " << x.data[k] << " vs " << y.data[k];
  }
}

void ExpectSameDraws(const fs::path& a, const fs::path& b) {
  for (const char* d :
       {"/draws/outcomes", "/draws/parameters", "/draws/coordinates", "/draws/status",
        "/draws/iterations", "/draws/max_residual", "/summary/mean", "/summary/sd", "/summary/p05",
        "/summary/p50", "/summary/p95", "/summary/count"}) {
    ExpectSameArrays(a, b, d);
  }
}

class BatchCli : public ::testing::Test {
 protected:
  void SetUp() override {
    calibration::SyntheticSpec spec;
    spec.regions = 3;
    spec.sectors = 4;
    spec.seed = 5;
    calibration::WriteSyntheticDatabase(dir_.path() / "data", spec);
    Write(dir_.path() / "cut.toml",
          "name = \"cut\"\n[[shock]]\ntarget = \"tm\"\nindex = [\"*\", \"*\", \"R1\"]\n"
          "scale = 0.5\n");
    Write(dir_.path() / "tfp.toml",
          "name = \"tfp\"\n[[shock]]\ntarget = \"tfp\"\nindex = [\"R2\", \"*\"]\nscale = 1.1\n");
    Write(dir_.path() / "study.toml",
          "name = \"s\"\ndata = \"data\"\nscenarios = [\"cut.toml\", \"tfp.toml\"]\n");
    Write(mc_, std::string(kMonteCarlo));
  }
  fs::path Out(const std::string& name) const { return dir_.path() / name; }

  static constexpr const char* kMonteCarlo = R"toml(name = "mc"
study = "study.toml"
design = "latin_hypercube"
draws = 12
seed = 9

[[parameter]]
name = "sigma_d"
index = ["*", "*"]
cv = 0.2
draw = "each"

[[parameter]]
name = "sigma_va"
index = ["*", "*"]
distribution = "triangular"
spread = 0.3

[outcomes]
variables = ["X(R1,*)"]
)toml";

  testing::TempDir dir_;
  fs::path mc_ = dir_.path() / "mc.toml";
};

TEST_F(BatchCli, StatisticsSummariseTheRecordedDraws) {
  CommandResult r = Batch(mc_, Out("mc.h5"));
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("draws 12/12"));
  EXPECT_FALSE(fs::exists(Out("mc.h5.checkpoint")));
  EXPECT_TRUE(fs::exists(Out("mc.h5.log")));
  io::Hdf5Reader f(Out("mc.h5"));
  EXPECT_EQ(f.ReadStringAttribute("/", "format"), "peninsula-batch");
  auto outcomes = f.ReadArray("/draws/outcomes");
  ASSERT_EQ(outcomes.shape, (std::vector<std::size_t>{12, 2, 3 + 3 + 4}));
  EXPECT_EQ(f.ReadAxis("outcome")[0], "welfare(R1)");
  EXPECT_EQ(f.ReadAxis("outcome")[9], "X(R1,S4)");
  EXPECT_EQ(f.ReadAxis("dimension").size(), 12u + 1u);  // 12 sigma_d cells, 1 common sigma_va
  for (long long s : f.ReadIntArray("/draws/status")) EXPECT_EQ(s, 0);
  auto mean = f.ReadArray("/summary/mean").data, sd = f.ReadArray("/summary/sd").data;
  auto p50 = f.ReadArray("/summary/p50").data;
  std::size_t no = outcomes.shape[2];
  for (std::size_t s = 0; s < 2; ++s) {
    for (std::size_t o = 0; o < no; ++o) {
      std::vector<double> col;
      for (std::size_t k = 0; k < 12; ++k) col.push_back(outcomes.data[(k * 2 + s) * no + o]);
      double m = 0, ss = 0;
      for (double v : col) m += v / 12;
      for (double v : col) ss += (v - m) * (v - m) / 11;
      std::sort(col.begin(), col.end());
      EXPECT_NEAR(mean[s * no + o], m, 1e-12 * (1 + std::abs(m)));
      EXPECT_NEAR(sd[s * no + o], std::sqrt(ss), 1e-10 * (1 + std::sqrt(ss)));
      EXPECT_NEAR(p50[s * no + o], (col[5] + col[6]) / 2, 1e-12 * (1 + std::abs(m)));
    }
  }
  // The elasticities really varied and so did the outcomes.
  EXPECT_GT(sd[0], 1e-6);
  auto params = f.ReadArray("/draws/parameters");
  EXPECT_NE(params.data[0], params.data[params.shape[1]]);
}

TEST_F(BatchCli, TwoMpiProcessesMatchOneDrawByDrawAndResumeToo) {
  ASSERT_EQ(Shell("command -v mpirun").code, 0) << "mpirun missing: scripts/setup.sh installs it";
  ASSERT_EQ(Batch(mc_, Out("one.h5")).code, 0);
  CommandResult two = Batch(mc_, Out("two.h5"), "", 2);
  ASSERT_EQ(two.code, 0) << two.output;
  EXPECT_THAT(two.output, HasSubstr("2 process(es)"));
  ExpectSameDraws(Out("one.h5"), Out("two.h5"));
  EXPECT_EQ(io::Hdf5Reader(Out("two.h5")).ReadIntAttribute("/", "processes"), 2);
  // Killed under MPI, resumed under MPI.
  CommandResult killed = Batch(mc_, Out("mpi_resumed.h5"), "--stop-after 5", 2);
  EXPECT_NE(killed.code, 0);
  EXPECT_FALSE(fs::exists(Out("mpi_resumed.h5")));
  CommandResult resumed = Batch(mc_, Out("mpi_resumed.h5"), "--resume", 2);
  ASSERT_EQ(resumed.code, 0) << resumed.output;
  EXPECT_THAT(resumed.output, HasSubstr("5 draws from the checkpoint"));
  ExpectSameDraws(Out("one.h5"), Out("mpi_resumed.h5"));
}

TEST_F(BatchCli, AKilledRunResumesWithoutRedoingOrLosingDraws) {
  ASSERT_EQ(Batch(mc_, Out("whole.h5")).code, 0);
  CommandResult killed = Batch(mc_, Out("part.h5"), "--stop-after 5");
  ASSERT_EQ(killed.code, 9) << killed.output;
  EXPECT_FALSE(fs::exists(Out("part.h5")));
  ASSERT_TRUE(fs::exists(Out("part.h5.checkpoint")));
  // A kill in the middle of a write leaves a cut line: it is ignored, not trusted.
  std::ofstream(Out("part.h5.checkpoint"), std::ios::app) << "D\t7\t~\t2\tconverged";
  CommandResult again = Batch(mc_, Out("part.h5"));
  EXPECT_EQ(again.code, 3);
  EXPECT_THAT(again.output, HasSubstr("use --resume"));
  CommandResult resumed = Batch(mc_, Out("part.h5"), "--resume");
  ASSERT_EQ(resumed.code, 0) << resumed.output;
  EXPECT_THAT(resumed.output, HasSubstr("5 draws from the checkpoint"));
  EXPECT_THAT(resumed.output, HasSubstr("draws 12/12"));
  ExpectSameDraws(Out("whole.h5"), Out("part.h5"));
  EXPECT_FALSE(fs::exists(Out("part.h5.checkpoint")));
  // Done: no silent overwrite, --overwrite replaces.
  EXPECT_EQ(Batch(mc_, Out("part.h5")).code, 3);
  EXPECT_EQ(Batch(mc_, Out("part.h5"), "--overwrite").code, 0);
  // A checkpoint from other inputs is refused.
  ASSERT_EQ(Batch(mc_, Out("other.h5"), "--stop-after 2").code, 9);
  Write(mc_,
        std::string(kMonteCarlo).replace(std::string(kMonteCarlo).find("seed = 9"), 8, "seed = 8"));
  CommandResult other = Batch(mc_, Out("other.h5"), "--resume");
  EXPECT_EQ(other.code, 3);
  EXPECT_THAT(other.output, HasSubstr("written for other inputs"));
}

TEST_F(BatchCli, AFailedDrawIsRecordedWithItsReason) {
  Write(dir_.path() / "collapse.toml",
        "name = \"collapse\"\n[[shock]]\ntarget = \"QF\"\nindex = [\"R1\", \"*\"]\nscale = 0.0\n");
  Write(dir_.path() / "hard.toml",
        "name = \"h\"\ndata = \"data\"\nscenarios = [\"cut.toml\", \"collapse.toml\"]\n"
        "[solver]\nmethod = \"newton\"\n");
  Write(dir_.path() / "fail.toml",
        "name = \"f\"\nstudy = \"hard.toml\"\ndesign = \"monte_carlo\"\ndraws = 2\n"
        "[[parameter]]\nname = \"sigma_m\"\nindex = [\"*\", \"*\"]\ncv = 0.1\n");
  CommandResult r = Batch(dir_.path() / "fail.toml", Out("fail.h5"));
  ASSERT_EQ(r.code, 0) << r.output;
  EXPECT_THAT(r.output, HasSubstr("2 of 2 draws had a failed scenario"));
  io::Hdf5Reader f(Out("fail.h5"));
  auto status = f.ReadIntArray("/draws/status");
  auto names = f.ReadAxis("status");
  auto messages = f.ReadStrings("/draws/message");
  auto outcomes = f.ReadArray("/draws/outcomes");
  std::size_t no = outcomes.shape[2];
  for (std::size_t k = 0; k < 2; ++k) {
    EXPECT_EQ(names[status[k * 2]], "converged");
    EXPECT_NE(names[status[k * 2 + 1]], "converged");
    EXPECT_EQ(messages[k * 2], "");
    EXPECT_THAT(messages[k * 2 + 1], HasSubstr("worst: "));
    EXPECT_FALSE(std::isnan(outcomes.data[(k * 2) * no]));
    EXPECT_TRUE(std::isnan(outcomes.data[(k * 2 + 1) * no]));
  }
  auto count = f.ReadIntArray("/summary/count");
  EXPECT_EQ(count[0], 2);
  EXPECT_EQ(count[no], 0);
}

TEST_F(BatchCli, QuadratureGridAndDatasetDesigns) {
  Write(dir_.path() / "q.toml",
        "name = \"q\"\nstudy = \"study.toml\"\ndesign = \"quadrature\"\n"
        "[[parameter]]\nname = \"sigma_d\"\nindex = [\"*\", \"*\"]\ncv = 0.2\n"
        "[[parameter]]\nname = \"sigma_m\"\nindex = [\"R1\", \"*\"]\ncv = 0.2\n");
  ASSERT_EQ(Batch(dir_.path() / "q.toml", Out("q.h5")).code, 0);
  io::Hdf5Reader q(Out("q.h5"));
  EXPECT_EQ(q.ReadArray("/draws/weight").data, std::vector<double>(4, 0.25));
  auto z = q.ReadArray("/draws/coordinates").data;  // Stroud, n = 2: (0, √2), (−√2, 0), ...
  EXPECT_NEAR(std::abs(z[0]) + std::abs(z[1]), std::sqrt(2.0), 1e-12);

  Write(dir_.path() / "g.toml",
        "name = \"g\"\nstudy = \"study.toml\"\ndesign = \"shock_grid\"\n"
        "shock_scale = [0.0, 1.0, 2.0]\n");
  ASSERT_EQ(Batch(dir_.path() / "g.toml", Out("g.h5")).code, 0);
  auto grid = io::Hdf5Reader(Out("g.h5")).ReadArray("/draws/outcomes");
  std::size_t per_draw = grid.data.size() / 3;
  for (std::size_t k = 0; k < per_draw; ++k) EXPECT_NEAR(grid.data[k], 0.0, 1e-7);  // no shock
  EXPECT_GT(std::abs(grid.data[2 * per_draw]), std::abs(grid.data[per_draw]));      // larger shock

  calibration::SyntheticSpec spec;
  spec.regions = 3;
  spec.sectors = 4;
  spec.seed = 6;
  calibration::WriteSyntheticDatabase(dir_.path() / "data" / "variants" / "v6", spec);
  Write(dir_.path() / "d.toml",
        "name = \"d\"\nstudy = \"study.toml\"\ndesign = \"datasets\"\n"
        "datasets = [\"data\"]\nvariants = [\"v6\"]\n");
  ASSERT_EQ(Batch(dir_.path() / "d.toml", Out("d.h5")).code, 0);
  io::Hdf5Reader d(Out("d.h5"));
  EXPECT_EQ(d.ReadIntArray("/draws/dataset"), (std::vector<long long>{0, 1}));
  EXPECT_EQ(fs::path(d.ReadAxis("dataset")[1]), dir_.path() / "data" / "variants" / "v6");
  auto o = d.ReadArray("/draws/outcomes").data;
  EXPECT_NE(o[0], o[o.size() / 2]);
  // A variant that does not exist is a data error naming the ones that do.
  Write(dir_.path() / "d.toml",
        "name = \"d\"\nstudy = \"study.toml\"\ndesign = \"datasets\"\nvariants = [\"v7\"]\n");
  CommandResult bad = Batch(dir_.path() / "d.toml", Out("d7.h5"));
  EXPECT_EQ(bad.code, 2);
  EXPECT_THAT(bad.output, HasSubstr("no data variant 'v7' (variants: v6)"));
}

TEST_F(BatchCli, BadBatchFilesExitTwoWithAClearErrorAndWriteNothing) {
  const std::string head =
      "name = \"bad\"\nstudy = \"study.toml\"\ndesign = \"monte_carlo\"\ndraws = 2\n";
  const std::string p = "[[parameter]]\nname = \"sigma_d\"\nindex = [\"*\", \"*\"]\n";
  struct Case {
    std::string text, expected;
  };
  std::vector<Case> cases = {
      {head + "[[parameter]]\nname = \"sigma_q\"\nindex = [\"*\", \"*\"]\ncv = 1\n",
       "bad.toml:6: unknown parameter 'sigma_q'"},
      {head + p + "cv = 0.1\n[outcomes]\nvariables = [\"QFS(R1,F1,*)\"]\n",
       "bad.toml:10: outcome variable 'QFS(R1,F1,*)' matches no variable"},
      {head + "[[parameter]]\nname = \"sigma_d\"\nindex = [\"KOR\", \"*\"]\ncv = 1\n",
       "bad.toml:5: 'KOR' is not a region of this database"},
      {head + p + "distribution = \"uniform\"\n", "bad.toml:8: unknown distribution 'uniform'"},
      {head + p + "sd = -1.0\n", "bad.toml:8: sd = -1.000000 is negative"},
      {head + p, "bad.toml:5: sigma_d(R1,S1) has no standard deviation"},
      {"name = \"bad\"\nstudy = \"nowhere.toml\"\ndesign = \"monte_carlo\"\ndraws = 2\n" + p +
           "cv = 1\n",
       "bad.toml:2: study"},
  };
  for (const auto& c : cases) {
    fs::path file = dir_.path() / "bad.toml";
    Write(file, c.text);
    CommandResult r = Batch(file, Out("bad.h5"));
    EXPECT_EQ(r.code, 2) << r.output;
    EXPECT_THAT(r.output, HasSubstr("error: " + (dir_.path() / c.expected).string())) << c.text;
    for (const char* suffix : {"", ".checkpoint", ".log"}) {
      EXPECT_FALSE(fs::exists(Out("bad.h5" + std::string(suffix)))) << suffix;
    }
  }
}

}  // namespace
}  // namespace peninsula
