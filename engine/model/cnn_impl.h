#pragma once
// INTERNAL (LibTorch): the paper's CNN as a torch::nn::Module. Included only by .cpp files of
// flowcnn_ml and by the ml tests; never by a public header (the GUI cannot include torch).
#include <torch/torch.h>

#include <cstdint>
#include <functional>
#include <span>
#include <vector>

#include "engine/hparams/hparams.h"

namespace flowcnn::model {

struct PaperCnnImpl : torch::nn::Module {
    PaperCnnImpl(const HyperParams& h, int classes);
    torch::Tensor forward(torch::Tensor x);  // x: [N,1,28,28] float in [0,1] -> logits [N,classes]

    HyperParams hp;
    int num_classes;
    torch::nn::Conv2d conv{nullptr};
    torch::nn::Linear fc{nullptr};
    torch::nn::Linear out{nullptr};
};
TORCH_MODULE(PaperCnn);

// Builds the network with weights initialised from `seed` (PyTorch's default initialisation).
// Serialised against other constructions, since torch's seed is process-global.
PaperCnn make_network(const HyperParams& h, int classes, std::uint64_t seed);

// Bytes (n x 784, contiguous) -> float tensor [n,1,28,28], divided by 255.
torch::Tensor images_to_tensor(const std::uint8_t* images, std::size_t n);

// torch::save of the module into bytes, and back. load throws FormatError when the bytes are not
// a saved module or do not fit the network's shapes.
std::vector<std::uint8_t> save_weights(PaperCnn& net);
void load_weights(PaperCnn& net, std::span<const std::uint8_t> bytes);

// Sets the threads of the computation; 0 = all cores. Returns the count in effect. With OpenBLAS
// (Debian's LibTorch) the matrix products get the threads and torch's own OpenMP pool stays at 1
// (the two pools would fight for the cores); else torch's intra-op pool gets them.
int set_threads(int threads);
// Shortens OpenBLAS's idle spinning (see cnn.cpp), once per process; called by set_threads and by
// every network's constructor.
void prepare_blas();
// The count of the last set_threads (1 before any).
int compute_threads();
// Runs fn over [0, n) in up to compute_threads() contiguous chunks of at least `grain` items, on
// fresh threads (for big elementwise loops that torch's pool no longer splits). Blocks until done.
void parallel_chunks(std::int64_t n, std::int64_t grain,
                     const std::function<void(std::int64_t, std::int64_t)>& fn);

}  // namespace flowcnn::model
