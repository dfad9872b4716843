namespace HEPrune.Core.Features;

/// <summary>A padded batch of token ids and its attention mask, both row-major [Count, Length] int64.</summary>
/// <param name="InputIds">Token ids, padded with the pad id.</param>
/// <param name="AttentionMask">1 for real tokens, 0 for padding.</param>
/// <param name="Count">Number of texts (rows).</param>
/// <param name="Length">Padded length (columns): the longest encoded text of the batch.</param>
public sealed record TokenBatch(long[] InputIds, long[] AttentionMask, int Count, int Length);
