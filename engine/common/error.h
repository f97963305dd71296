#pragma once
// Typed errors of the engine. The engine never prints and never exits: entry points catch these,
// print one clear line and return non-zero.
#include <stdexcept>
#include <string>

namespace flowcnn {

class Error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};
// A file could not be opened, read or written (missing, permissions, disk full).
class IoError : public Error {
public:
    using Error::Error;
};
// A file is not in the expected format, or is corrupt, truncated or from a newer version.
class FormatError : public Error {
public:
    using Error::Error;
};
// Bad options or arguments.
class ConfigError : public Error {
public:
    using Error::Error;
};
// A job stopped because its CancelToken was set.
class CancelledError : public Error {
public:
    CancelledError() : Error("cancelled") {}
};

}  // namespace flowcnn
