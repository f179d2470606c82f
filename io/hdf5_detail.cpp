// Internal helpers shared by the HDF5 writer and reader (see hdf5_detail.hpp).
#include "io/hdf5_detail.hpp"

#include <algorithm>
#include <limits>

#include "io/hdf5_store.hpp"

namespace peninsula::io::detail {
namespace {

// Collects one line per error-stack entry, innermost (most specific) first.
herr_t CollectError(unsigned /*n*/, const H5E_error2_t* error, void* client_data) {
  auto* lines = static_cast<std::vector<std::string>*>(client_data);
  std::string line = error->desc != nullptr ? error->desc : "";
  if (line.empty() && error->func_name != nullptr) line = error->func_name;
  lines->push_back(std::move(line));
  return 0;
}

// The outermost entry says what the API call was doing; the innermost often
// says why (e.g. errno text from the file driver). Both are worth showing.
std::string TakeErrorDetail() {
  std::vector<std::string> lines;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, CollectError, &lines);
  H5Eclear2(H5E_DEFAULT);
  if (lines.empty()) return "";
  if (lines.size() == 1 || lines.front() == lines.back()) return lines.front();
  return lines.back() + " (" + lines.front() + ")";
}

std::vector<std::string> SplitPath(const FileRef& file, const std::string& path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string::npos) end = path.size();
    std::string part = path.substr(start, end - start);
    if (part == "." || part == "..") {
      throw StoreError(file.path, path, "object paths may not contain '.' or '..'");
    }
    if (!part.empty()) parts.push_back(std::move(part));
    start = end + 1;
  }
  return parts;
}

}  // namespace

void SilenceHdf5Errors() {
  thread_local bool silenced = false;
  if (silenced) return;
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
  silenced = true;
}

void ThrowHdf5(const FileRef& file, const std::string& object_path, const std::string& what) {
  const std::string detail = TakeErrorDetail();
  throw StoreError(file.path, object_path, detail.empty() ? what : what + ": " + detail);
}

Handle Checked(hid_t id, Handle::Closer closer, const FileRef& file, const std::string& object_path,
               const std::string& what) {
  if (id < 0) ThrowHdf5(file, object_path, what);
  return Handle(id, closer);
}

void CheckStatus(herr_t status, const FileRef& file, const std::string& object_path,
                 const std::string& what) {
  if (status < 0) ThrowHdf5(file, object_path, what);
}

std::string NormalizePath(const FileRef& file, const std::string& path) {
  std::string normalized;
  for (const std::string& part : SplitPath(file, path)) normalized += "/" + part;
  return normalized.empty() ? "/" : normalized;
}

std::string ParentPath(const std::string& normalized) {
  const std::size_t slash = normalized.rfind('/');
  return (slash == 0 || slash == std::string::npos) ? "/" : normalized.substr(0, slash);
}

std::string BaseName(const std::string& normalized) {
  return normalized.substr(normalized.rfind('/') + 1);
}

bool LinkExists(hid_t file, const std::string& normalized) {
  if (normalized == "/") return true;
  // H5Lexists fails (rather than returning false) when an intermediate link
  // is missing, so check each prefix in turn.
  std::size_t pos = 0;
  while (pos != std::string::npos) {
    pos = normalized.find('/', pos + 1);
    const std::string prefix = normalized.substr(0, pos);
    const htri_t exists = H5Lexists(file, prefix.c_str(), H5P_DEFAULT);
    if (exists <= 0) {
      H5Eclear2(H5E_DEFAULT);
      return false;
    }
  }
  return true;
}

Handle OpenObject(const FileRef& file, const std::string& normalized) {
  if (!LinkExists(file.id, normalized)) {
    throw StoreError(file.path, normalized, "no such object");
  }
  return Checked(H5Oopen(file.id, normalized.c_str(), H5P_DEFAULT), H5Oclose, file, normalized,
                 "cannot open object");
}

Handle MakeStringType(const FileRef& file, const std::string& object_path) {
  Handle type = Checked(H5Tcopy(H5T_C_S1), H5Tclose, file, object_path, "cannot copy string type");
  CheckStatus(H5Tset_size(type.Get(), H5T_VARIABLE), file, object_path,
              "cannot make string type variable-length");
  CheckStatus(H5Tset_cset(type.Get(), H5T_CSET_UTF8), file, object_path,
              "cannot set UTF-8 character set");
  return type;
}

Handle MakeSpace(const FileRef& file, const std::string& object_path,
                 const std::vector<std::size_t>& shape) {
  if (shape.empty()) {
    return Checked(H5Screate(H5S_SCALAR), H5Sclose, file, object_path,
                   "cannot create scalar dataspace");
  }
  if (shape.size() > H5S_MAX_RANK) {
    throw StoreError(file.path, object_path,
                     "rank " + std::to_string(shape.size()) + " exceeds HDF5's limit of " +
                         std::to_string(H5S_MAX_RANK));
  }
  const std::vector<hsize_t> dims(shape.begin(), shape.end());
  return Checked(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose,
                 file, object_path, "cannot create dataspace of shape " + ShapeToString(shape));
}

std::vector<std::size_t> SpaceShape(const FileRef& file, const std::string& object_path,
                                    hid_t space) {
  switch (H5Sget_simple_extent_type(space)) {
    case H5S_SCALAR:
      return {};
    case H5S_NULL:  // h5py's "Empty": no elements at all
      return {0};
    case H5S_SIMPLE:
      break;
    default:
      ThrowHdf5(file, object_path, "cannot query dataspace");
  }
  const int rank = H5Sget_simple_extent_ndims(space);
  if (rank < 0) ThrowHdf5(file, object_path, "cannot query dataspace rank");
  std::vector<hsize_t> dims(static_cast<std::size_t>(rank));
  CheckStatus(H5Sget_simple_extent_dims(space, dims.data(), nullptr), file, object_path,
              "cannot query dataspace dimensions");
  return {dims.begin(), dims.end()};
}

std::size_t ElementCount(const std::vector<std::size_t>& shape) {
  constexpr std::size_t kMax = std::numeric_limits<std::size_t>::max();
  if (std::find(shape.begin(), shape.end(), 0) != shape.end()) return 0;
  // Saturate rather than wrap, so an absurd shape can never match a data size.
  std::size_t count = 1;
  for (std::size_t extent : shape) count = count > kMax / extent ? kMax : count * extent;
  return count;
}

std::string ShapeToString(const std::vector<std::size_t>& shape) {
  std::string text = "[";
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (i > 0) text += ", ";
    text += std::to_string(shape[i]);
  }
  return text + "]";
}

}  // namespace peninsula::io::detail
