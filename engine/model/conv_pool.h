#pragma once
// The first block of the paper's CNN (convolution, activation, 2x2 max pooling) as one pass per
// image, for speed: no im2col buffer, no full-size activation or pooling tensors, and a backward
// pass that only touches the positions max pooling kept.
#include <torch/torch.h>

#include "engine/hparams/hparams.h"

namespace flowcnn::model {

// True when fused_conv_act_maxpool computes exactly what conv -> activation -> max pooling does:
// max pooling, an element-wise non-decreasing activation (sigmoid, tanh, relu, leaky relu: the max
// of the activations is the activation of the max), a float [N,1,H,W] input that needs no gradient.
bool fused_conv_pool_applies(const HyperParams& h, const torch::Tensor& x);
// The hyper-parameter half of the above (pooling and activation).
bool fused_conv_pool_supports(const HyperParams& h);

// Convolution (stride 1, zero padding `pad`, weight [F,1,k,k], bias [F]), the activation, then
// 2x2 max pooling with stride 2 (ceil_mode: a last partial window is pooled too, as
// torch::max_pool2d does). Returns [N,F,PH,PW] (contiguous NCHW). Differentiable in weight and
// bias; ties in a pooling window go to the first position, as in torch.
torch::Tensor fused_conv_act_maxpool(const torch::Tensor& x, const torch::Tensor& weight,
                                     const torch::Tensor& bias, int k, int pad, Activation act,
                                     bool ceil_mode);

}  // namespace flowcnn::model
