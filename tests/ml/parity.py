#!/usr/bin/env python3
"""Forward parity of the C++ network with the PyTorch reference.

usage: /usr/bin/python3 parity.py DIR

DIR/manifest.json lists configurations (hyper-parameters + a folder holding each parameter as raw
float32 '<name>.f32' and the C++ logits 'out.f32'); DIR/images.u8 holds the input images (784
bytes each). For each configuration this builds torch_peer.py's PaperCnn (imported from
../shared/peers/torch_peer.py when present, else the identical copy below), loads the weights,
runs the images and compares the logits: max abs difference must be <= 1e-5. Prints 'parity ok'.
"""
import json
import os
import sys
import types

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def _activation(name, dim):
    return {
        "sigmoid": torch.sigmoid,
        "tanh": torch.tanh,
        "relu": F.relu,
        "leaky_relu": lambda x: F.leaky_relu(x, 0.01),
        "softmax": lambda x: F.softmax(x, dim=dim),
    }[name]


class PaperCnn(nn.Module):  # copy of torch_peer.py's PaperCnn
    def __init__(self, a, classes):
        super().__init__()
        conv_same = a.padding in ("both", "conv-only")
        self.pool_same = a.padding in ("both", "pool-only")
        self.conv = nn.Conv2d(1, 32, a.kernel, padding=a.kernel // 2 if conv_same else 0)
        side = 28 if conv_same else 28 - a.kernel + 1
        side = (side + 1) // 2 if self.pool_same else side // 2
        self.fc = nn.Linear(32 * side * side, a.fc)
        self.out = nn.Linear(a.fc, classes)
        self.conv_act = _activation(a.conv_act, 1)
        self.fc_act = _activation(a.fc_act, 1)
        self.pool = F.max_pool2d if a.pool == "max" else F.avg_pool2d

    def forward(self, x):
        x = self.conv_act(self.conv(x))
        x = self.pool(x, 2, 2, ceil_mode=self.pool_same)
        x = self.fc_act(self.fc(x.flatten(1)))
        return self.out(x)


def reference_class():
    here = os.path.dirname(os.path.abspath(__file__))
    peer = os.environ.get("FLOWCNN_PEER", os.path.join(here, "..", "..", "..", "shared", "peers", "torch_peer.py"))
    if os.path.exists(peer):
        import importlib.util
        spec = importlib.util.spec_from_file_location("torch_peer", peer)
        mod = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(mod)
        return mod.PaperCnn, peer
    return PaperCnn, "embedded copy"


def main():
    d = sys.argv[1]
    cls, source = reference_class()
    torch.set_num_threads(1)
    with open(os.path.join(d, "manifest.json")) as f:
        manifest = json.load(f)
    images = np.fromfile(os.path.join(d, "images.u8"), dtype=np.uint8)
    x = torch.from_numpy(images.astype(np.float32) / 255.0).reshape(-1, 1, 28, 28)
    worst = 0.0
    failed = 0
    for cfg in manifest:
        a = types.SimpleNamespace(kernel=int(cfg["kernel"]), conv_act=cfg["conv_act"], fc_act=cfg["fc_act"],
                                  pool=cfg["pool"], padding=cfg["padding"], fc=int(cfg["fc"]))
        sub = cfg["dir"]
        out_cpp = np.fromfile(os.path.join(sub, "out.f32"), dtype=np.float32)
        classes = out_cpp.size // x.shape[0]
        net = cls(a, classes)
        state = {}
        for name, p in net.state_dict().items():
            raw = np.fromfile(os.path.join(sub, name + ".f32"), dtype=np.float32)
            if raw.size != p.numel():
                print(f"{sub}: {name} has {raw.size} values, PyTorch expects {p.numel()} ({tuple(p.shape)})")
                failed += 1
                break
            state[name] = torch.from_numpy(raw).reshape(p.shape)
        else:
            net.load_state_dict(state)
            net.eval()
            with torch.no_grad():
                out = net(x).numpy()
            diff = float(np.abs(out.reshape(-1) - out_cpp).max())
            worst = max(worst, diff)
            status = "ok" if diff <= 1e-5 else "MISMATCH"
            if diff > 1e-5:
                failed += 1
            print(f"{status} {diff:.2e} k{a.kernel} {a.conv_act}/{a.fc_act} {a.pool} {a.padding} fc{a.fc}")
    print(f"reference: {source}; configurations: {len(manifest)}; worst abs diff {worst:.2e}")
    if failed:
        print(f"parity FAILED for {failed} configuration(s)")
        return 1
    print("parity ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
