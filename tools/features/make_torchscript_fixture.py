"""Writes the tiny TorchScript fixture used by the C# TorchScript extractor test.

Run once (Debian: apt-get install python3-torch; use /usr/bin/python3), from the repository root:
    /usr/bin/python3 tools/features/make_torchscript_fixture.py tests/HEPrune.Features.Tests/Fixtures

It writes tiny_vit_like.pt (a ViT-shaped toy: 2x2 patch embedding + a CLS token that is the mean of the patch tokens,
output [N, 1 + T, 6]) and tiny_vit_like_reference.json (a fixed 8x8 RGB input as bytes, the preprocessing, and the
expected CLS features computed by PyTorch).
"""
import json
import sys
import base64

import torch


class TinyVitLike(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.patch = torch.nn.Conv2d(3, 6, kernel_size=2, stride=2)

    def forward(self, x):
        t = self.patch(x).flatten(2).transpose(1, 2)            # [N, T, 6]
        cls = torch.tanh(t.mean(dim=1, keepdim=True)) * 2.0     # [N, 1, 6]
        return torch.cat([cls, t], dim=1)


def main(out_dir):
    torch.manual_seed(0)
    m = TinyVitLike().eval()
    scripted = torch.jit.trace(m, torch.zeros(1, 3, 8, 8))
    scripted.save(f"{out_dir}/tiny_vit_like.pt")
    # Fixed 8x8 RGB image, pixel (y, x, c) = (y * 29 + x * 13 + c * 71) % 256.
    px = bytes(((y * 29 + x * 13 + c * 71) % 256) for y in range(8) for x in range(8) for c in range(3))
    img = torch.tensor(list(px), dtype=torch.float32).reshape(1, 8, 8, 3).permute(0, 3, 1, 2) / 255.0
    x = (img - 0.5) / 0.5
    with torch.no_grad():
        cls = scripted(x)[:, 0, :]
    ref = {
        "generator": "tools/features/make_torchscript_fixture.py",
        "torch": torch.__version__,
        "size": 8, "mean": 0.5, "std": 0.5,
        "pixels_hwc_base64": base64.b64encode(px).decode(),
        "cls": [float(v) for v in cls[0]],
    }
    with open(f"{out_dir}/tiny_vit_like_reference.json", "w") as f:
        json.dump(ref, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
