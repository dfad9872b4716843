namespace HEPrune.Core.Features;

/// <summary>One reference sentence of a tokenizer sidecar: the ids (and optionally the embedding) the original Python
/// pipeline produced for it at export time.</summary>
/// <param name="Text">The sentence.</param>
/// <param name="InputIds">Ids from the Hugging Face tokenizer, special tokens included.</param>
/// <param name="Embedding">The sentence-transformers embedding, or null.</param>
public sealed record TokenizerCheck(string Text, int[] InputIds, float[]? Embedding);
