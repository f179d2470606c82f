// Loading a batch: batch file, study, scenarios, databases, parameters, design, outcomes,
// with every check made before the first draw.
#include "app/batch/setup.hpp"

#include "app/runner.hpp"
#include "calibration/build_data/variants.hpp"
#include "calibration/calibrate.hpp"
#include "io/sha256.hpp"

namespace peninsula::app::batch {
namespace {

io::Study ReadStudyFor(const BatchFile& b) {
  try {
    return io::ReadStudy(b.study);
  } catch (const model::ScenarioError& e) {
    throw BatchError(b.study_origin + ": study " + b.study.string() + ": " + e.what());
  }
}

solver::SolveOptions OptionsFor(const io::Study& study) {
  solver::SolveOptions options;
  try {
    options.method = solver::ParseMethod(study.solver_method);
  } catch (const std::invalid_argument& e) {
    throw BatchError(study.name + ": " + e.what());
  }
  options.newton.tolerance = study.tolerance;
  options.ipopt.tolerance = study.tolerance;
  options.max_seconds = study.max_seconds;
  options.newton.max_seconds = study.max_seconds;
  options.ipopt.max_seconds = study.max_seconds;
  return options;
}

void LoadDatasets(BatchSetup& s) {
  // The study's data (or its named variant), unless the design lists datasets: directories,
  // then named variants of the study's data directory.
  if (s.batch.design != DesignKind::kDatasets) {
    s.data_directories = {s.study.variant.empty()
                              ? s.study.data
                              : calibration::DatabaseVariant(s.study.data, s.study.variant)};
  }
  for (const auto& dir : s.batch.datasets) s.data_directories.push_back(dir);
  for (const auto& name : s.batch.variants) {
    s.data_directories.push_back(calibration::DatabaseVariant(s.study.data, name));
  }
  for (const auto& dir : s.data_directories) {
    LoadedData loaded = LoadData(dir, s.scenarios);
    BenchmarkCheck check = CheckBenchmark(*loaded.model);
    s.max_benchmark_residual = std::max(s.max_benchmark_residual, check.max_residual);
    s.databases.push_back(std::move(loaded.database));
    s.base_models.push_back(std::move(loaded.model));
  }
}

// Every scenario, at every shock scale, must fit every dataset's model.
void ValidateScenarios(BatchSetup& s) {
  std::vector<double> scales =
      s.batch.shock_scales.empty() ? std::vector<double>{1.0} : s.batch.shock_scales;
  for (auto& model : s.base_models) {
    for (const auto& scenario : s.scenarios) {
      for (double f : scales) ValidateScenario(*model, ScaleShocks(scenario, f));
    }
  }
}

std::string Fingerprint(const BatchSetup& s) {
  std::string text = s.batch.source_text + '\0' + s.study.source_text;
  for (const auto& sc : s.scenarios) text += '\0' + sc.source_text;
  for (const auto& db : s.databases) {
    for (const auto& f : db.files) text += '\0' + io::Sha256File(f);
  }
  return io::Sha256Hex(text);
}

}  // namespace

model::Scenario ScaleShocks(const model::Scenario& scenario, double factor) {
  model::Scenario out = scenario;
  if (factor == 1.0) return out;
  for (auto& shock : out.shocks) {
    switch (shock.mode) {
      case model::ShockMode::kScale:
        shock.value = 1.0 + factor * (shock.value - 1.0);
        break;
      case model::ShockMode::kAdd:
        shock.value *= factor;
        break;
      case model::ShockMode::kSet:
        throw BatchError(shock.origin +
                         ": a shock_grid cannot scale a 'set' shock (its base "
                         "value differs by cell); write it with scale or add");
    }
  }
  return out;
}

std::unique_ptr<BatchSetup> LoadBatch(const std::filesystem::path& batch_file) {
  auto s = std::make_unique<BatchSetup>();
  s->batch = ReadBatchFile(batch_file);
  s->study = ReadStudyFor(s->batch);
  s->options = OptionsFor(s->study);
  for (const auto& f : s->study.scenarios) s->scenarios.push_back(io::ReadScenario(f));
  LoadDatasets(*s);
  s->parameters = ResolveParameters(s->batch.parameters, s->databases[0]);
  s->design = std::make_unique<Design>(s->batch, s->parameters);
  s->outcome_labels = OutcomeLabels(s->batch.outcomes, *s->base_models[0]);
  for (const auto& m : s->base_models) s->evaluators.emplace_back(s->outcome_labels, *m);
  ValidateScenarios(*s);
  s->fingerprint = Fingerprint(*s);
  return s;
}

}  // namespace peninsula::app::batch
