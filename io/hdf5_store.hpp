// Generic HDF5 storage for Peninsula results: an atomic writer (temporary file
// renamed into place on Commit) and a reader. Datasets carry "dims", "unit" and
// "description" attributes; set labels live under /sets. Nothing here knows the
// economic model. HDF5 itself is hidden behind this interface (pimpl), so users
// never include hdf5.h. Files are plain HDF5 readable from h5py.
#pragma once

#include <concepts>
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "io/sha256.hpp"

namespace peninsula::io {

// Descriptive metadata stored as attributes on every array dataset.
struct ArrayMeta {
  std::vector<std::string> dims;  // one set name per axis, outermost first
  std::string unit;
  std::string description;
};

// Any storage failure. The message names the file and, when relevant, the
// HDF5 object path, followed by what went wrong.
class StoreError : public std::runtime_error {
 public:
  StoreError(const std::filesystem::path& file_path, const std::string& object_path,
             const std::string& what);

  const std::filesystem::path& FilePath() const noexcept { return file_path_; }
  const std::string& ObjectPath() const noexcept { return object_path_; }

 private:
  std::filesystem::path file_path_;
  std::string object_path_;
};

// Writes one HDF5 file atomically. Object paths may be given with or without
// the leading '/'; parent groups are created as needed. Writing a dataset that
// already exists is an error; setting an attribute that exists replaces it.
class Hdf5Writer {
 public:
  // Opens "<final>.tmp.<pid>.<counter>" next to final_path; nothing appears at
  // final_path until Commit(). Throws StoreError if final_path exists and
  // overwrite is false, or if its directory is missing or unwritable.
  static Hdf5Writer Create(const std::filesystem::path& final_path, bool overwrite);

  Hdf5Writer(Hdf5Writer&& other) noexcept;
  Hdf5Writer& operator=(Hdf5Writer&& other) noexcept;
  Hdf5Writer(const Hdf5Writer&) = delete;
  Hdf5Writer& operator=(const Hdf5Writer&) = delete;
  // Without Commit(): closes and deletes the temporary file.
  ~Hdf5Writer();

  void CreateGroup(const std::string& path);  // creates parents; idempotent
  // Dataset /sets/<name>: 1-D variable-length UTF-8 strings. Labels must be
  // unique and the name must not contain '/'.
  void WriteAxis(const std::string& name, const std::vector<std::string>& labels);
  // Row-major data. Requires product(shape) == data.size() and
  // meta.dims.size() == shape.size(); shape {} is a scalar. Arrays of at least
  // kCompressMinElements are chunked, shuffled and gzip-compressed.
  void WriteArray(const std::string& path, std::span<const double> data,
                  const std::vector<std::size_t>& shape, const ArrayMeta& meta);
  void WriteIntArray(const std::string& path, std::span<const long long> data,
                     const std::vector<std::size_t>& shape, const ArrayMeta& meta);
  // 1-D dataset of UTF-8 strings; meta.dims must name exactly one axis.
  void WriteStrings(const std::string& path, const std::vector<std::string>& values,
                    const ArrayMeta& meta);

  // Attributes on a group or dataset ("/" is the root group).
  void SetAttribute(const std::string& object_path, const std::string& key,
                    const std::string& value);
  void SetAttribute(const std::string& object_path, const std::string& key, const char* value);
  void SetAttribute(const std::string& object_path, const std::string& key, double value);
  void SetAttribute(const std::string& object_path, const std::string& key, long long value);
  void SetAttribute(const std::string& object_path, const std::string& key,
                    const std::vector<std::string>& values);
  void SetAttribute(const std::string& object_path, const std::string& key,
                    const std::vector<double>& values);
  // Any other integer type (int, std::size_t, ...) would be ambiguous between
  // the double and long long overloads; route it to long long explicitly.
  template <std::integral T>
  requires(!std::same_as<T, bool> &&
           !std::same_as<T, long long>) void SetAttribute(const std::string& object_path,
                                                          const std::string& key, T value) {
    if (!std::in_range<long long>(value)) {
      throw StoreError(FinalPath(), object_path,
                       "attribute '" + key + "' does not fit in a 64-bit signed integer");
    }
    SetAttribute(object_path, key, static_cast<long long>(value));
  }

  // Flushes, closes, fsyncs and renames the temporary file to final_path
  // (atomic on one filesystem). The writer cannot be used afterwards.
  void Commit();

  const std::filesystem::path& FinalPath() const noexcept;
  const std::filesystem::path& TempPath() const noexcept;

  static constexpr std::size_t kCompressMinElements = 1024;
  static constexpr unsigned kGzipLevel = 4;

 private:
  struct State;
  explicit Hdf5Writer(std::unique_ptr<State> state);
  State& Open(const std::string& object_path);  // throws once committed / moved from

  std::unique_ptr<State> state_;
};

// Read-only access to an HDF5 file (ours or any other).
class Hdf5Reader {
 public:
  struct Array {
    std::vector<double> data;
    std::vector<std::size_t> shape;
    ArrayMeta meta;
  };

  // Throws StoreError if the file is missing or is not HDF5.
  explicit Hdf5Reader(const std::filesystem::path& path);
  Hdf5Reader(Hdf5Reader&& other) noexcept;
  Hdf5Reader& operator=(Hdf5Reader&& other) noexcept;
  Hdf5Reader(const Hdf5Reader&) = delete;
  Hdf5Reader& operator=(const Hdf5Reader&) = delete;
  ~Hdf5Reader();

  bool Exists(const std::string& path) const;
  std::vector<std::string> ListChildren(const std::string& group_path) const;  // sorted
  std::vector<std::string> ReadAxis(const std::string& name) const;
  Array ReadArray(const std::string& path) const;  // numeric data converted to double
  std::vector<long long> ReadIntArray(const std::string& path) const;  // integers only
  std::vector<std::string> ReadStrings(const std::string& path) const;
  std::vector<std::size_t> ReadShape(const std::string& path) const;  // {} for scalars
  // Missing attributes read as empty, so files from other tools are readable.
  ArrayMeta ReadMeta(const std::string& path) const;

  bool HasAttribute(const std::string& object_path, const std::string& key) const;
  std::vector<std::string> ListAttributes(const std::string& object_path) const;  // sorted
  std::string ReadStringAttribute(const std::string& object_path, const std::string& key) const;
  double ReadDoubleAttribute(const std::string& object_path, const std::string& key) const;
  long long ReadIntAttribute(const std::string& object_path, const std::string& key) const;
  std::vector<std::string> ReadStringsAttribute(const std::string& object_path,
                                                const std::string& key) const;
  std::vector<double> ReadDoublesAttribute(const std::string& object_path,
                                           const std::string& key) const;

  const std::filesystem::path& Path() const noexcept;

 private:
  struct State;
  const State& Open() const;  // throws if moved from

  std::unique_ptr<State> state_;
};

}  // namespace peninsula::io
