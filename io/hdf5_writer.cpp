// Hdf5Writer: builds a result file under a temporary name and renames it into
// place on Commit(), so a crash or error never leaves a half-written file at
// the final path. Object modification times are not recorded, so the same
// content written twice gives byte-identical files (provenance hashes stay
// meaningful); the run time belongs in an explicit root attribute instead.
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <unordered_set>

#include "io/hdf5_detail.hpp"
#include "io/hdf5_store.hpp"

namespace peninsula::io {

using detail::Checked;
using detail::CheckStatus;
using detail::FileRef;
using detail::Handle;

struct Hdf5Writer::State {
  std::filesystem::path final_path;
  std::filesystem::path temp_path;
  bool overwrite = false;
  bool committed = false;
  Handle file;

  // Errors name the final path: that is the name the user asked for.
  FileRef Ref() const { return {file.Get(), final_path}; }
};

namespace {

// Aim for chunks of about 512 KiB of doubles: large enough for good gzip
// ratios, small enough that reading one slice does not inflate the whole file.
constexpr std::size_t kChunkTargetElements = 64 * 1024;

std::filesystem::path TempPathFor(const std::filesystem::path& final_path) {
  static std::atomic<unsigned long> counter{0};
  return final_path.string() + ".tmp." + std::to_string(::getpid()) + "." +
         std::to_string(counter.fetch_add(1));
}

std::filesystem::path DirectoryOf(const std::filesystem::path& final_path) {
  const std::filesystem::path dir = final_path.parent_path();
  return dir.empty() ? std::filesystem::path(".") : dir;
}

void CheckDirectory(const std::filesystem::path& final_path) {
  const std::filesystem::path dir = DirectoryOf(final_path);
  std::error_code ec;
  const auto status = std::filesystem::status(dir, ec);
  if (!std::filesystem::exists(status)) {
    throw StoreError(final_path, "", "output directory does not exist: " + dir.string());
  }
  if (!std::filesystem::is_directory(status)) {
    throw StoreError(final_path, "", "output directory is not a directory: " + dir.string());
  }
  if (::access(dir.c_str(), W_OK | X_OK) != 0) {
    throw StoreError(
        final_path, "",
        "output directory is not writable: " + dir.string() + " (" + std::strerror(errno) + ")");
  }
}

void CheckDestination(const std::filesystem::path& final_path, bool overwrite) {
  std::error_code ec;
  const auto status = std::filesystem::symlink_status(final_path, ec);
  if (!std::filesystem::exists(status)) return;
  if (std::filesystem::is_directory(status)) {
    throw StoreError(final_path, "", "output path is an existing directory");
  }
  if (!overwrite) {
    throw StoreError(final_path, "", "output file already exists; use --overwrite to replace it");
  }
}

Handle CreateTempFile(const std::filesystem::path& final_path,
                      const std::filesystem::path& temp_path) {
  const FileRef ref{H5I_INVALID_HID, final_path};
  Handle fapl = Checked(H5Pcreate(H5P_FILE_ACCESS), H5Pclose, ref, "", "cannot create fapl");
  // STRONG: closing the file also closes anything still open inside it, so an
  // exception path can never keep the temporary file open.
  CheckStatus(H5Pset_fclose_degree(fapl.Get(), H5F_CLOSE_STRONG), ref, "",
              "cannot set close degree");
  return Checked(H5Fcreate(temp_path.c_str(), H5F_ACC_EXCL, H5P_DEFAULT, fapl.Get()), H5Fclose, ref,
                 "", "cannot create temporary file " + temp_path.string());
}

// fsync so the renamed file's contents are on disk before its name is.
void SyncPath(const std::filesystem::path& path, const std::filesystem::path& final_path,
              bool required) {
  const int fd = ::open(path.c_str(), O_RDONLY);
  const bool ok = fd >= 0 && ::fsync(fd) == 0;
  const int saved_errno = errno;
  if (fd >= 0) ::close(fd);
  if (!ok && required) {
    throw StoreError(final_path, "",
                     "cannot sync " + path.string() + ": " + std::strerror(saved_errno));
  }
}

Handle TimelessCreationPlist(const FileRef& ref, const std::string& path, hid_t plist_class) {
  Handle plist = Checked(H5Pcreate(plist_class), H5Pclose, ref, path, "cannot create plist");
  CheckStatus(H5Pset_obj_track_times(plist.Get(), false), ref, path,
              "cannot disable time tracking");
  return plist;
}

// Creates each missing group along the path; existing groups are kept.
void EnsureGroup(const FileRef& ref, const std::string& normalized) {
  if (normalized == "/") return;
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = normalized.find('/', pos + 1);
    const std::string prefix = normalized.substr(0, pos);
    if (detail::LinkExists(ref.id, prefix)) {
      Handle object = detail::OpenObject(ref, prefix);
      if (H5Iget_type(object.Get()) != H5I_GROUP) {
        throw StoreError(ref.path, prefix, "exists but is not a group");
      }
      continue;
    }
    Handle gcpl = TimelessCreationPlist(ref, prefix, H5P_GROUP_CREATE);
    Checked(H5Gcreate2(ref.id, prefix.c_str(), H5P_DEFAULT, gcpl.Get(), H5P_DEFAULT), H5Gclose, ref,
            prefix, "cannot create group");
  }
}

std::vector<hsize_t> ChunkShape(const std::vector<std::size_t>& shape) {
  std::vector<hsize_t> chunk(shape.begin(), shape.end());
  auto count = [&chunk] {
    hsize_t n = 1;
    for (hsize_t c : chunk) n *= c;
    return n;
  };
  // Halve the longest axis until the chunk is small enough.
  while (count() > kChunkTargetElements) {
    auto longest = std::max_element(chunk.begin(), chunk.end());
    *longest = (*longest + 1) / 2;
  }
  return chunk;
}

Handle DatasetCreationPlist(const FileRef& ref, const std::string& path,
                            const std::vector<std::size_t>& shape, bool compress) {
  Handle dcpl = TimelessCreationPlist(ref, path, H5P_DATASET_CREATE);
  if (!compress) return dcpl;
  const std::vector<hsize_t> chunk = ChunkShape(shape);
  CheckStatus(H5Pset_chunk(dcpl.Get(), static_cast<int>(chunk.size()), chunk.data()), ref, path,
              "cannot set chunking");
  CheckStatus(H5Pset_shuffle(dcpl.Get()), ref, path, "cannot enable shuffle filter");
  CheckStatus(H5Pset_deflate(dcpl.Get(), Hdf5Writer::kGzipLevel), ref, path,
              "cannot enable gzip filter");
  return dcpl;
}

std::vector<const char*> CStrings(const FileRef& ref, const std::string& path,
                                  const std::vector<std::string>& values) {
  std::vector<const char*> pointers;
  pointers.reserve(values.size());
  for (const std::string& value : values) {
    // Variable-length HDF5 strings are NUL-terminated; an embedded NUL would
    // silently truncate the value.
    if (value.find('\0') != std::string::npos) {
      throw StoreError(ref.path, path, "string contains a NUL character");
    }
    pointers.push_back(value.c_str());
  }
  return pointers;
}

// Replaces any existing attribute of the same name.
void WriteAttribute(const FileRef& ref, const std::string& path, hid_t object,
                    const std::string& key, hid_t file_type, hid_t memory_type,
                    const std::vector<std::size_t>& shape, const void* buffer) {
  const std::string where = path + " @" + key;
  const htri_t exists = H5Aexists(object, key.c_str());
  if (exists < 0) detail::ThrowHdf5(ref, where, "cannot query attribute");
  if (exists > 0) CheckStatus(H5Adelete(object, key.c_str()), ref, where, "cannot replace");
  Handle space = detail::MakeSpace(ref, where, shape);
  Handle attribute =
      Checked(H5Acreate2(object, key.c_str(), file_type, space.Get(), H5P_DEFAULT, H5P_DEFAULT),
              H5Aclose, ref, where, "cannot create attribute");
  if (detail::ElementCount(shape) == 0) return;
  CheckStatus(H5Awrite(attribute.Get(), memory_type, buffer), ref, where, "cannot write attribute");
}

void WriteStringsAttribute(const FileRef& ref, const std::string& path, hid_t object,
                           const std::string& key, const std::vector<std::string>& values,
                           bool scalar) {
  const std::vector<const char*> pointers = CStrings(ref, path, values);
  Handle type = detail::MakeStringType(ref, path);
  const std::vector<std::size_t> shape =
      scalar ? std::vector<std::size_t>{} : std::vector<std::size_t>{values.size()};
  WriteAttribute(ref, path, object, key, type.Get(), type.Get(), shape, pointers.data());
}

void WriteMeta(const FileRef& ref, const std::string& path, hid_t object, const ArrayMeta& meta) {
  WriteStringsAttribute(ref, path, object, "dims", meta.dims, false);
  WriteStringsAttribute(ref, path, object, "unit", {meta.unit}, true);
  WriteStringsAttribute(ref, path, object, "description", {meta.description}, true);
}

// What one dataset write needs, independent of the element type.
struct Payload {
  hid_t memory_type;
  hid_t file_type;
  const void* data;
  std::size_t count;
  std::vector<std::size_t> shape;
  bool compressible;
};

void CheckShape(const FileRef& ref, const std::string& path, const Payload& payload,
                const ArrayMeta& meta) {
  if (detail::ElementCount(payload.shape) != payload.count) {
    throw StoreError(ref.path, path,
                     "shape " + detail::ShapeToString(payload.shape) + " does not match " +
                         std::to_string(payload.count) + " data elements");
  }
  if (meta.dims.size() != payload.shape.size()) {
    throw StoreError(ref.path, path,
                     std::to_string(meta.dims.size()) + " dims given for rank " +
                         std::to_string(payload.shape.size()) + " data");
  }
}

void WriteDataset(const FileRef& ref, const std::string& path, const Payload& payload,
                  const ArrayMeta& meta) {
  const std::string normalized = detail::NormalizePath(ref, path);
  if (normalized == "/") throw StoreError(ref.path, path, "cannot write a dataset at the root");
  CheckShape(ref, normalized, payload, meta);
  if (detail::LinkExists(ref.id, normalized)) {
    throw StoreError(ref.path, normalized, "already exists");
  }
  EnsureGroup(ref, detail::ParentPath(normalized));
  Handle space = detail::MakeSpace(ref, normalized, payload.shape);
  const bool compress = payload.compressible && payload.count >= Hdf5Writer::kCompressMinElements;
  Handle dcpl = DatasetCreationPlist(ref, normalized, payload.shape, compress);
  Handle dataset = Checked(H5Dcreate2(ref.id, normalized.c_str(), payload.file_type, space.Get(),
                                      H5P_DEFAULT, dcpl.Get(), H5P_DEFAULT),
                           H5Dclose, ref, normalized, "cannot create dataset");
  if (payload.count > 0) {
    CheckStatus(
        H5Dwrite(dataset.Get(), payload.memory_type, H5S_ALL, H5S_ALL, H5P_DEFAULT, payload.data),
        ref, normalized, "cannot write dataset");
  }
  WriteMeta(ref, normalized, dataset.Get(), meta);
}

// Opens the target group or dataset (which must exist) and hands it to write.
template <typename Write>
void WithObject(const FileRef& ref, const std::string& object_path, Write write) {
  const std::string normalized = detail::NormalizePath(ref, object_path);
  Handle object = detail::OpenObject(ref, normalized);
  write(normalized, object.Get());
}

}  // namespace

Hdf5Writer::Hdf5Writer(std::unique_ptr<State> state) : state_(std::move(state)) {}
Hdf5Writer::Hdf5Writer(Hdf5Writer&& other) noexcept = default;
Hdf5Writer& Hdf5Writer::operator=(Hdf5Writer&& other) noexcept {
  if (this != &other) {
    Hdf5Writer discarded(std::move(*this));  // its destructor cleans up our old file
    state_ = std::move(other.state_);
  }
  return *this;
}

Hdf5Writer::~Hdf5Writer() {
  if (!state_ || state_->committed) return;
  state_->file.Close();
  std::error_code ignored;  // best effort: a destructor must not throw
  std::filesystem::remove(state_->temp_path, ignored);
}

Hdf5Writer Hdf5Writer::Create(const std::filesystem::path& final_path, bool overwrite) {
  detail::SilenceHdf5Errors();
  CheckDirectory(final_path);
  CheckDestination(final_path, overwrite);
  auto state = std::make_unique<State>();
  state->final_path = final_path;
  state->temp_path = TempPathFor(final_path);
  state->overwrite = overwrite;
  state->file = CreateTempFile(final_path, state->temp_path);
  return Hdf5Writer(std::move(state));
}

Hdf5Writer::State& Hdf5Writer::Open(const std::string& object_path) {
  detail::SilenceHdf5Errors();
  if (!state_ || state_->committed || !state_->file.Valid()) {
    throw StoreError(FinalPath(), object_path, "writer is closed (committed or moved from)");
  }
  return *state_;
}

const std::filesystem::path& Hdf5Writer::FinalPath() const noexcept {
  static const std::filesystem::path kNone;
  return state_ ? state_->final_path : kNone;
}

const std::filesystem::path& Hdf5Writer::TempPath() const noexcept {
  static const std::filesystem::path kNone;
  return state_ ? state_->temp_path : kNone;
}

void Hdf5Writer::CreateGroup(const std::string& path) {
  const FileRef ref = Open(path).Ref();
  EnsureGroup(ref, detail::NormalizePath(ref, path));
}

void Hdf5Writer::WriteAxis(const std::string& name, const std::vector<std::string>& labels) {
  const std::string path = "/sets/" + name;
  const FileRef ref = Open(path).Ref();
  if (name.empty() || name.find('/') != std::string::npos) {
    throw StoreError(ref.path, path, "axis name must be non-empty and contain no '/'");
  }
  std::unordered_set<std::string> seen;
  for (const std::string& label : labels) {
    if (!seen.insert(label).second) {
      throw StoreError(ref.path, path, "duplicate axis label '" + label + "'");
    }
  }
  WriteStrings(path, labels, ArrayMeta{{name}, "", "labels of set " + name});
}

void Hdf5Writer::WriteArray(const std::string& path, std::span<const double> data,
                            const std::vector<std::size_t>& shape, const ArrayMeta& meta) {
  const FileRef ref = Open(path).Ref();
  WriteDataset(ref, path,
               {H5T_NATIVE_DOUBLE, H5T_IEEE_F64LE, data.data(), data.size(), shape, true}, meta);
}

void Hdf5Writer::WriteIntArray(const std::string& path, std::span<const long long> data,
                               const std::vector<std::size_t>& shape, const ArrayMeta& meta) {
  const FileRef ref = Open(path).Ref();
  WriteDataset(ref, path, {H5T_NATIVE_LLONG, H5T_STD_I64LE, data.data(), data.size(), shape, true},
               meta);
}

void Hdf5Writer::WriteStrings(const std::string& path, const std::vector<std::string>& values,
                              const ArrayMeta& meta) {
  const FileRef ref = Open(path).Ref();
  const std::vector<const char*> pointers = CStrings(ref, path, values);
  Handle type = detail::MakeStringType(ref, path);
  // Compressing variable-length strings only compresses heap pointers: skip it.
  WriteDataset(ref, path,
               {type.Get(), type.Get(), pointers.data(), values.size(), {values.size()}, false},
               meta);
}

void Hdf5Writer::SetAttribute(const std::string& object_path, const std::string& key,
                              const std::string& value) {
  const FileRef ref = Open(object_path).Ref();
  WithObject(ref, object_path, [&](const std::string& path, hid_t object) {
    WriteStringsAttribute(ref, path, object, key, {value}, true);
  });
}

void Hdf5Writer::SetAttribute(const std::string& object_path, const std::string& key,
                              const char* value) {
  if (value == nullptr) throw StoreError(FinalPath(), object_path, "null string for " + key);
  SetAttribute(object_path, key, std::string(value));
}

void Hdf5Writer::SetAttribute(const std::string& object_path, const std::string& key,
                              double value) {
  const FileRef ref = Open(object_path).Ref();
  WithObject(ref, object_path, [&](const std::string& path, hid_t object) {
    WriteAttribute(ref, path, object, key, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {}, &value);
  });
}

void Hdf5Writer::SetAttribute(const std::string& object_path, const std::string& key,
                              long long value) {
  const FileRef ref = Open(object_path).Ref();
  WithObject(ref, object_path, [&](const std::string& path, hid_t object) {
    WriteAttribute(ref, path, object, key, H5T_STD_I64LE, H5T_NATIVE_LLONG, {}, &value);
  });
}

void Hdf5Writer::SetAttribute(const std::string& object_path, const std::string& key,
                              const std::vector<std::string>& values) {
  const FileRef ref = Open(object_path).Ref();
  WithObject(ref, object_path, [&](const std::string& path, hid_t object) {
    WriteStringsAttribute(ref, path, object, key, values, false);
  });
}

void Hdf5Writer::SetAttribute(const std::string& object_path, const std::string& key,
                              const std::vector<double>& values) {
  const FileRef ref = Open(object_path).Ref();
  WithObject(ref, object_path, [&](const std::string& path, hid_t object) {
    WriteAttribute(ref, path, object, key, H5T_IEEE_F64LE, H5T_NATIVE_DOUBLE, {values.size()},
                   values.data());
  });
}

void Hdf5Writer::Commit() {
  State& state = Open("");
  const FileRef ref = state.Ref();
  // Re-check: another process may have created the file since Create().
  std::error_code ec;
  if (!state.overwrite && std::filesystem::exists(state.final_path, ec)) {
    throw StoreError(ref.path, "",
                     "output file appeared while writing; use --overwrite to replace it");
  }
  CheckStatus(H5Fflush(ref.id, H5F_SCOPE_GLOBAL), ref, "", "cannot flush file");
  if (!state.file.Close()) detail::ThrowHdf5(ref, "", "cannot close temporary file");
  SyncPath(state.temp_path, state.final_path, true);
  std::filesystem::rename(state.temp_path, state.final_path, ec);
  if (ec) {
    throw StoreError(state.final_path, "",
                     "cannot rename " + state.temp_path.string() + " into place: " + ec.message());
  }
  state.committed = true;
  // The rename itself is durable only once the directory entry is synced;
  // some filesystems refuse to fsync directories, which is not worth failing.
  SyncPath(DirectoryOf(state.final_path), state.final_path, false);
}

}  // namespace peninsula::io
