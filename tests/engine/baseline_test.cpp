// Baselines (k-NN, logistic regression, name only), name masking and their scores.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <random>
#include <set>
#include <tuple>

#include "engine/baseline/baseline.h"
#include "engine/baseline/folds.h"
#include "engine/baseline/masking.h"
#include "engine/baseline/run_baselines.h"
#include "engine/common/error.h"
#include "engine/dataset/dataset_loader.h"
#include "engine/dataset/split.h"
#include "engine/image/payload_image.h"
#include "tests/engine/store_test_util.h"

namespace flowcnn {
namespace {
using namespace testutil;
using baseline::Distance;

dataset::ImageSet make_set(const std::vector<std::vector<std::uint8_t>>& images, std::vector<std::int32_t> labels,
                           int classes) {
    dataset::ImageSet s;
    for (auto& im : images) {
        auto img = image::make_image(im, flow::FillMode::Zero);
        s.pixels.insert(s.pixels.end(), img.begin(), img.end());
    }
    s.labels = std::move(labels);
    for (int c = 0; c < classes; ++c) s.classes.push_back("c" + std::to_string(c));
    return s;
}

TEST(Baseline, HammingAndL1Distances) {
    std::vector<std::uint8_t> a(784, 0), b(784, 0);
    b[0] = 1;
    b[10] = 200;
    b[783] = 255;
    EXPECT_EQ(baseline::image_distance(a.data(), b.data(), Distance::Hamming), 3u);
    EXPECT_EQ(baseline::image_distance(a.data(), b.data(), Distance::L1), 456u);
    EXPECT_EQ(baseline::image_distance(b.data(), a.data(), Distance::L1), 456u);
    EXPECT_EQ(baseline::image_distance(a.data(), a.data(), Distance::Hamming), 0u);
    std::vector<std::uint8_t> c(784, 255);
    EXPECT_EQ(baseline::image_distance(a.data(), c.data(), Distance::Hamming), 784u);
    EXPECT_EQ(baseline::image_distance(a.data(), c.data(), Distance::L1), 784u * 255u);
    Distance d{};
    EXPECT_TRUE(baseline::parse_distance("l1", d));
    EXPECT_EQ(d, Distance::L1);
    EXPECT_FALSE(baseline::parse_distance("euclid", d));
}

TEST(Baseline, OneNearestNeighbourFindsExactNeighbours) {
    // Training images differ in a few known bytes; each query is a copy of one training image with
    // one byte changed, so its nearest neighbour is that image under both distances.
    std::vector<std::vector<std::uint8_t>> train_imgs;
    for (int i = 0; i < 6; ++i) {
        std::vector<std::uint8_t> im(784, 0);
        for (int k = 0; k < 20; ++k) im[static_cast<std::size_t>(i * 50 + k)] = 100;
        train_imgs.push_back(im);
    }
    auto train = make_set(train_imgs, {0, 1, 2, 0, 1, 2}, 3);
    std::vector<std::vector<std::uint8_t>> q_imgs;
    std::vector<std::int32_t> truth;
    for (int i : {3, 0, 5, 4, 1, 2}) {
        auto im = train_imgs[static_cast<std::size_t>(i)];
        im[700] = 7;
        q_imgs.push_back(im);
        truth.push_back(train.labels[static_cast<std::size_t>(i)]);
    }
    auto test = make_set(q_imgs, truth, 3);
    for (Distance d : {Distance::Hamming, Distance::L1})
        for (int threads : {1, 4}) {
            baseline::KnnOptions o;
            o.distance = d;
            o.threads = threads;
            EXPECT_EQ(baseline::knn_predict(train, test, o), truth);
        }
}

// Query q (all zero): its nearest image is one of class 0 (1 byte away), the next two are of
// class 1 (2 and 3 bytes): 1-NN says 0, 3-NN says 1. Training order: n2, far, n0, n1.
struct KnnFixture {
    std::vector<std::uint8_t> q = std::vector<std::uint8_t>(784, 0);
    dataset::ImageSet train, test;
    KnnFixture() {
        auto n0 = q, n1 = q, n2 = q, far = q;
        n0[0] = 1;
        n1[0] = 1; n1[1] = 1;
        n2[0] = 1; n2[1] = 1; n2[2] = 1;
        for (int k = 0; k < 100; ++k) far[static_cast<std::size_t>(k)] = 9;
        train = make_set({n2, far, n0, n1}, {1, 0, 0, 1}, 2);
        test = make_set({q, n2, far}, {0, 1, 0}, 2);
    }
};

TEST(Baseline, KnnProbabilitiesAgreeWithTheVote) {
    const KnnFixture f;
    const auto& q = f.q;
    const auto& train = f.train;
    const auto& test = f.test;
    for (int k : {1, 3})
        for (Distance d : {Distance::Hamming, Distance::L1}) {
            baseline::KnnOptions o;
            o.k = k;
            o.distance = d;
            const auto votes = baseline::knn_predict(train, test, o);
            const auto p = baseline::knn_proba(train, test.pixels.data(), test.size(), o);
            ASSERT_EQ(p.size(), test.size() * 2);
            for (std::size_t i = 0; i < test.size(); ++i) {
                EXPECT_NEAR(p[2 * i] + p[2 * i + 1], 1.0, 1e-5);
                EXPECT_EQ(p[2 * i + 1] > p[2 * i] ? 1 : 0, votes[i]) << "k " << k << " image " << i;
            }
        }
    // k = 1: class 0's nearest image is 1 byte away, class 1's 2: probabilities in the ratio
    // e^(1/8) (Hamming's temperature is 8 differing bytes).
    baseline::KnnOptions o;
    const auto p = baseline::knn_proba(train, test.pixels.data(), 1, o);
    EXPECT_NEAR(p[0] / p[1], std::exp(1.0 / baseline::knn_temperature(Distance::Hamming)), 1e-4);
    // k = 3: vote shares.
    o.k = 3;
    const auto v = baseline::knn_proba(train, test.pixels.data(), 1, o);
    EXPECT_NEAR(v[0], 1.0 / 3, 1e-6);
    EXPECT_NEAR(v[1], 2.0 / 3, 1e-6);
    // A tie (two classes at the same distance) goes to the lower training index, as in knn_predict.
    std::vector<std::uint8_t> a = q, b = q;
    a[5] = 1;
    b[6] = 1;
    auto tied = make_set({a, b}, {1, 0}, 2);
    o.k = 1;
    const auto t = baseline::knn_proba(tied, q.data(), 1, o);
    EXPECT_GT(t[1], t[0]);
    EXPECT_EQ(baseline::knn_predict(tied, make_set({q}, {0}, 2), o)[0], 1);
    o.k = 0;
    EXPECT_THROW(baseline::knn_proba(train, q.data(), 1, o), ConfigError);
}

TEST(Baseline, DistancesMatchAByteByByteCount) {
    // The vectorised distances against the definition, on random and extreme images.
    std::mt19937_64 rng(11);
    std::vector<std::uint8_t> a(784), b(784);
    for (int round = 0; round < 200; ++round) {
        const int mode = round % 4;  // random, few values, all 0 vs all 255, equal
        for (std::size_t i = 0; i < 784; ++i) {
            const auto r = static_cast<std::uint8_t>(rng());
            a[i] = mode == 2 ? 0 : mode == 1 ? r % 3 : r;
            b[i] = mode == 2 ? 255 : mode == 3 ? a[i] : mode == 1 ? static_cast<std::uint8_t>(rng() % 3)
                                                                    : static_cast<std::uint8_t>(rng());
        }
        std::uint32_t ham = 0, l1 = 0;
        for (std::size_t i = 0; i < 784; ++i) {
            ham += a[i] != b[i];
            l1 += static_cast<std::uint32_t>(std::abs(int(a[i]) - int(b[i])));
        }
        EXPECT_EQ(baseline::image_distance(a.data(), b.data(), Distance::Hamming), ham) << round;
        EXPECT_EQ(baseline::image_distance(a.data(), b.data(), Distance::L1), l1) << round;
    }
}

TEST(Baseline, HammingAndL1CanDisagree) {
    // Query q = all 10. Image A differs from q in 784 bytes by 1 (Hamming 784, L1 784); image B
    // equals q except 10 bytes that differ by 200 (Hamming 10, L1 2000).
    std::vector<std::uint8_t> q(784, 10), a(784, 11), b(784, 10);
    for (int k = 0; k < 10; ++k) b[static_cast<std::size_t>(k)] = 210;
    auto train = make_set({a, b}, {0, 1}, 2);
    auto test = make_set({q}, {0}, 2);
    baseline::KnnOptions o;
    o.distance = Distance::Hamming;
    EXPECT_EQ(baseline::knn_predict(train, test, o)[0], 1);
    o.distance = Distance::L1;
    EXPECT_EQ(baseline::knn_predict(train, test, o)[0], 0);
}

TEST(Baseline, NearestImagesInOrder) {
    const KnnFixture f;
    // Training order n2, far, n0, n1: nearest to q are n0 (1 byte), n1 (2), n2 (3).
    const auto nb = baseline::nearest_images(f.train, f.q.data(), 3, Distance::Hamming);
    ASSERT_EQ(nb.size(), 3u);
    EXPECT_EQ(nb[0].index, 2u);
    EXPECT_EQ(nb[0].distance, 1u);
    EXPECT_EQ(nb[1].index, 3u);
    EXPECT_EQ(nb[2].index, 0u);
    EXPECT_EQ(nb[2].distance, 3u);
    EXPECT_EQ(baseline::nearest_images(f.train, f.q.data(), 10, Distance::L1).size(), 4u);  // at most all
    EXPECT_THROW(baseline::nearest_images(f.train, f.q.data(), 0, Distance::L1), ConfigError);
}

TEST(Baseline, KnnVotesWithK3) {
    const KnnFixture f;
    const auto& train = f.train;
    const auto test = make_set({f.q}, {0}, 2);
    baseline::KnnOptions o;
    EXPECT_EQ(baseline::knn_predict(train, test, o)[0], 0);
    o.k = 3;
    EXPECT_EQ(baseline::knn_predict(train, test, o)[0], 1);
    o.k = 0;
    EXPECT_THROW(baseline::knn_predict(train, test, o), ConfigError);
    CancelToken cancel;
    cancel.cancel();
    o.k = 1;
    EXPECT_THROW(baseline::knn_predict(train, test, o, {}, &cancel), CancelledError);
}

dataset::ImageSet separable_set(int per_class, std::uint64_t seed) {
    // Random bytes; class 1 has bytes 100..109 high, class 0 has them low.
    std::mt19937_64 rng(seed);
    dataset::ImageSet s;
    s.classes = {"low", "high"};
    for (int i = 0; i < per_class * 2; ++i) {
        const int c = i % 2;
        for (std::size_t k = 0; k < 784; ++k) {
            auto b = static_cast<std::uint8_t>(rng() & 0xFF);
            if (k >= 100 && k < 110) b = static_cast<std::uint8_t>(c ? 200 + (b % 56) : b % 56);
            s.pixels.push_back(b);
        }
        s.labels.push_back(c);
    }
    return s;
}

TEST(Baseline, LogisticRegressionLearnsSeparableSet) {
    auto train = separable_set(100, 1), test = separable_set(50, 2);
    baseline::LogisticRegression lr;
    baseline::LogRegOptions o;
    o.epochs = 20;
    o.lr = 0.01;
    lr.fit(train, o);
    const auto pred = lr.predict(test);
    const auto s = baseline::score(test.labels, pred, 2);
    EXPECT_GE(s.accuracy, 0.95);
    // The weights that matter are those of the informative bytes.
    const auto& w = lr.weights();
    double informative = 0, other = 0;
    for (std::size_t k = 0; k < 784; ++k) {
        const double diff = std::abs(w[784 + k] - w[k]);
        (k >= 100 && k < 110 ? informative : other) += diff;
    }
    EXPECT_GT(informative / 10.0, 5.0 * other / 774.0);
    // Deterministic for a seed.
    baseline::LogisticRegression again;
    again.fit(train, o);
    EXPECT_EQ(again.weights(), lr.weights());
    o.epochs = 0;
    EXPECT_THROW(again.fit(train, o), ConfigError);
}

TEST(Baseline, NameOnlyUsesNames) {
    EXPECT_EQ(baseline::registered_domain("WWW.Google.com"), "google.com");
    EXPECT_EQ(baseline::registered_domain("google.com."), "google.com");
    EXPECT_EQ(baseline::registered_domain("localhost"), "localhost");
    baseline::NameOnlyClassifier c;
    // class 0 "Google", 1 "YouTube", 2 "Other" (most frequent overall).
    c.fit({"www.google.com", "www.google.com", "mail.google.com", "i.ytimg.com", "www.youtube.com", "", "", "", "",
           "www.google.com"},
          {0, 0, 0, 1, 1, 2, 2, 2, 2, 1}, 3);
    EXPECT_EQ(c.majority(), 2);
    EXPECT_EQ(c.predict("www.google.com"), 0);        // exact: 2 x Google, 1 x YouTube
    EXPECT_EQ(c.predict("WWW.YOUTUBE.COM"), 1);       // exact, case-insensitive
    EXPECT_EQ(c.predict("maps.google.com"), 0);       // registered domain
    EXPECT_EQ(c.predict("s.youtube.com"), 1);
    EXPECT_EQ(c.predict("example.org"), 2);           // unknown: majority
    EXPECT_EQ(c.predict(""), 2);                      // no name: majority
    EXPECT_THROW(c.fit({"a"}, {0, 1}, 2), ConfigError);
}

TEST(Baseline, Scores) {
    // truth 0 0 1 1 2; predicted 0 1 1 1 0
    const auto s = baseline::score({0, 0, 1, 1, 2}, {0, 1, 1, 1, 0}, 4);
    EXPECT_EQ(s.correct, 3);
    EXPECT_DOUBLE_EQ(s.accuracy, 0.6);
    EXPECT_DOUBLE_EQ(s.f1[0], 0.5);       // P 1/2, R 1/2
    EXPECT_DOUBLE_EQ(s.f1[1], 0.8);       // P 2/3, R 1
    EXPECT_DOUBLE_EQ(s.f1[2], 0.0);
    EXPECT_DOUBLE_EQ(s.f1[3], 0.0);       // no support, never predicted: not averaged
    EXPECT_DOUBLE_EQ(s.macro_f1, (0.5 + 0.8 + 0.0) / 3.0);  // classes 0-2 have support
    EXPECT_EQ(s.present, 3u);
    // A class predicted but absent from the scored set: no F1 of its own in macro_f1 (its false
    // positives already lower the recall of the true classes), a 0 in macro_f1_all.
    const auto t = baseline::score({0, 0, 1, 1}, {0, 3, 1, 1}, 4);
    EXPECT_EQ(t.present, 2u);
    EXPECT_DOUBLE_EQ(t.macro_f1, (2.0 / 3.0 + 1.0) / 2.0);
    EXPECT_DOUBLE_EQ(t.macro_f1_all, (2.0 / 3.0 + 1.0 + 0.0) / 3.0);
    EXPECT_THROW(baseline::score({0}, {0, 1}, 2), ConfigError);
    EXPECT_THROW(baseline::score({0}, {5}, 2), ConfigError);

    baseline::ResultRow r{"1-NN hamming", true, s, 0.5, {}};
    const auto table = baseline::format_results({r}, {"a", "b", "c", "d"});
    EXPECT_NE(table.find("1-NN hamming"), std::string::npos);
    EXPECT_NE(table.find("masked"), std::string::npos);
    EXPECT_NE(table.find("0.6000"), std::string::npos);
    const auto csv = baseline::results_csv({r}, {"a", "b", "c", "d"});
    EXPECT_EQ(csv.substr(0, csv.find('\n')), "model,masked,accuracy,macro_f1,macro_f1_all,seconds,f1_a,f1_b,f1_c,f1_d");
    EXPECT_NE(csv.find("1-NN hamming,1,0.600000,"), std::string::npos);
}

TEST(Baseline, StratifiedSplitAndDuplicates) {
    std::vector<std::vector<std::uint8_t>> imgs;
    std::vector<std::int32_t> labels;
    for (int i = 0; i < 50; ++i) {
        std::vector<std::uint8_t> im(784, 0);
        im[0] = static_cast<std::uint8_t>(i);
        imgs.push_back(im);
        labels.push_back(i < 40 ? 0 : 1);
    }
    imgs.push_back(imgs[3]);  // a copy with the same label
    labels.push_back(0);
    imgs.push_back(imgs[45]);  // a copy with another label: both dropped
    labels.push_back(0);
    auto all = make_set(imgs, labels, 2);
    std::size_t dropped = 0;
    auto unique = baseline::drop_duplicate_images(all, &dropped);
    EXPECT_EQ(dropped, 3u);
    EXPECT_EQ(unique.size(), 49u);
    dataset::ImageSet train, val;
    baseline::stratified_split(all, 0.2, 1, train, val);
    EXPECT_EQ(train.size() + val.size(), all.size());
    EXPECT_EQ(std::count(val.labels.begin(), val.labels.end(), 1), 2);  // 20% of 10
    EXPECT_EQ(std::count(val.labels.begin(), val.labels.end(), 0), 8);  // 20% of 42
    EXPECT_EQ(baseline::images_also_in(val, val), val.size());
    EXPECT_EQ(baseline::images_also_in(unique, unique), unique.size());
    dataset::ImageSet t2, v2;
    baseline::stratified_split(all, 0.2, 1, t2, v2);
    EXPECT_EQ(v2.pixels, val.pixels);  // deterministic for a seed
    EXPECT_THROW(baseline::stratified_split(all, 1.0, 1, t2, v2), ConfigError);
}

Bytes text_bytes(const std::string& s) { return Bytes(s.begin(), s.end()); }

TEST(Masking, BlanksNamesAndRegisteredDomain) {
    auto head = text_bytes("\x16\x03\x01..www.Example.com..cert *.example.com..exam");
    const auto before = head;
    const auto n = baseline::mask_names(head, {"www.example.com"});
    EXPECT_EQ(n, std::string("www.Example.com").size() + std::string("example.com").size());
    const std::string after(head.begin(), head.end());
    EXPECT_EQ(after.find("example"), std::string::npos);
    EXPECT_EQ(after.find("Example"), std::string::npos);
    EXPECT_NE(after.find("exam"), std::string::npos);  // a partial name stays
    for (std::size_t i = 0; i < head.size(); ++i)
        if (head[i] != before[i]) {
            EXPECT_EQ(head[i], 0);
        }
    auto h2 = text_bytes("abc");
    EXPECT_EQ(baseline::mask_names(h2, {"", "abc"}), 0u);  // too short to mask
}

TEST(Masking, LoadSplitMaskedChangesImagesOnlyWhereTheNameWas) {
    TempDir dir;
    auto p = store::Project::create(dir.file("m.flowcnn"));
    std::vector<flow::FlowRecord> recs;
    const std::string name = "api.example.net";
    for (std::uint64_t i = 0; i < 6; ++i) {
        Bytes head = payload(i, 120);
        if (i % 2 == 0) {  // name at offset 40
            for (std::size_t k = 0; k < name.size(); ++k) head[40 + k] = static_cast<std::uint8_t>(name[k]);
            recs.push_back(make_record(i, 443, head, name));
        } else {
            recs.push_back(make_record(i, 443, head));
        }
    }
    recs[1].http_host = "host.example.org";  // a Host that is not in the bytes: nothing to blank
    add_capture(p, "c.pcap", recs, "App");
    auto& db = p.db();
    db.exec("INSERT INTO datasets(name, created_at, fill_mode) VALUES ('d', 'now', 'repeat')");
    const auto ds = db.last_insert_id();
    db.exec("INSERT INTO dataset_classes VALUES (" + std::to_string(ds) + ", 0, 'App')");
    for (auto id : p.flow_ids({}))
        db.exec("INSERT INTO dataset_flows(dataset_id, flow_id, split, class_index) VALUES (" + std::to_string(ds) +
                ", " + std::to_string(id) + ", 'train', 0)");

    const auto plain = dataset::load_split(db, ds, "train");
    baseline::MaskStats st;
    const auto masked = baseline::load_split_masked(db, ds, "train", &st);
    ASSERT_EQ(plain.size(), 6u);
    ASSERT_EQ(masked.size(), 6u);
    EXPECT_EQ(masked.flow_ids, plain.flow_ids);
    EXPECT_EQ(masked.labels, plain.labels);
    EXPECT_EQ(st.flows, 6u);
    EXPECT_EQ(st.with_name, 4u);
    EXPECT_EQ(st.masked, 3u);

    const auto names = baseline::load_flow_names(db, plain.flow_ids);
    for (std::size_t i = 0; i < plain.size(); ++i) {
        const std::uint8_t* a = plain.image(i);
        const std::uint8_t* b = masked.image(i);
        if (names[i] != name) {
            EXPECT_TRUE(std::equal(a, a + 784, b)) << "flow " << i;
            continue;
        }
        // Repeat fill: the 120-byte head repeats, so the name sits at 40 + 120 * r.
        for (std::size_t k = 0; k < 784; ++k) {
            const std::size_t off = k % 120;
            const bool in_name = off >= 40 && off < 40 + name.size();
            if (in_name) {
                EXPECT_EQ(b[k], 0) << k;
            } else {
                EXPECT_EQ(a[k], b[k]) << k;
            }
        }
        const std::string img(b, b + 784);
        EXPECT_EQ(img.find("example"), std::string::npos);
    }
    EXPECT_EQ(names[1], "host.example.org");

    // Refill without masking: every image is the head zero-padded.
    const auto zero = baseline::load_split_with(db, ds, "train", flow::FillMode::Zero, false);
    ASSERT_EQ(zero.size(), 6u);
    for (std::size_t i = 0; i < zero.size(); ++i) {
        const auto row = p.flow(zero.flow_ids[i]);
        ASSERT_TRUE(row.has_value());
        const auto img = image::make_image(row->head, flow::FillMode::Zero);
        EXPECT_TRUE(std::equal(img.begin(), img.end(), zero.image(i)));
    }
    EXPECT_EQ(baseline::dataset_fill(db, ds), flow::FillMode::Repeat);
    EXPECT_THROW(baseline::load_flow_names(db, {999999}), ConfigError);
}

TEST(Folds, WholeCapturesPerFoldBalancedBySize) {
    // Captures 10..15 with 5, 1, 1, 3, 2, 2 images: each capture lands in one fold.
    std::vector<std::int64_t> captures;
    const std::vector<std::pair<std::int64_t, int>> sizes{{10, 5}, {11, 1}, {12, 1}, {13, 3}, {14, 2}, {15, 2}};
    for (auto [c, n] : sizes)
        for (int i = 0; i < n; ++i) captures.push_back(c);
    for (std::uint64_t seed : {1u, 2u, 3u}) {
        const auto folds = baseline::capture_folds(captures, 3, seed);
        ASSERT_EQ(folds.size(), captures.size());
        std::map<std::int64_t, std::set<int>> fold_of_capture;
        std::vector<int> per_fold(3, 0);
        for (std::size_t i = 0; i < folds.size(); ++i) {
            ASSERT_GE(folds[i], 0);
            ASSERT_LT(folds[i], 3);
            fold_of_capture[captures[i]].insert(folds[i]);
            ++per_fold[static_cast<std::size_t>(folds[i])];
        }
        for (auto& [c, f] : fold_of_capture) EXPECT_EQ(f.size(), 1u) << "capture " << c << " split across folds";
        // Largest first into the emptiest fold: 5 | 3+1 | 2+2 (+1 somewhere): no fold above 6 or below 4.
        for (int n : per_fold) {
            EXPECT_GE(n, 4);
            EXPECT_LE(n, 6);
        }
        EXPECT_EQ(folds, baseline::capture_folds(captures, 3, seed));  // deterministic for a seed
    }
    EXPECT_THROW(baseline::capture_folds(captures, 1, 1), ConfigError);
    EXPECT_THROW(baseline::capture_folds(captures, 7, 1), ConfigError);  // 6 captures

    dataset::ImageSet set = make_set({{1}, {2}, {3}, {4}}, {0, 1, 0, 1}, 2);
    set.flow_ids = {100, 101, 102, 103};
    set.names = {"a", "b", "c", "d"};
    const std::vector<int> folds{1, 0, 1, 2};
    const auto in = baseline::fold_subset(set, folds, 1, true);
    const auto out = baseline::fold_subset(set, folds, 1, false);
    EXPECT_EQ(in.flow_ids, (std::vector<std::int64_t>{100, 102}));
    EXPECT_EQ(in.names, (std::vector<std::string>{"a", "c"}));
    EXPECT_EQ(in.labels, (std::vector<std::int32_t>{0, 0}));
    EXPECT_EQ(in.pixels[784], 3);
    EXPECT_EQ(out.flow_ids, (std::vector<std::int64_t>{101, 103}));
    EXPECT_EQ(out.classes, set.classes);
    EXPECT_THROW(baseline::fold_subset(set, {0, 1}, 0, true), ConfigError);
}

TEST(Folds, LoadDatasetTakesEverySplitWithItsCapture) {
    TempDir dir;
    auto p = store::Project::create(dir.file("f.flowcnn"));
    std::vector<flow::FlowRecord> a, b;
    for (std::uint64_t i = 0; i < 3; ++i) a.push_back(make_record(i, 443, payload(i, 50)));
    for (std::uint64_t i = 3; i < 5; ++i) b.push_back(make_record(i, 80, payload(i, 50)));
    add_capture(p, "a.pcap", a, "A");
    add_capture(p, "b.pcap", b, "B");
    auto& db = p.db();
    db.exec("INSERT INTO datasets(name, created_at, fill_mode) VALUES ('d', 'now', 'repeat')");
    const auto ds = db.last_insert_id();
    db.exec("INSERT INTO dataset_classes VALUES (" + std::to_string(ds) + ", 0, 'A')");
    db.exec("INSERT INTO dataset_classes VALUES (" + std::to_string(ds) + ", 1, 'B')");
    const char* splits[] = {"train", "val", "test", "train", "val"};
    const auto ids = p.flow_ids({});
    ASSERT_EQ(ids.size(), 5u);
    for (std::size_t i = 0; i < ids.size(); ++i)
        db.exec("INSERT INTO dataset_flows(dataset_id, flow_id, split, class_index) VALUES (" + std::to_string(ds) +
                ", " + std::to_string(ids[i]) + ", '" + splits[i] + "', " + (i < 3 ? "0" : "1") + ")");
    std::vector<std::int64_t> captures;
    const auto all = baseline::load_dataset_with(db, ds, flow::FillMode::Zero, false, captures);
    ASSERT_EQ(all.size(), 5u);
    ASSERT_EQ(captures.size(), 5u);
    EXPECT_EQ(all.classes, (std::vector<std::string>{"A", "B"}));
    // train first, then val, then test; each image with its flow's capture and class.
    EXPECT_EQ(all.flow_ids, (std::vector<std::int64_t>{ids[0], ids[3], ids[1], ids[4], ids[2]}));
    for (std::size_t i = 0; i < all.size(); ++i) {
        const auto row = p.flow(all.flow_ids[i]);
        ASSERT_TRUE(row.has_value());
        EXPECT_EQ(captures[i], row->capture_id);
        EXPECT_EQ(all.labels[i], row->label == "A" ? 0 : 1);
        const auto img = image::make_image(row->head, flow::FillMode::Zero);
        EXPECT_TRUE(std::equal(img.begin(), img.end(), all.image(i)));
    }
    EXPECT_NE(captures[0], captures[1]);
    const auto folds = baseline::capture_folds(captures, 2, 1);
    EXPECT_NE(folds[0], folds[1]);  // the two captures in different folds
    EXPECT_EQ(folds[0], folds[2]);
}

TEST(Folds, CrossValidationScoresEveryFlowByModelsThatNeverSawItsCapture) {
    TempDir dir;
    auto p = store::Project::create(dir.file("cv.flowcnn"));
    // Classes A and B in three captures each (bytes that say the class, plus noise); C in one.
    std::uint64_t n = 0;
    auto head_of = [&](std::uint8_t cls) {
        Bytes h(100, cls);
        const auto noise = payload(n, 10);
        std::copy(noise.begin(), noise.end(), h.begin() + 50);
        return h;
    };
    for (auto [label, cls, files] : {std::tuple{"A", std::uint8_t{0x10}, 3}, std::tuple{"B", std::uint8_t{0x80}, 3},
                                     std::tuple{"C", std::uint8_t{0xF0}, 1}}) {
        for (int f = 0; f < files; ++f) {
            std::vector<flow::FlowRecord> recs;
            for (int i = 0; i < 4; ++i, ++n) recs.push_back(make_record(n, 443, head_of(cls)));
            add_capture(p, std::string(label) + std::to_string(f) + ".pcap", recs, label);
        }
    }
    dataset::SplitOptions so;
    so.by_counts = false;
    so.group_by_capture = true;
    const auto ds = dataset::make_dataset(p, "all", so).dataset_id;

    baseline::BaselineRunOptions o;
    o.logreg = false;
    o.masked = false;
    o.folds = 3;
    const auto run = baseline::run_baselines(p.db(), ds, o);
    EXPECT_EQ(run.folds, 3);
    EXPECT_EQ(run.scored, 28u);
    EXPECT_EQ(run.captures, 7u);
    EXPECT_EQ(run.single_capture_classes, (std::vector<std::string>{"C"}));
    ASSERT_EQ(run.rows.size(), 3u);  // 1-NN, name only, majority
    const auto& knn = run.rows[0];
    EXPECT_EQ(knn.model, "1-NN hamming");
    EXPECT_EQ(knn.predicted.size(), 28u);
    EXPECT_EQ(knn.scores.total, 28);
    // A and B are always found in other captures (all 24 right); C never is (its only capture is
    // left out when it is scored), so its 4 flows go to A or B.
    EXPECT_EQ(knn.scores.correct, 24);
    EXPECT_DOUBLE_EQ(knn.scores.f1[2], 0.0);
    EXPECT_GT(knn.scores.f1[0], 0.8);
    EXPECT_GT(knn.scores.f1[1], 0.8);
    EXPECT_FALSE(run.rows[1].image_model);

    // A round that forgets a prediction is refused.
    baseline::CrossValidationOptions cvo;
    cvo.folds = 2;
    EXPECT_THROW(baseline::cross_validate(p.db(), ds, cvo,
                                          [](const dataset::ImageSet&, const dataset::ImageSet&, bool,
                                             std::vector<baseline::ResultRow>& rows) {
                                              rows.push_back({"none", false, {}, 0.0, {}});
                                          }),
                 ConfigError);
    CancelToken cancel;
    cancel.cancel();
    EXPECT_THROW(baseline::cross_validate(p.db(), ds, cvo, {}, {}, &cancel), CancelledError);
}

}  // namespace
}  // namespace flowcnn
