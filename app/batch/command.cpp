// The batch subcommand: options, setup on every rank, then rank 0 as master (checkpoint,
// progress, results file) and the other ranks as workers.
#include "app/batch/command.hpp"

#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>

#include "app/batch/evaluate.hpp"
#include "app/batch/run.hpp"
#include "app/batch/scheduler.hpp"
#include "app/batch/transport.hpp"
#include "app/blas_runtime.hpp"
#include "app/commands.hpp"
#include "calibration/csv.hpp"
#include "io/hdf5_store.hpp"

namespace peninsula::app {
namespace {

namespace po = boost::program_options;
using namespace batch;

// Runs `body`, mapping errors to exit codes; only rank 0 prints them.
template <class F>
int Guarded(bool print, F&& body) {
  auto report = [&](const std::exception& e, int code) {
    if (print) std::fprintf(stderr, "error: %s\n", e.what());
    return code;
  };
  try {
    return body();
  } catch (const BatchError& e) {
    return report(e, kExitData);
  } catch (const calibration::DataError& e) {
    return report(e, kExitData);
  } catch (const model::ScenarioError& e) {
    return report(e, kExitData);
  } catch (const io::StoreError& e) {
    return report(e, kExitOutput);
  } catch (const std::invalid_argument& e) {
    return report(e, kExitUsage);
  }
}

RunOptions ParseOptions(const std::vector<std::string>& args, const po::variables_map& vm,
                        const std::string& command_line) {
  RunOptions o;
  o.batch_file = vm["batch"].as<std::string>();
  if (vm.count("out")) o.output = vm["out"].as<std::string>();
  o.overwrite = vm.count("overwrite") > 0;
  o.resume = vm.count("resume") > 0;
  o.stop_after = vm["stop-after"].as<long long>();
  o.command_line = command_line;
  if (o.stop_after < 0) throw std::invalid_argument("--stop-after must be >= 0");
  if (o.resume && o.overwrite) {
    throw std::invalid_argument("--resume and --overwrite exclude each other");
  }
  (void)args;
  return o;
}

}  // namespace

int BatchCommand(const std::vector<std::string>& args, const std::string& command_line) {
  po::options_description desc("peninsula batch");
  desc.add_options()("help,h", "this help")("batch", po::value<std::string>()->required(),
                                            "batch file (TOML)")(
      "out", po::value<std::string>(), "results file (default: the batch file's output)")(
      "overwrite", "replace an existing results file and discard any checkpoint")(
      "resume", "continue from the checkpoint of an interrupted run")(
      "stop-after", po::value<long long>()->default_value(0),
      "testing: exit abruptly (code 9) after this many new draws (0: never)");
  po::positional_options_description positional;
  positional.add("batch", 1);
  if (WantsHelp(args, desc)) return kExitOk;
  po::variables_map vm = ParseOptions(args, desc, &positional);
  UseOneBlasThread();  // ranks are the parallelism: a core each
  std::unique_ptr<Transport> transport =
      LaunchedByMpi() ? MakeMpiTransport() : std::make_unique<SingleProcessTransport>();
  bool master = transport->rank() == 0;
  RunOptions options;
  std::unique_ptr<BatchSetup> setup;
  int code = Guarded(master, [&] {
    options = ParseOptions(args, vm, command_line);
    setup = LoadBatch(options.batch_file);
    return master ? PrepareOutput(*setup, options) : kExitOk;
  });
  // Every rank stops if any failed, so no worker waits for a master that is gone.
  if (!transport->AllAgree(code == kExitOk)) return code == kExitOk ? kExitData : code;
  if (!master) {
    DrawEvaluator evaluator(*setup);
    RunWorker(*transport, [&](long long k) { return evaluator(k); });
    return kExitOk;
  }
  code = Guarded(true, [&] { return RunBatch(*setup, options, *transport); });
  if (code != kExitOk && transport->size() > 1) transport->Abort(code);
  return code;
}

}  // namespace peninsula::app
