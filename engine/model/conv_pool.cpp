// Convolution -> activation -> 2x2 max pooling in one pass per image (see conv_pool.h).
//
// Forward: each image is copied into a zero-bordered plane; every output pixel accumulates its
// k*k taps into F filter sums (vectorised over the filters: F = 32 in the paper's grid is
// compiled as a constant so that the sums stay in registers); pooling takes the max of each 2x2
// window and applies the activation once (the activations here are non-decreasing, so that is
// the max of the activations). The output is written NCHW, as flatten() and the FC layer expect.
// Backward: only the kept position of each window has a gradient; per window and position the
// gradient vector over the filters (zero where another position won) times the input patch is
// added to the weight gradient. Images are split over compute_threads() with per-thread sums.
#include "engine/model/conv_pool.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "engine/model/cnn_impl.h"

namespace flowcnn::model {
namespace {

using torch::autograd::AutogradContext;
using torch::autograd::variable_list;

struct Geometry {
    std::int64_t n = 0, h = 0, w = 0;  // input
    std::int64_t k = 0, pad = 0;
    std::int64_t hp = 0, wp = 0;       // zero-bordered plane
    std::int64_t oh = 0, ow = 0;       // convolution output
    std::int64_t ph = 0, pw = 0;       // pooled output
    std::int64_t f = 0;                // filters
};

std::int64_t pooled_size(std::int64_t in, bool ceil_mode) {
    // torch's pooling_output_shape for kernel 2, stride 2, padding 0, dilation 1.
    std::int64_t out = (in - 2 + (ceil_mode ? 1 : 0)) / 2 + 1;
    if (ceil_mode && (out - 1) * 2 >= in) --out;  // the last window must start inside the input
    return out;
}

inline float activate(float z, Activation a) {
    switch (a) {
        case Activation::ReLU: return z > 0.0f ? z : 0.0f;
        case Activation::LeakyReLU: return z > 0.0f ? z : 0.01f * z;
        case Activation::Sigmoid: return 1.0f / (1.0f + std::exp(-z));
        case Activation::Tanh: return std::tanh(z);
        case Activation::Softmax: break;  // not element-wise: never fused
    }
    return z;
}

// The activation's derivative from its output (as torch's backward formulas use it).
inline float derivative_from_output(float y, Activation a) {
    switch (a) {
        case Activation::ReLU: return y > 0.0f ? 1.0f : 0.0f;
        case Activation::LeakyReLU: return y > 0.0f ? 1.0f : 0.01f;
        case Activation::Sigmoid: return y * (1.0f - y);
        case Activation::Tanh: return 1.0f - y * y;
        case Activation::Softmax: break;
    }
    return 1.0f;
}

void fill_plane(const Geometry& g, const float* image, float* plane) {
    std::fill(plane, plane + g.hp * g.wp, 0.0f);
    for (std::int64_t y = 0; y < g.h; ++y)
        std::copy(image + y * g.w, image + (y + 1) * g.w, plane + (y + g.pad) * g.wp + g.pad);
}

// One output pixel's F sums: bias + sum over taps of input * weight. wt is [k*k][F].
template <int FC>
[[gnu::always_inline]] inline void conv_pixel(const float* __restrict patch, std::int64_t wp,
                                              std::int64_t k, const float* __restrict wt,
                                              const float* __restrict bias, float* __restrict z,
                                              std::int64_t f_runtime) {
    if constexpr (FC > 0) {
        float acc[FC];
        for (int f = 0; f < FC; ++f) acc[f] = bias[f];
        for (std::int64_t ky = 0; ky < k; ++ky)
            for (std::int64_t kx = 0; kx < k; ++kx) {
                const float v = patch[ky * wp + kx];
                const float* __restrict wv = wt + (ky * k + kx) * FC;
                for (int f = 0; f < FC; ++f) acc[f] += v * wv[f];
            }
        for (int f = 0; f < FC; ++f) z[f] = acc[f];
    } else {
        const std::int64_t F = f_runtime;
        for (std::int64_t f = 0; f < F; ++f) z[f] = bias[f];
        for (std::int64_t ky = 0; ky < k; ++ky)
            for (std::int64_t kx = 0; kx < k; ++kx) {
                const float v = patch[ky * wp + kx];
                const float* __restrict wv = wt + (ky * k + kx) * F;
                for (std::int64_t f = 0; f < F; ++f) z[f] += v * wv[f];
            }
    }
}

template <int FC>
[[gnu::always_inline]] inline void forward_images(const Geometry& g, const float* x, const float* wt,
                                                  const float* bias, Activation act, float* out,
                                                  std::uint8_t* arg, std::int64_t b, std::int64_t e) {
    const std::int64_t F = FC > 0 ? FC : g.f, cells = g.ph * g.pw;
    std::vector<float> plane(static_cast<std::size_t>(g.hp * g.wp));
    std::vector<float> z(static_cast<std::size_t>(g.oh * g.ow * F));
    std::vector<float> pooled(static_cast<std::size_t>(g.ph * g.pw * F));
    std::vector<std::uint8_t> pooled_q(static_cast<std::size_t>(g.ph * g.pw * F));
    for (std::int64_t n = b; n < e; ++n) {
        fill_plane(g, x + n * g.h * g.w, plane.data());
        for (std::int64_t oy = 0; oy < g.oh; ++oy)
            for (std::int64_t ox = 0; ox < g.ow; ++ox)
                conv_pixel<FC>(plane.data() + oy * g.wp + ox, g.wp, g.k, wt, bias,
                               z.data() + (oy * g.ow + ox) * F, F);
        // Pooling, vectorised over the filters: the first position of the window, then each
        // later one where it is greater (or NaN, which torch's max pooling lets win too).
        for (std::int64_t cy = 0; cy < g.ph; ++cy)
            for (std::int64_t cx = 0; cx < g.pw; ++cx) {
                const std::int64_t cell = cy * g.pw + cx;
                float* __restrict bv = pooled.data() + cell * F;
                std::uint8_t* __restrict bq = pooled_q.data() + cell * F;
                const float* __restrict z0 = z.data() + (2 * cy * g.ow + 2 * cx) * F;
                for (std::int64_t f = 0; f < F; ++f) {
                    bv[f] = z0[f];
                    bq[f] = 0;
                }
                for (int q = 1; q < 4; ++q) {
                    const std::int64_t oy = 2 * cy + (q >> 1), ox = 2 * cx + (q & 1);
                    if (oy >= g.oh || ox >= g.ow) continue;
                    const float* __restrict zq = z.data() + (oy * g.ow + ox) * F;
                    for (std::int64_t f = 0; f < F; ++f) {
                        const float v = zq[f];
                        const bool take = v > bv[f] || v != v;
                        bv[f] = take ? v : bv[f];
                        bq[f] = take ? static_cast<std::uint8_t>(q) : bq[f];
                    }
                }
                for (std::int64_t f = 0; f < F; ++f) bv[f] = activate(bv[f], act);
            }
        // [cell][F] -> the output's [F][cell].
        float* o = out + n * F * cells;
        for (std::int64_t f = 0; f < F; ++f)
            for (std::int64_t cell = 0; cell < cells; ++cell) o[f * cells + cell] = pooled[static_cast<std::size_t>(cell * F + f)];
        if (arg) {
            std::uint8_t* a = arg + n * F * cells;
            for (std::int64_t f = 0; f < F; ++f)
                for (std::int64_t cell = 0; cell < cells; ++cell)
                    a[f * cells + cell] = pooled_q[static_cast<std::size_t>(cell * F + f)];
        }
    }
}

template <int FC>
[[gnu::always_inline]] inline void backward_images(const Geometry& g, const float* x, const float* y,
                                                   const std::uint8_t* arg, const float* gy,
                                                   Activation act, float* dwt, float* db,
                                                   std::int64_t b, std::int64_t e) {
    const std::int64_t F = FC > 0 ? FC : g.f, cells = g.ph * g.pw, k = g.k;
    std::vector<float> plane(static_cast<std::size_t>(g.hp * g.wp));
    std::vector<float> dz(static_cast<std::size_t>(F)), gq(static_cast<std::size_t>(F));
    std::vector<std::uint8_t> aq(static_cast<std::size_t>(F));
    for (std::int64_t n = b; n < e; ++n) {
        fill_plane(g, x + n * g.h * g.w, plane.data());
        const float* yn = y + n * F * cells;
        const float* gn = gy + n * F * cells;
        const std::uint8_t* an = arg + n * F * cells;
        for (std::int64_t cy = 0; cy < g.ph; ++cy)
            for (std::int64_t cx = 0; cx < g.pw; ++cx) {
                const std::int64_t cell = cy * g.pw + cx;
                for (std::int64_t f = 0; f < F; ++f) {
                    const float d = gn[f * cells + cell] * derivative_from_output(yn[f * cells + cell], act);
                    dz[static_cast<std::size_t>(f)] = d;
                    aq[static_cast<std::size_t>(f)] = an[f * cells + cell];
                    db[f] += d;
                }
                for (int q = 0; q < 4; ++q) {
                    const std::int64_t oy = 2 * cy + (q >> 1), ox = 2 * cx + (q & 1);
                    if (oy >= g.oh || ox >= g.ow) continue;
                    bool any = false;
                    for (std::int64_t f = 0; f < F; ++f) {
                        const float v = aq[static_cast<std::size_t>(f)] == q ? dz[static_cast<std::size_t>(f)] : 0.0f;
                        gq[static_cast<std::size_t>(f)] = v;
                        any |= v != 0.0f;
                    }
                    if (!any) continue;
                    const float* patch = plane.data() + oy * g.wp + ox;
                    const float* __restrict gv = gq.data();
                    for (std::int64_t ky = 0; ky < k; ++ky)
                        for (std::int64_t kx = 0; kx < k; ++kx) {
                            const float v = patch[ky * g.wp + kx];
                            float* __restrict dw = dwt + (ky * k + kx) * F;
                            if constexpr (FC > 0) {
                                for (int f = 0; f < FC; ++f) dw[f] += v * gv[f];
                            } else {
                                for (std::int64_t f = 0; f < F; ++f) dw[f] += v * gv[f];
                            }
                        }
                }
            }
    }
}

// The kernels are compiled for AVX-512, AVX2 and the baseline, chosen at load time.
[[gnu::target_clones("avx512f", "avx2", "default")]]
void forward_range(const Geometry& g, const float* x, const float* wt, const float* bias,
                   Activation act, float* out, std::uint8_t* arg, std::int64_t b, std::int64_t e) {
    if (g.f == 32)
        forward_images<32>(g, x, wt, bias, act, out, arg, b, e);
    else
        forward_images<0>(g, x, wt, bias, act, out, arg, b, e);
}

[[gnu::target_clones("avx512f", "avx2", "default")]]
void backward_range(const Geometry& g, const float* x, const float* y, const std::uint8_t* arg,
                    const float* gy, Activation act, float* dwt, float* db, std::int64_t b,
                    std::int64_t e) {
    if (g.f == 32)
        backward_images<32>(g, x, y, arg, gy, act, dwt, db, b, e);
    else
        backward_images<0>(g, x, y, arg, gy, act, dwt, db, b, e);
}

Geometry geometry(const torch::Tensor& x, std::int64_t filters, std::int64_t k, std::int64_t pad,
                  bool ceil_mode) {
    Geometry g;
    g.n = x.size(0);
    g.h = x.size(2);
    g.w = x.size(3);
    g.k = k;
    g.pad = pad;
    g.hp = g.h + 2 * pad;
    g.wp = g.w + 2 * pad;
    g.oh = g.hp - k + 1;
    g.ow = g.wp - k + 1;
    TORCH_CHECK(g.oh >= 2 && g.ow >= 2, "fused conv/pool: input too small for the kernel");
    g.ph = pooled_size(g.oh, ceil_mode);
    g.pw = pooled_size(g.ow, ceil_mode);
    g.f = filters;
    return g;
}

// Images per chunk of work: one image is ~0.1 ms of arithmetic.
constexpr std::int64_t kGrain = 8;

struct ConvActMaxPool : torch::autograd::Function<ConvActMaxPool> {
    static torch::Tensor forward(AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight,
                                 const torch::Tensor& bias, std::int64_t k, std::int64_t pad,
                                 std::int64_t act, bool ceil_mode) {
        const Geometry g = geometry(x, weight.size(0), k, pad, ceil_mode);
        const torch::Tensor xc = x.contiguous();
        const torch::Tensor wt = weight.detach().reshape({g.f, k * k}).t().contiguous();  // [k*k][F]
        const torch::Tensor bc = bias.detach().contiguous();
        torch::Tensor out = torch::empty({g.n, g.f, g.ph, g.pw}, x.options());
        const bool keep = weight.requires_grad() || bias.requires_grad();
        torch::Tensor arg;
        if (keep) arg = torch::empty({g.n, g.f, g.ph, g.pw}, x.options().dtype(torch::kUInt8));
        const float* xp = xc.data_ptr<float>();
        const float* wp = wt.data_ptr<float>();
        const float* bp = bc.data_ptr<float>();
        float* op = out.data_ptr<float>();
        std::uint8_t* ap = keep ? arg.data_ptr<std::uint8_t>() : nullptr;
        const auto a = static_cast<Activation>(act);
        parallel_chunks(g.n, kGrain, [&](std::int64_t b, std::int64_t e) {
            forward_range(g, xp, wp, bp, a, op, ap, b, e);
        });
        if (keep) {
            ctx->save_for_backward({xc, out});
            ctx->saved_data["arg"] = arg;
            ctx->saved_data["k"] = k;
            ctx->saved_data["pad"] = pad;
            ctx->saved_data["act"] = act;
            ctx->saved_data["ceil"] = ceil_mode;
        }
        return out;
    }

    static variable_list backward(AutogradContext* ctx, variable_list grad_outputs) {
        const auto saved = ctx->get_saved_variables();
        const torch::Tensor& x = saved[0];
        const torch::Tensor& y = saved[1];
        const torch::Tensor arg = ctx->saved_data["arg"].toTensor();
        const std::int64_t k = ctx->saved_data["k"].toInt(), pad = ctx->saved_data["pad"].toInt();
        const auto act = static_cast<Activation>(ctx->saved_data["act"].toInt());
        const bool ceil_mode = ctx->saved_data["ceil"].toBool();
        const torch::Tensor gy = grad_outputs[0].contiguous();
        const std::int64_t f = y.size(1);
        const Geometry g = geometry(x, f, k, pad, ceil_mode);
        const std::int64_t parts = std::max<std::int64_t>(1, std::min<std::int64_t>(compute_threads(), g.n / kGrain));
        // Per-part sums ([part][k*k*F + F]), added up after the parallel loop.
        std::vector<float> sums(static_cast<std::size_t>(parts * (k * k * f + f)), 0.0f);
        const std::int64_t chunk = (g.n + parts - 1) / parts;
        const float* xp = x.data_ptr<float>();
        const float* yp = y.data_ptr<float>();
        const float* gp = gy.data_ptr<float>();
        const std::uint8_t* ap = arg.data_ptr<std::uint8_t>();
        parallel_chunks(parts, 1, [&](std::int64_t pb, std::int64_t pe) {
            for (std::int64_t p = pb; p < pe; ++p) {
                float* s = sums.data() + p * (k * k * f + f);
                const std::int64_t b = p * chunk, e = std::min(g.n, b + chunk);
                if (b < e) backward_range(g, xp, yp, ap, gp, act, s, s + k * k * f, b, e);
            }
        });
        torch::Tensor dwt = torch::zeros({k * k, f});
        torch::Tensor db = torch::zeros({f});
        float* dw = dwt.data_ptr<float>();
        float* dbp = db.data_ptr<float>();
        for (std::int64_t p = 0; p < parts; ++p) {
            const float* s = sums.data() + p * (k * k * f + f);
            for (std::int64_t i = 0; i < k * k * f; ++i) dw[i] += s[i];
            for (std::int64_t i = 0; i < f; ++i) dbp[i] += s[k * k * f + i];
        }
        torch::Tensor dweight = dwt.t().reshape({f, 1, k, k}).contiguous();
        return {torch::Tensor(), dweight, db, torch::Tensor(), torch::Tensor(), torch::Tensor(),
                torch::Tensor()};
    }
};

}  // namespace

bool fused_conv_pool_supports(const HyperParams& h) {
    // FLOWCNN_NO_FUSED=1 takes the general path (conv as one product, then torch's activation and
    // pooling): for A/B benchmarks.
    static const bool off = std::getenv("FLOWCNN_NO_FUSED") != nullptr;
    if (off) return false;
    const bool elementwise_rising = h.conv_act == Activation::ReLU || h.conv_act == Activation::LeakyReLU ||
                                    h.conv_act == Activation::Sigmoid || h.conv_act == Activation::Tanh;
    return h.pool == Pooling::Max && elementwise_rising;
}

bool fused_conv_pool_applies(const HyperParams& h, const torch::Tensor& x) {
    return fused_conv_pool_supports(h) && x.dim() == 4 && x.size(1) == 1 &&
           x.scalar_type() == torch::kFloat32 && !x.requires_grad() && x.device().is_cpu();
}

torch::Tensor fused_conv_act_maxpool(const torch::Tensor& x, const torch::Tensor& weight,
                                     const torch::Tensor& bias, int k, int pad, Activation act,
                                     bool ceil_mode) {
    TORCH_CHECK(x.dim() == 4 && x.size(1) == 1 && weight.dim() == 4 && weight.size(1) == 1 &&
                    weight.size(2) == k && weight.size(3) == k && bias.numel() == weight.size(0),
                "fused conv/pool: unexpected shapes");
    return ConvActMaxPool::apply(x, weight, bias, static_cast<std::int64_t>(k),
                                 static_cast<std::int64_t>(pad), static_cast<std::int64_t>(act), ceil_mode);
}

}  // namespace flowcnn::model
