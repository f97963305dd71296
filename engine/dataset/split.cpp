#include "engine/dataset/split.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <numeric>
#include <random>
#include <unordered_map>

#include "engine/common/error.h"
#include "engine/dataset/audit.h"
#include "engine/store/datasets.h"
#include "engine/common/json_text.h"
#include "engine/store/project.h"

namespace flowcnn::dataset {
namespace {

// splitmix64: a small, portable generator (std::shuffle differs between standard libraries).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : s_(seed) {}
    std::uint64_t next() {
        std::uint64_t z = (s_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    std::size_t below(std::size_t n) { return static_cast<std::size_t>(next() % n); }
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }

private:
    std::uint64_t s_;
};

// The first 16 hex digits of an image SHA-1 as a number: the grouping key of identical images
// (a chance collision would only keep two images on the same side).
std::uint64_t sha1_prefix(const std::string& hex) {
    std::uint64_t v = 0;
    for (std::size_t i = 0; i < 16 && i < hex.size(); ++i) {
        const char c = hex[i];
        v = (v << 4) | static_cast<std::uint64_t>(c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    return v;
}

struct UnionFind {
    std::vector<std::uint32_t> parent;
    explicit UnionFind(std::size_t n) : parent(n) { std::iota(parent.begin(), parent.end(), 0u); }
    std::uint32_t find(std::uint32_t x) {
        while (parent[x] != x) x = parent[x] = parent[parent[x]];
        return x;
    }
    void unite(std::uint32_t a, std::uint32_t b) {
        a = find(a);
        b = find(b);
        if (a != b) parent[std::max(a, b)] = std::min(a, b);
    }
};

struct Candidate {
    std::int64_t id;
    std::int32_t label;  // index into the label list
    std::int32_t image;  // index of the distinct image
    std::int64_t capture;
};

// Splits n into parts proportional to `want` (largest remainder), summing to n.
std::array<std::int64_t, 3> scale(std::int64_t n, const std::array<std::int64_t, 3>& want) {
    const std::int64_t sum = want[0] + want[1] + want[2];
    std::array<std::int64_t, 3> out{};
    std::array<double, 3> rem{};
    std::int64_t used = 0;
    for (std::size_t s = 0; s < 3; ++s) {
        const double exact = static_cast<double>(n) * static_cast<double>(want[s]) / static_cast<double>(sum);
        out[s] = static_cast<std::int64_t>(std::floor(exact));
        rem[s] = exact - static_cast<double>(out[s]);
        used += out[s];
    }
    while (used < n) {
        std::size_t best = 0;
        for (std::size_t s = 1; s < 3; ++s)
            if (rem[s] > rem[best]) best = s;
        ++out[best];
        rem[best] = -1;
        ++used;
    }
    return out;
}

void validate(const SplitOptions& o) {
    if (o.by_counts) {
        if (o.train_count < 0 || o.val_count < 0 || o.test_count < 0)
            throw ConfigError("split counts must not be negative");
        if (o.train_count == 0) throw ConfigError("the train count must be positive");
    } else {
        for (double f : {o.train_fraction, o.val_fraction, o.test_fraction})
            if (!(f >= 0.0 && f <= 1.0)) throw ConfigError("split fractions must be between 0 and 1");
        if (o.train_fraction <= 0) throw ConfigError("the train fraction must be positive");
        if (o.train_fraction + o.val_fraction + o.test_fraction > 1.0 + 1e-9)
            throw ConfigError("split fractions add up to more than 1");
    }
    if (o.min_flows < 0) throw ConfigError("min_flows must not be negative");
    if (o.payload_bytes < 1 || o.payload_bytes > static_cast<int>(flow::kImageBytes))
        throw ConfigError("payload bytes must be between 1 and 784");
    if (o.max_train_per_capture < 0) throw ConfigError("the flows per capture limit must not be negative");
}

// Fractions over whole capture files: a group (a capture, or captures linked by a shared image) is
// never cut, so no flow is left out for want of room. Each group, larger first, goes to the split
// that brings the per-class counts closest to their targets: the least increase of the sum over the
// group's classes of (count - target)^2 / flows^2 (divided by the class's flows squared so that a
// small class weighs as much as a large one). Cutting groups to quotas, as the count mode does, lost
// half the flows of multi-class captures and left most classes without validation flows.
void assign_whole_groups(const std::vector<std::vector<std::uint32_t>>& groups, const std::vector<Candidate>& cands,
                         const std::vector<std::int32_t>& class_of,
                         const std::vector<std::array<std::int64_t, 3>>& quota,
                         const std::vector<std::int64_t>& available, const SplitOptions& o, MakeDatasetResult& res,
                         std::vector<std::pair<std::int64_t, std::array<std::int32_t, 2>>>& chosen) {
    const std::size_t nclasses = quota.size();
    // Slot 3: flows left out when the fractions add up to less than 1.
    std::vector<std::array<std::int64_t, 4>> target(nclasses), got(nclasses, std::array<std::int64_t, 4>{});
    for (std::size_t k = 0; k < nclasses; ++k)
        target[k] = {quota[k][0], quota[k][1], quota[k][2],
                     std::max<std::int64_t>(0, available[k] - quota[k][0] - quota[k][1] - quota[k][2])};
    const std::array<double, 3> fraction{o.train_fraction, o.val_fraction, o.test_fraction};
    const bool leave_out = o.train_fraction + o.val_fraction + o.test_fraction < 1.0 - 1e-9;
    std::vector<std::int64_t> in_group(nclasses);
    for (const auto& g : groups) {
        std::fill(in_group.begin(), in_group.end(), 0);
        for (auto i : g) ++in_group[static_cast<std::size_t>(class_of[static_cast<std::size_t>(cands[i].label)])];
        int split = -1;
        double best = 0;
        for (int s = 0; s < 4; ++s) {
            if (s < 3 ? !(fraction[static_cast<std::size_t>(s)] > 0) : !leave_out) continue;
            double cost = 0;
            for (std::size_t k = 0; k < nclasses; ++k) {
                const auto n = in_group[k];
                if (n == 0) continue;
                const auto d = static_cast<double>(got[k][static_cast<std::size_t>(s)] -
                                                   target[k][static_cast<std::size_t>(s)]);
                const auto a = static_cast<double>(std::max<std::int64_t>(1, available[k]));
                cost += static_cast<double>(n) * (2 * d + static_cast<double>(n)) / (a * a);
            }
            if (split < 0 || cost < best - 1e-12) {
                split = s;
                best = cost;
            }
        }
        for (auto i : g) {
            const auto k = class_of[static_cast<std::size_t>(cands[i].label)];
            ++got[static_cast<std::size_t>(k)][static_cast<std::size_t>(split)];
            if (split < 3) chosen.push_back({cands[i].id, {split, k}});
        }
    }
    for (std::size_t k = 0; k < nclasses; ++k)
        for (std::size_t s = 1; s < 3; ++s)
            if (fraction[s] > 0 && got[k][s] == 0)
                res.warnings.push_back("class " + res.classes[k] + ": no " + kSplits[s] + " flows (its " +
                                       std::to_string(available[k]) +
                                       " flows come from captures that went to other splits): it cannot be "
                                       "scored on unseen captures");
}

}  // namespace

std::string split_params_json(const SplitOptions& o, const std::vector<std::string>& warnings) {
    store::JsonWriter j;
    j.begin_object();
    j.key("method").value(o.by_counts ? "counts" : "fractions");
    if (o.by_counts) {
        j.key("per_class").begin_array().value(o.train_count).value(o.val_count).value(o.test_count).end_array();
    } else {
        j.key("fractions").begin_array().value(o.train_fraction).value(o.val_fraction).value(o.test_fraction).end_array();
    }
    j.key("group_by").value(o.group_by_capture ? "capture" : "flow");
    j.key("duplicates").value(o.duplicates == DuplicatePolicy::KeepTogether ? "keep_together" : "drop_copies");
    j.key("seed").value(o.seed);
    j.key("min_flows").value(o.min_flows);
    j.key("labels").begin_array();
    for (auto& l : o.labels) j.value(l);
    j.end_array();
    j.key("fill").value(flow::fill_mode_name(o.fill));
    // Written only when set, so that the stored options of older datasets read the same.
    if (o.payload_bytes != static_cast<int>(flow::kImageBytes))
        j.key("payload_bytes").value(static_cast<std::int64_t>(o.payload_bytes));
    if (o.blank_session_fields) j.key("blank_session_fields").value(true);
    if (o.max_train_per_capture > 0) j.key("max_train_per_capture").value(o.max_train_per_capture);
    j.key("warnings").begin_array();
    for (auto& w : warnings) j.value(w);
    j.end_array();
    j.end_object();
    return j.str();
}

std::vector<char> keep_at_most_per_capture(const std::vector<std::pair<std::int64_t, std::int32_t>>& capture_class,
                                           std::size_t n, std::uint64_t seed) {
    std::map<std::pair<std::int64_t, std::int32_t>, std::vector<std::size_t>> groups;
    for (std::size_t i = 0; i < capture_class.size(); ++i) groups[capture_class[i]].push_back(i);
    std::vector<char> keep(capture_class.size(), 1);
    std::mt19937_64 rng(seed);
    for (auto& [key, members] : groups) {
        if (members.size() <= n) continue;
        std::shuffle(members.begin(), members.end(), rng);
        for (std::size_t j = n; j < members.size(); ++j) keep[members[j]] = 0;
    }
    return keep;
}

namespace {

// The candidate flows and what step 1 learned about them, shared by the steps that follow.
struct Pool {
    std::vector<std::string> labels;
    std::unordered_map<std::string, std::int32_t> label_index;
    std::unordered_map<std::uint64_t, std::int32_t> image_index;  // first 64 bits of the SHA-1
    std::vector<Candidate> cands;
    std::vector<bool> wanted;  // by label index
};

// A flow id with its {split, class}.
using Chosen = std::vector<std::pair<std::int64_t, std::array<std::int32_t, 2>>>;

// 1. Candidates: labelled flows with an image, in id order.
Pool collect_candidates(store::Database& db, const SplitOptions& options) {
    Pool p;
    store::for_each_split_candidate(db, [&](const store::SplitCandidateView& f) {
        auto li = p.label_index.find(f.label);
        if (li == p.label_index.end()) {
            li = p.label_index.emplace(f.label, static_cast<std::int32_t>(p.labels.size())).first;
            p.labels.push_back(f.label);
        }
        auto ii =
            p.image_index.emplace(sha1_prefix(f.image_sha1), static_cast<std::int32_t>(p.image_index.size())).first;
        p.cands.push_back({f.id, li->second, ii->second, f.capture_id});
    });
    p.wanted.assign(p.labels.size(), options.labels.empty());
    for (auto& l : options.labels) {
        auto it = p.label_index.find(l);
        if (it == p.label_index.end()) throw ConfigError("no labelled flows with images for label '" + l + "'");
        p.wanted[static_cast<std::size_t>(it->second)] = true;
    }
    return p;
}

// 2a. Duplicates among the candidates of the wanted labels (counted before the policy drops any).
void count_duplicates(const Pool& p, MakeDatasetResult& res) {
    std::vector<std::int32_t> copies(p.image_index.size(), 0);
    for (auto& c : p.cands)
        if (p.wanted[static_cast<std::size_t>(c.label)]) ++copies[static_cast<std::size_t>(c.image)];
    for (auto n : copies) {
        if (n > 1) {
            ++res.duplicate_images;
            res.duplicate_flows += n;
        }
    }
}

// 2b. The policy: keep only the wanted labels and, with DropCopies, the first flow of each image
// (none of an image that carries several labels).
void apply_duplicate_policy(Pool& p, const SplitOptions& options, MakeDatasetResult& res) {
    if (options.duplicates != DuplicatePolicy::DropCopies) {
        std::erase_if(p.cands, [&](const Candidate& c) { return !p.wanted[static_cast<std::size_t>(c.label)]; });
        return;
    }
    std::vector<std::int32_t> first_label(p.image_index.size(), -1);
    std::vector<bool> conflict(p.image_index.size(), false);
    for (auto& c : p.cands) {
        if (!p.wanted[static_cast<std::size_t>(c.label)]) continue;
        auto& fl = first_label[static_cast<std::size_t>(c.image)];
        if (fl < 0) fl = c.label;
        else if (fl != c.label) conflict[static_cast<std::size_t>(c.image)] = true;
    }
    std::vector<bool> seen(p.image_index.size(), false);
    std::vector<Candidate> kept;
    for (auto& c : p.cands) {
        if (!p.wanted[static_cast<std::size_t>(c.label)]) continue;
        const auto im = static_cast<std::size_t>(c.image);
        if (conflict[im]) {
            ++res.conflict_flows_dropped;
        } else if (seen[im]) {
            ++res.duplicate_flows_dropped;
        } else {
            seen[im] = true;
            kept.push_back(c);
        }
    }
    p.cands.swap(kept);
}

// 3. Classes: by label name, with at least min_flows flows. Fills res.classes, drops the
// candidates of labels left out and returns the class of each label (-1: none).
std::vector<std::int32_t> choose_classes(Pool& p, const SplitOptions& options, MakeDatasetResult& res) {
    const auto& labels = p.labels;
    std::vector<std::int64_t> per_label(labels.size(), 0);
    for (auto& c : p.cands) ++per_label[static_cast<std::size_t>(c.label)];
    std::vector<std::int32_t> class_of(labels.size(), -1);
    std::vector<std::size_t> order(labels.size());
    std::iota(order.begin(), order.end(), 0);
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return labels[a] < labels[b]; });
    for (auto l : order) {
        if (!p.wanted[l] || per_label[l] == 0) continue;
        if (per_label[l] < options.min_flows) {
            res.warnings.push_back("class " + labels[l] + " left out: " + std::to_string(per_label[l]) +
                                   " flows, fewer than " + std::to_string(options.min_flows));
            continue;
        }
        class_of[l] = static_cast<std::int32_t>(res.classes.size());
        res.classes.push_back(labels[l]);
    }
    if (res.classes.empty()) throw ConfigError("no class has labelled flows with images to build a dataset from");
    if (res.classes.size() == 1) res.warnings.push_back("the dataset has a single class");
    std::erase_if(p.cands, [&](const Candidate& c) { return class_of[static_cast<std::size_t>(c.label)] < 0; });
    return class_of;
}

// 4. Quotas per class and split, from the flows available to each class.
std::vector<std::array<std::int64_t, 3>> quotas(const std::vector<std::int64_t>& available, const SplitOptions& options,
                                                MakeDatasetResult& res) {
    std::vector<std::array<std::int64_t, 3>> quota(available.size());
    for (std::size_t k = 0; k < available.size(); ++k) {
        const auto n = available[k];
        if (options.by_counts) {
            const std::array<std::int64_t, 3> want{options.train_count, options.val_count, options.test_count};
            if (n >= want[0] + want[1] + want[2]) {
                quota[k] = want;
            } else {
                quota[k] = scale(n, want);
                res.warnings.push_back("class " + res.classes[k] + " has " + std::to_string(n) + " flows, fewer than " +
                                       std::to_string(want[0] + want[1] + want[2]) + " asked for: split " +
                                       std::to_string(quota[k][0]) + "/" + std::to_string(quota[k][1]) + "/" +
                                       std::to_string(quota[k][2]));
            }
        } else {
            const auto part = [&](double f) {
                return static_cast<std::int64_t>(std::llround(static_cast<double>(n) * f));
            };
            const std::int64_t v = part(options.val_fraction), t = part(options.test_fraction);
            const double sum = options.train_fraction + options.val_fraction + options.test_fraction;
            std::int64_t tr = sum > 1.0 - 1e-9 ? n - v - t : part(options.train_fraction);
            quota[k] = {std::max<std::int64_t>(tr, 0), v, t};
        }
    }
    return quota;
}

// 5. Groups: union of duplicates (same image) and, optionally, of whole captures; each group lists
// candidate indexes in order, groups in order of their first member.
std::vector<std::vector<std::uint32_t>> make_groups(const std::vector<Candidate>& cands, const SplitOptions& options) {
    UnionFind uf(cands.size());
    {
        std::unordered_map<std::int32_t, std::uint32_t> first_of_image;
        std::unordered_map<std::int64_t, std::uint32_t> first_of_capture;
        for (std::uint32_t i = 0; i < cands.size(); ++i) {
            if (options.duplicates == DuplicatePolicy::KeepTogether) {
                auto [it, fresh] = first_of_image.emplace(cands[i].image, i);
                if (!fresh) uf.unite(it->second, i);
            }
            if (options.group_by_capture) {
                auto [it, fresh] = first_of_capture.emplace(cands[i].capture, i);
                if (!fresh) uf.unite(it->second, i);
            }
        }
    }
    std::vector<std::vector<std::uint32_t>> groups;
    std::unordered_map<std::uint32_t, std::size_t> group_of_root;
    for (std::uint32_t i = 0; i < cands.size(); ++i) {
        auto [it, fresh] = group_of_root.emplace(uf.find(i), groups.size());
        if (fresh) groups.emplace_back();
        groups[it->second].push_back(i);
    }
    return groups;
}

// 6, count mode (and fractions over single flows): each group, its members shuffled with `rng`,
// to a split of its main class; flows beyond the quota are left out. Returns the quotas left.
std::vector<std::array<std::int64_t, 3>> assign_to_quotas(std::vector<std::vector<std::uint32_t>>& groups,
                                                          const std::vector<Candidate>& cands,
                                                          const std::vector<std::int32_t>& class_of,
                                                          const std::vector<std::array<std::int64_t, 3>>& quota,
                                                          Rng& rng, Chosen& chosen) {
    std::vector<std::array<std::int64_t, 3>> left = quota;
    std::vector<std::int64_t> in_group(quota.size());
    for (auto& g : groups) {
        if (g.size() > 1) rng.shuffle(g);
        std::fill(in_group.begin(), in_group.end(), 0);
        for (auto i : g) ++in_group[static_cast<std::size_t>(class_of[static_cast<std::size_t>(cands[i].label)])];
        const auto main_class = static_cast<std::size_t>(
            std::max_element(in_group.begin(), in_group.end()) - in_group.begin());
        // The least-filled split the group fits in whole; failing that, the least-filled one (the
        // group is then cut to the quota).
        int split = -1;
        double best = 0;
        bool best_fits = false;
        for (int s = 0; s < 3; ++s) {
            const auto su = static_cast<std::size_t>(s);
            if (quota[main_class][su] == 0 || left[main_class][su] == 0) continue;
            const bool fits = left[main_class][su] >= in_group[main_class];
            const double fill = static_cast<double>(left[main_class][su]) / static_cast<double>(quota[main_class][su]);
            if ((fits && !best_fits) || (fits == best_fits && fill > best)) {
                best = fill;
                best_fits = fits;
                split = s;
            }
        }
        if (split < 0) continue;
        const auto su = static_cast<std::size_t>(split);
        for (auto i : g) {
            const auto k = class_of[static_cast<std::size_t>(cands[i].label)];
            auto& l = left[static_cast<std::size_t>(k)][su];
            if (l == 0) continue;
            --l;
            chosen.push_back({cands[i].id, {split, k}});
        }
    }
    return left;
}

// 6. Assignment in a seeded random order: the groups are shuffled, then larger groups go first
// (they are the hard ones to fit; singletons fill the remaining quotas exactly). Returns the
// chosen flows sorted by id.
Chosen assign(std::vector<std::vector<std::uint32_t>> groups, const std::vector<Candidate>& cands,
              const std::vector<std::int32_t>& class_of, const std::vector<std::array<std::int64_t, 3>>& quota,
              const std::vector<std::int64_t>& available, const SplitOptions& options, MakeDatasetResult& res) {
    Rng rng(options.seed);
    rng.shuffle(groups);
    std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) { return a.size() > b.size(); });
    Chosen chosen;
    if (options.group_by_capture && !options.by_counts) {
        assign_whole_groups(groups, cands, class_of, quota, available, options, res, chosen);
        groups.clear();  // assigned
    }
    // With whole groups assigned, no groups are left and `left` is never read.
    const auto left = assign_to_quotas(groups, cands, class_of, quota, rng, chosen);
    for (std::size_t k = 0; k < quota.size() && !(options.group_by_capture && !options.by_counts); ++k)
        for (std::size_t s = 0; s < 3; ++s)
            if (left[k][s] > 0)
                res.warnings.push_back("class " + res.classes[k] + ": " + kSplits[s] + " has " +
                                       std::to_string(quota[k][s] - left[k][s]) + " of " + std::to_string(quota[k][s]) +
                                       " flows (groups of duplicates or captures did not fit)");
    std::sort(chosen.begin(), chosen.end());
    return chosen;
}

// 6b. The limit of train flows per capture and class: a seeded choice within each group.
void cap_train_per_capture(Chosen& chosen, const std::vector<Candidate>& cands, const SplitOptions& options,
                           MakeDatasetResult& res) {
    std::unordered_map<std::int64_t, std::int64_t> capture_of;
    for (auto& c : cands) capture_of.emplace(c.id, c.capture);
    std::vector<std::size_t> train_at;
    std::vector<std::pair<std::int64_t, std::int32_t>> keys;
    for (std::size_t i = 0; i < chosen.size(); ++i)
        if (chosen[i].second[0] == 0) {
            train_at.push_back(i);
            keys.emplace_back(capture_of.at(chosen[i].first), chosen[i].second[1]);
        }
    const auto keep =
        keep_at_most_per_capture(keys, static_cast<std::size_t>(options.max_train_per_capture), options.seed);
    std::vector<char> drop(chosen.size(), 0);
    for (std::size_t j = 0; j < train_at.size(); ++j) drop[train_at[j]] = keep[j] ? 0 : 1;
    std::size_t out = 0;
    for (std::size_t i = 0; i < chosen.size(); ++i)
        if (!drop[i]) chosen[out++] = chosen[i];
    res.train_capped = static_cast<std::int64_t>(chosen.size() - out);
    chosen.resize(out);
}

// 7. Store, in one transaction (replacing a dataset of the same name only when asked).
void store_dataset(store::Project& project, std::string_view name, const SplitOptions& options, const Chosen& chosen,
                   MakeDatasetResult& res) {
    auto& db = project.db();
    store::Transaction tx(db);
    if (auto existing = project.find_dataset(name)) {
        if (!options.replace) throw ConfigError("a dataset named '" + std::string(name) + "' already exists");
        project.delete_dataset(*existing);
    }
    std::vector<store::DatasetMember> members;
    members.reserve(chosen.size());
    for (auto& [id, sk] : chosen) {
        members.push_back({id, kSplits[static_cast<std::size_t>(sk[0])], static_cast<std::int64_t>(sk[1])});
        (sk[0] == 0 ? res.train : sk[0] == 1 ? res.val : res.test)++;
    }
    res.dataset_id = store::insert_dataset(db, name, flow::fill_mode_name(options.fill),
                                           split_params_json(options, res.warnings),
                                           std::span<const std::string>(res.classes).first(res.classes.size()),
                                           members);
    tx.commit();
}

}  // namespace

// The steps, numbered as in the helpers above; each step's random draws come in the same order
// as before they were cut apart, so a seed still gives the same dataset.
MakeDatasetResult make_dataset(store::Project& project, std::string_view name, const SplitOptions& options) {
    validate(options);
    if (name.empty()) throw ConfigError("the dataset needs a name");
    if (project.read_only()) throw ConfigError("the project is open read-only");
    MakeDatasetResult res;

    Pool pool = collect_candidates(project.db(), options);
    count_duplicates(pool, res);
    apply_duplicate_policy(pool, options, res);
    const auto class_of = choose_classes(pool, options, res);
    const auto& cands = pool.cands;

    std::vector<std::int64_t> available(res.classes.size(), 0);
    for (auto& c : cands) ++available[static_cast<std::size_t>(class_of[static_cast<std::size_t>(c.label)])];
    const auto quota = quotas(available, options, res);

    auto chosen = assign(make_groups(cands, options), cands, class_of, quota, available, options, res);
    if (options.max_train_per_capture > 0) cap_train_per_capture(chosen, cands, options, res);

    store_dataset(project, name, options, chosen, res);
    audit(project, res.dataset_id);
    return res;
}

}  // namespace flowcnn::dataset
