// The checkpoint journal of a batch run: OUTPUT.checkpoint, a header line with the inputs'
// fingerprint, then one line per completed draw (record.hpp), appended by the master as
// draws complete. Each line goes to the kernel in one write(), so a killed process loses at
// most the line being written. Against a lost node, fsync follows every draw when draws are
// slower than five a second, and once a second when they are faster; --resume reads the
// complete lines and redoes only the missing draws.
#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <string>

#include "app/batch/record.hpp"

namespace peninsula::app::batch {

std::filesystem::path CheckpointPath(const std::filesystem::path& output);

struct CheckpointContents {
  std::string fingerprint;
  long long draws = 0;
  std::map<long long, DrawResult> results;  // by draw index
  long long valid_bytes = 0;                // up to the last complete line
};

// Throws BatchError if the file cannot be read or its header is not a checkpoint's. A cut
// or garbled last line is ignored.
CheckpointContents ReadCheckpoint(const std::filesystem::path& path);

class CheckpointWriter {
 public:
  // A new journal; throws io::StoreError if it cannot be created (or already exists).
  static CheckpointWriter Create(const std::filesystem::path& path, const std::string& fingerprint,
                                 long long draws);
  // Appends to an existing journal after cutting it to `valid_bytes`.
  static CheckpointWriter Reopen(const std::filesystem::path& path, long long valid_bytes);

  CheckpointWriter(CheckpointWriter&& other) noexcept;
  CheckpointWriter& operator=(CheckpointWriter&&) = delete;
  CheckpointWriter(const CheckpointWriter&) = delete;
  ~CheckpointWriter();

  void Append(const DrawResult& result);
  void Sync();

 private:
  CheckpointWriter(std::filesystem::path path, int fd);
  void WriteAll(const std::string& text);

  std::filesystem::path path_;
  int fd_ = -1;
  std::chrono::steady_clock::time_point last_sync_;
  std::chrono::steady_clock::time_point last_append_;
};

}  // namespace peninsula::app::batch
