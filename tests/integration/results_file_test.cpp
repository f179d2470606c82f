// The results file: written atomically, read back exactly (sets, variables, attributes,
// solver summary, provenance), and a failed solve stored only as diagnostics.
#include <gtest/gtest.h>

#include <cmath>

#include "io/hdf5_store.hpp"
#include "io/results_writer.hpp"
#include "io/sha256.hpp"
#include "support/test_support.hpp"

namespace peninsula {
namespace {

using model::ShockMode;
using testing::Shock;

class ResultsFile : public ::testing::Test {
 protected:
  void SetUp() override {
    calibration::SyntheticSpec spec;
    spec.regions = 2;
    loaded_ = testing::LoadSynthetic(data_.path(), spec);
    provenance_.command_line = "peninsula solve (test)";
    provenance_.data_directory = data_.path();
    provenance_.inputs = loaded_.database.files;
  }
  testing::TempDir data_, out_;
  app::LoadedData loaded_;
  io::Provenance provenance_;
};

TEST_F(ResultsFile, RoundTripsVariablesAndMetadata) {
  model::Model& m = *loaded_.model;
  auto outcome = app::RunScenario(
      m, testing::MakeScenario("cut", {Shock("tm", {"*", "*", "R1"}, ShockMode::kScale, 0.5)}), {});
  ASSERT_TRUE(outcome.summary.converged());
  auto path = out_.path() / "r.h5";
  io::WriteResults(path, false, m, {outcome}, provenance_);
  io::Hdf5Reader reader(path);
  EXPECT_EQ(reader.ReadStringAttribute("/", "format"), "peninsula-results");
  EXPECT_EQ(reader.ReadAxis("region"), m.sets().regions.labels());
  EXPECT_EQ(reader.ReadAxis("sector"), m.sets().sectors.labels());
  for (const auto& block : m.registry().blocks()) {
    auto array = reader.ReadArray("/scenarios/cut/variables/" + block.name());
    std::vector<std::size_t> shape;
    auto expected = io::DenseVariable(block, outcome.x, shape);
    ASSERT_EQ(array.shape, shape) << block.name();
    ASSERT_EQ(array.data.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k) {
      if (std::isnan(expected[k])) {
        EXPECT_TRUE(std::isnan(array.data[k]));
      } else {
        EXPECT_EQ(array.data[k], expected[k]) << block.name();
      }
    }
    EXPECT_EQ(array.meta.description, block.description());
    EXPECT_EQ(array.meta.dims.size(), block.dims().size());
  }
  auto px = reader.ReadMeta("/benchmark/variables/PX");
  EXPECT_EQ(px.dims, (std::vector<std::string>{"region", "sector"}));
  EXPECT_EQ(reader.ReadStringAttribute("/scenarios/cut", "status"), "converged");
  EXPECT_EQ(reader.ReadIntAttribute("/scenarios/cut/solver", "iterations"),
            outcome.summary.iterations);
  EXPECT_DOUBLE_EQ(reader.ReadDoubleAttribute("/scenarios/cut/solver", "max_residual"),
                   outcome.summary.max_residual);
  auto tm = reader.ReadArray("/scenarios/cut/parameters/tm");
  EXPECT_EQ(tm.data, outcome.parameters.tm.values());
  auto files = reader.ReadStrings("/provenance/input_files");
  auto hashes = reader.ReadStrings("/provenance/input_sha256");
  ASSERT_EQ(files.size(), provenance_.inputs.size());
  for (std::size_t k = 0; k < files.size(); ++k) EXPECT_EQ(hashes[k], io::Sha256File(files[k]));
  EXPECT_FALSE(reader.ReadStringAttribute("/", "git_commit").empty());
}

TEST_F(ResultsFile, FailedSolveIsStoredWithoutAnEquilibrium) {
  model::Model& m = *loaded_.model;
  solver::SolveOptions hopeless;
  hopeless.newton.max_iterations = 1;
  hopeless.ipopt.max_iterations = 1;
  hopeless.homotopy = false;
  auto outcome = app::RunScenario(
      m, testing::MakeScenario("hard", {Shock("tfp", {"*", "*"}, ShockMode::kScale, 3.0)}),
      hopeless);
  ASSERT_FALSE(outcome.summary.converged());
  auto path = out_.path() / "failed.h5";
  io::WriteResults(path, false, m, {outcome}, provenance_);
  io::Hdf5Reader reader(path);
  EXPECT_EQ(reader.ReadIntAttribute("/scenarios/hard", "converged"), 0);
  EXPECT_NE(reader.ReadStringAttribute("/scenarios/hard", "status"), "converged");
  EXPECT_FALSE(reader.Exists("/scenarios/hard/variables"));
  EXPECT_FALSE(reader.ReadStrings("/scenarios/hard/solver/worst_equations").empty());
}

TEST_F(ResultsFile, ExistingFileIsNotOverwrittenSilently) {
  auto path = out_.path() / "r.h5";
  io::WriteResults(path, false, *loaded_.model, {}, provenance_);
  EXPECT_THROW(io::WriteResults(path, false, *loaded_.model, {}, provenance_), io::StoreError);
  EXPECT_NO_THROW(io::WriteResults(path, true, *loaded_.model, {}, provenance_));
}

}  // namespace
}  // namespace peninsula
