"""Exports the paper's feature extractors to TorchScript for `heprune features extract --extractor torchscript`.

This needs the internet (Hugging Face hub) and `pip install torch transformers sentence-transformers`; it cannot run on
the offline development machines of this project. Usage:

    python3 tools/features/export_torchscript.py vit  vit_b16_in21k.pt
    heprune features extract -d cifar10 -e torchscript --torchscript vit_b16_in21k.pt --size 224 --mean 0.5 --std 0.5

    python3 tools/features/export_torchscript.py mpnet mpnet_base_v2.pt

vit: google/vit-base-patch16-224-in21k (HETAL's image encoder). The traced module maps an NCHW float32 batch, already
     resized to 224x224 and normalised with mean 0.5 / std 0.5 (HETAL's preprocessing), to last_hidden_state
     [N, 197, 768]; the C# extractor takes token 0 (CLS), exactly HETAL's feature.
mpnet: sentence-transformers/paraphrase-mpnet-base-v2 (HETAL's SNIPS encoder). The traced module maps
     (input_ids, attention_mask) int64 [N, T] to the mean-pooled sentence embedding [N, 768] that model.encode returns.
     The C# side has no MPNet tokenizer yet, so this file is not usable from `heprune` today (see docs/features.md).
"""
import sys

import torch


def export_vit(path):
    from transformers import ViTModel
    model = ViTModel.from_pretrained("google/vit-base-patch16-224-in21k", add_pooling_layer=False).eval()

    class Wrapper(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, pixel_values):
            return self.m(pixel_values=pixel_values).last_hidden_state

    example = torch.zeros(1, 3, 224, 224)
    traced = torch.jit.trace(Wrapper(model), example, strict=False)
    traced.save(path)


def export_mpnet(path):
    from sentence_transformers import SentenceTransformer
    st = SentenceTransformer("sentence-transformers/paraphrase-mpnet-base-v2").eval()
    encoder = st[0].auto_model

    class Wrapper(torch.nn.Module):
        def __init__(self, m):
            super().__init__()
            self.m = m

        def forward(self, input_ids, attention_mask):
            tokens = self.m(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(tokens.dtype)
            return (tokens * mask).sum(1) / mask.sum(1).clamp(min=1e-9)

    ids = torch.ones(1, 16, dtype=torch.long)
    traced = torch.jit.trace(Wrapper(encoder), (ids, torch.ones_like(ids)), strict=False)
    traced.save(path)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("vit", "mpnet"):
        sys.exit(__doc__)
    {"vit": export_vit, "mpnet": export_mpnet}[sys.argv[1]](sys.argv[2])
