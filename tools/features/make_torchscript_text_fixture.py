"""Writes the tiny TorchScript text-encoder fixture used by the C# TorchScriptTextExtractor test.

Run once (Debian: apt-get install python3-torch; use /usr/bin/python3), from the repository root:
    /usr/bin/python3 tools/features/make_torchscript_text_fixture.py \
        tests/HEPrune.Core.Tests/Features/Fixtures/wordpiece_reference.json tests/HEPrune.Features.Tests/Fixtures

Input: the WordPiece reference (vocabulary + texts + the ids Hugging Face's tokenizer gave them; see
make-wordpiece-fixture.mjs). Output:
  tiny_text.pt              traced forward(input_ids, attention_mask) -> masked mean over tokens of tanh(W e[id] + b),
                            [N, 4] (embedding 5-d, seed 0); the same signature and pooling as the exported MPNet module.
  tiny_text.tokenizer.json  its sidecar in the format export_torchscript.py writes (heprune-wordpiece/1), with four
                            reference sentences: ids from the Hugging Face reference, embeddings from this module.
  tiny_text_reference.json  the weights (embedding, W, b), every reference text with its ids, and PyTorch's output for
                            all texts run as one padded batch.
"""
import json
import sys

import torch


class TinyText(torch.nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.emb = torch.nn.Embedding(vocab_size, 5)
        self.proj = torch.nn.Linear(5, 4)

    def forward(self, input_ids, attention_mask):
        t = torch.tanh(self.proj(self.emb(input_ids)))
        m = attention_mask.unsqueeze(-1).to(t.dtype)
        return (t * m).sum(1) / m.sum(1).clamp(min=1e-9)


def padded(rows, pad):
    n = max(len(r) for r in rows)
    ids = torch.tensor([r + [pad] * (n - len(r)) for r in rows], dtype=torch.long)
    mask = torch.tensor([[1] * len(r) + [0] * (n - len(r)) for r in rows], dtype=torch.long)
    return ids, mask


def main(reference, out_dir):
    with open(reference, encoding="utf-8") as f:
        ref = json.load(f)
    vocab = ref["vocab"]
    cases = ref["cases"]
    torch.manual_seed(0)
    m = TinyText(len(vocab)).eval()
    ids, mask = padded([[0, 6, 2]], 1)
    traced = torch.jit.trace(m, (ids, mask))
    traced.save(f"{out_dir}/tiny_text.pt")

    pad = vocab.index("<pad>")
    with torch.no_grad():
        all_out = traced(*padded([c["ids"] for c in cases], pad))
        chosen = [c for c in cases if c["text"] in ("Play some Jazz, please!", "Book a table at the Café", "", "listening \u2014 caf\u0301e \u2019s")]
        check_out = traced(*padded([c["ids"] for c in chosen], pad))
    sidecar = {
        "format": "heprune-wordpiece/1",
        "source": "tools/features/make_torchscript_text_fixture.py (toy vocabulary)",
        "lowercase": True, "strip_accents": True, "chinese_chars": True,
        "continuing_subword_prefix": "##", "max_input_chars_per_word": 100, "max_length": 512,
        "cls_token": "<s>", "sep_token": "</s>", "pad_token": "<pad>", "unk_token": "[UNK]",
        "special_ids": {"cls": vocab.index("<s>"), "sep": vocab.index("</s>"), "pad": pad, "unk": vocab.index("[UNK]")},
        "vocab": vocab,
        "checks": [{"text": c["text"], "input_ids": c["ids"], "embedding": [float(v) for v in e]} for c, e in zip(chosen, check_out)],
    }
    with open(f"{out_dir}/tiny_text.tokenizer.json", "w", encoding="utf-8") as f:
        json.dump(sidecar, f, ensure_ascii=False)
        f.write("\n")
    out = {
        "generator": "tools/features/make_torchscript_text_fixture.py",
        "torch": torch.__version__,
        "embedding": m.emb.weight.detach().tolist(),
        "proj_weight": m.proj.weight.detach().tolist(),
        "proj_bias": m.proj.bias.detach().tolist(),
        "texts": [c["text"] for c in cases],
        "ids": [c["ids"] for c in cases],
        "outputs": all_out.tolist(),
    }
    with open(f"{out_dir}/tiny_text_reference.json", "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
