// The report subcommand: options, and the atomic write of the report directory.
#include "app/report_command.hpp"

#include <unistd.h>

#include <boost/program_options.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>

#include "app/analysis/html.hpp"
#include "app/commands.hpp"
#include "io/hdf5_store.hpp"

namespace peninsula::app {
namespace {

namespace fs = std::filesystem;
namespace po = boost::program_options;

void WriteFile(const fs::path& path, const std::string& content) {
  std::ofstream f(path, std::ios::binary);
  f << content;
  f.close();
  if (!f) throw io::StoreError(path, "", "could not write the file");
}

fs::path Sibling(const fs::path& out, const std::string& tag) {
  return out.parent_path() /
         ("." + out.filename().string() + "." + tag + "." + std::to_string(::getpid()));
}

// Renames `staged` to `out`, moving an existing `out` aside first and deleting it after.
void Publish(const fs::path& staged, const fs::path& out, bool overwrite) {
  std::error_code ec;
  fs::path old;
  if (fs::exists(out)) {
    if (!overwrite) throw io::StoreError(out, "", "exists; use --overwrite to replace it");
    old = Sibling(out, "old");
    fs::rename(out, old, ec);
    if (ec) throw io::StoreError(out, "", "could not be moved aside: " + ec.message());
  }
  fs::rename(staged, out, ec);
  if (ec) {
    if (!old.empty()) fs::rename(old, out);
    throw io::StoreError(out, "", "could not be renamed into place: " + ec.message());
  }
  if (!old.empty()) fs::remove_all(old, ec);
}

}  // namespace

void WriteReport(const fs::path& results, const fs::path& out, bool overwrite,
                 const analysis::ReportOptions& options) {
  if (fs::exists(out) && !overwrite) {
    throw io::StoreError(out, "", "exists; use --overwrite to replace it");
  }
  analysis::Document doc = analysis::BuildReport(results, options);
  fs::path parent = out.parent_path().empty() ? fs::path(".") : out.parent_path();
  fs::create_directories(parent);
  fs::path staged = Sibling(fs::absolute(out), "tmp");
  try {
    fs::create_directories(staged / "csv");
    WriteFile(staged / "report.html", analysis::RenderHtml(doc));
    auto tables = analysis::Tables(doc);
    for (const auto* t : tables)
      WriteFile(staged / "csv" / (t->id + ".csv"), analysis::RenderCsv(*t));
    WriteFile(staged / "report.xlsx", analysis::RenderXlsx(tables));
    Publish(staged, fs::absolute(out), overwrite);
  } catch (...) {
    std::error_code ec;
    fs::remove_all(staged, ec);
    throw;
  }
}

int ReportCommand(const std::vector<std::string>& args) {
  po::options_description desc("peninsula report");
  std::string comparators;
  desc.add_options()("help,h", "this help")("results", po::value<std::string>()->required(),
                                            "results file (HDF5) of peninsula run or solve")(
      "out", po::value<std::string>()->required(), "report directory to write")(
      "overwrite", "replace an existing report directory")(
      "home", po::value<std::string>(), "home region (default: the analysis's, KOR)")(
      "partner", po::value<std::string>(), "partner region (default: the analysis's, PRK)")(
      "comparators", po::value<std::string>(&comparators),
      "comma-separated comparator regions (default: the analysis's, CHN,VNM)");
  po::positional_options_description positional;
  positional.add("results", 1);
  for (const auto& a : args) {
    if (a == "--help" || a == "-h") {
      std::cout << desc;
      return kExitOk;
    }
  }
  po::variables_map vm;
  po::store(po::command_line_parser(args).options(desc).positional(positional).run(), vm);
  po::notify(vm);
  analysis::ReportOptions options;
  if (vm.count("home")) options.home = vm["home"].as<std::string>();
  if (vm.count("partner")) options.partner = vm["partner"].as<std::string>();
  if (vm.count("comparators")) {
    options.comparators_given = true;
    std::size_t start = 0;
    while (start <= comparators.size()) {
      std::size_t end = comparators.find(',', start);
      if (end == std::string::npos) end = comparators.size();
      if (end > start) options.comparators.push_back(comparators.substr(start, end - start));
      start = end + 1;
    }
  }
  fs::path results = vm["results"].as<std::string>(), out = vm["out"].as<std::string>();
  try {
    WriteReport(results, out, vm.count("overwrite") > 0, options);
  } catch (const io::StoreError& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    bool input = e.FilePath() == results;
    return input ? kExitData : kExitOutput;
  } catch (const fs::filesystem_error& e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return kExitOutput;
  }
  std::printf("report written to %s (report.html, report.xlsx, csv/)\n",
              fs::absolute(out).string().c_str());
  return kExitOk;
}

}  // namespace peninsula::app
