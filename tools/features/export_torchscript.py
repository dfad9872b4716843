"""Exports the paper's feature extractors to TorchScript for `heprune features extract --extractor torchscript`.

This needs the internet (Hugging Face hub) and `pip install torch transformers sentence-transformers`; it cannot run on
the offline development machines of this project. Usage:

    python3 tools/features/export_torchscript.py vit  vit_b16_in21k.pt
    heprune features extract -d cifar10 -e torchscript --torchscript vit_b16_in21k.pt --size 224 --mean 0.5 --std 0.5

    python3 tools/features/export_torchscript.py mpnet mpnet_base_v2.pt
    heprune features extract -d snips -e torchscript --torchscript mpnet_base_v2.pt

vit: google/vit-base-patch16-224-in21k (HETAL's image encoder). The traced module maps an NCHW float32 batch, already
     resized to 224x224 and normalised with mean 0.5 / std 0.5 (HETAL's preprocessing), to last_hidden_state
     [N, 197, 768]; the C# extractor takes token 0 (CLS), exactly HETAL's feature.
mpnet: sentence-transformers/paraphrase-mpnet-base-v2 (HETAL's SNIPS encoder). The traced module maps
     (input_ids, attention_mask) int64 [N, T] to the mean-pooled sentence embedding [N, 768] that model.encode returns.
     Beside it, NAME.tokenizer.json (format heprune-wordpiece/1) holds what the C# WordPiece tokenizer needs: the
     vocabulary in id order, the normaliser flags (lowercase, strip_accents, chinese_chars), the WordPiece settings
     (continuing_subword_prefix, max_input_chars_per_word), the special tokens and their ids (<s> cls, </s> sep,
     <pad>, [UNK]), max_length = the model's max_seq_length, and check sentences with the ids of the Hugging Face
     tokenizer and the embeddings of model.encode, which the C# extractor reproduces before it extracts anything.
"""
import json
import os
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


# Sentences whose ids and embeddings are stored in the sidecar; the C# extractor re-tokenises and re-embeds them at load
# time and refuses a module/sidecar pair that does not reproduce them. They cover SNIPS-like commands, accents,
# punctuation, digits, CJK/Hangul, an empty text and one longer than max_seq_length (truncation).
CHECK_TEXTS = [
    "Add this tune to my Rock Classics playlist",
    "What will the weather be in Qu\u00e9bec tomorrow?",
    "Book a table for 2 at a caf\u00e9 in S\u00e3o Paulo",
    "rate this novel 4.5 out of 6 stars!!",
    "Play some music by Bj\u00f6rk \u2014 anything from the '90s",
    "\u4f60\u597d, play \uc548\ub155\ud558\uc138\uc694 songs",
    "",
    " ".join(["play some jazz"] * 200),
]


def tokenizer_sidecar(st, module_out):
    """The tokenizer facts the C# WordPieceTokenizer needs (format heprune-wordpiece/1; see docs/features.md)."""
    tok = st.tokenizer
    if not tok.is_fast:
        sys.exit("expected a fast (Rust) tokenizer; got " + type(tok).__name__)
    state = json.loads(tok.backend_tokenizer.to_str())
    norm, pre, model = state["normalizer"], state["pre_tokenizer"], state["model"]
    if norm["type"] != "BertNormalizer" or pre["type"] != "BertPreTokenizer" or model["type"] != "WordPiece":
        sys.exit(f"unsupported tokenizer pipeline {norm['type']}/{pre['type']}/{model['type']}; "
                 "the C# side implements BertNormalizer/BertPreTokenizer/WordPiece")
    if not norm["clean_text"]:
        sys.exit("the C# tokenizer always cleans text; this tokenizer has clean_text=false")
    vocab_map = tok.get_vocab()  # model vocabulary plus added tokens (<mask>)
    vocab = [None] * len(vocab_map)
    for token, i in vocab_map.items():
        if not 0 <= i < len(vocab) or vocab[i] is not None:
            sys.exit(f"vocabulary ids are not 0..{len(vocab) - 1} without gaps (token {token!r} has id {i})")
        vocab[i] = token
    lowercase = bool(norm["lowercase"])
    strip = lowercase if norm["strip_accents"] is None else bool(norm["strip_accents"])
    max_len = int(st.max_seq_length)
    checks = []
    for text, emb in zip(CHECK_TEXTS, module_out):
        ids = tok(text, truncation=True, max_length=max_len)["input_ids"]
        checks.append({"text": text, "input_ids": ids, "embedding": [float(v) for v in emb]})
    first = checks[0]["input_ids"]
    if first[0] != tok.cls_token_id or first[-1] != tok.sep_token_id:
        sys.exit(f"expected <cls> text <sep> encoding; got {first}")
    return {
        "format": "heprune-wordpiece/1",
        "source": "sentence-transformers/paraphrase-mpnet-base-v2",
        "lowercase": lowercase,
        "strip_accents": strip,
        "chinese_chars": bool(norm["handle_chinese_chars"]),
        "continuing_subword_prefix": model["continuing_subword_prefix"],
        "max_input_chars_per_word": int(model["max_input_chars_per_word"]),
        "max_length": max_len,
        "cls_token": tok.cls_token, "sep_token": tok.sep_token, "pad_token": tok.pad_token, "unk_token": model["unk_token"],
        "special_ids": {"cls": tok.cls_token_id, "sep": tok.sep_token_id, "pad": tok.pad_token_id,
                        "unk": vocab_map[model["unk_token"]]},
        "vocab": vocab,
        "checks": checks,
    }


def export_mpnet(path):
    from sentence_transformers import SentenceTransformer
    st = SentenceTransformer("sentence-transformers/paraphrase-mpnet-base-v2", device="cpu").eval()
    names = [type(m).__name__ for m in st]
    if names != ["Transformer", "Pooling"] or not st[1].pooling_mode_mean_tokens:
        sys.exit(f"expected Transformer + mean Pooling; got {names}")
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

    # The traced module must reproduce model.encode on inputs of other lengths and with padding.
    reference = st.encode(CHECK_TEXTS, batch_size=len(CHECK_TEXTS), convert_to_tensor=True).cpu()
    batch = st.tokenizer(CHECK_TEXTS, padding=True, truncation=True, max_length=st.max_seq_length, return_tensors="pt")
    with torch.no_grad():
        mine = torch.jit.load(path)(batch["input_ids"], batch["attention_mask"])
    diff = (mine - reference).abs().max().item()
    if diff > 1e-4:
        sys.exit(f"the traced module differs from model.encode by {diff:.3g}; not saving the sidecar")
    sidecar = os.path.splitext(path)[0] + ".tokenizer.json"
    with open(sidecar, "w", encoding="utf-8") as f:
        json.dump(tokenizer_sidecar(st, reference.tolist()), f, ensure_ascii=False)
        f.write("\n")
    print(f"wrote {path} and {sidecar} (max_seq_length {st.max_seq_length}, traced vs encode max |diff| {diff:.2g})")


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[1] not in ("vit", "mpnet"):
        sys.exit(__doc__)
    {"vit": export_vit, "mpnet": export_mpnet}[sys.argv[1]](sys.argv[2])
