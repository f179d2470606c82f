// SHA-256 (FIPS 180-4) for provenance: the result file records the hash of
// every input file so a run can be traced to the exact bytes it read.
// Self-contained to avoid a crypto dependency for one checksum.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

namespace peninsula::io {

// Incremental hasher: Update() any number of times, then Finish() once.
class Sha256 {
 public:
  Sha256();
  void Update(const void* bytes, std::size_t size);
  std::array<std::uint8_t, 32> Finish();

 private:
  void ProcessBlock(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_;
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffer_size_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// Lower-case hex SHA-256 of a byte string.
std::string Sha256Hex(std::string_view bytes);

// Lower-case hex SHA-256 of a file's bytes; StoreError if it cannot be read.
std::string Sha256File(const std::filesystem::path& path);

}  // namespace peninsula::io
