#pragma once
// A small argument parser shared by the subcommands: positional arguments, `--opt VALUE`,
// `--opt=VALUE` and flags. Unknown options and missing values throw ConfigError (exit code 2).
// Also: progress lines on stderr and Ctrl-C -> CancelToken.
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/common/progress.h"

namespace flowcnn::cli {

class Args {
public:
    // `value_options` take a value ("--label"), `flags` do not ("--folder-per-class").
    Args(const std::vector<std::string>& argv, std::initializer_list<std::string_view> value_options,
         std::initializer_list<std::string_view> flags = {});

    const std::vector<std::string>& positional() const { return positional_; }
    // Throws ConfigError unless there are between min and max positional arguments.
    void expect_positional(std::size_t min, std::size_t max, std::string_view what) const;

    bool has(std::string_view name) const;          // value option given, or flag set
    bool flag(std::string_view name) const { return has(name); }
    std::optional<std::string> get(std::string_view name) const;  // last value given
    std::vector<std::string> all(std::string_view name) const;    // every value given, in order
    std::string get_or(std::string_view name, std::string_view fallback) const;
    long long get_int(std::string_view name, long long fallback, long long lo, long long hi) const;
    double get_double(std::string_view name, double fallback, double lo, double hi) const;

private:
    std::vector<std::string> positional_;
    std::vector<std::pair<std::string, std::string>> values_;  // name (without --), value
};

long long parse_int(std::string_view what, std::string_view v, long long lo, long long hi);
double parse_double(std::string_view what, std::string_view v, double lo, double hi);
std::vector<std::string> split(std::string_view s, char sep);

// Progress on stderr: one updating line on a terminal, a line every few seconds otherwise.
class ProgressPrinter {
public:
    explicit ProgressPrinter(bool quiet = false);
    ~ProgressPrinter();  // ends the updating line
    ProgressFn fn();
    void done();  // ends the updating line now

private:
    bool quiet_, tty_;
    bool open_line_ = false;
    std::int64_t last_ms_ = -1000000;
};

// While alive, Ctrl-C (SIGINT) cancels `token`; a second Ctrl-C kills the program as usual.
class CancelOnSigint {
public:
    explicit CancelOnSigint(CancelToken& token);
    ~CancelOnSigint();
    CancelOnSigint(const CancelOnSigint&) = delete;
    CancelOnSigint& operator=(const CancelOnSigint&) = delete;
};

// Human-readable numbers: 1234567 -> "1,234,567".
std::string thousands(std::int64_t n);

}  // namespace flowcnn::cli
