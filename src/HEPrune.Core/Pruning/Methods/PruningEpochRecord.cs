namespace HEPrune.Core.Pruning.Methods;

/// <summary>What one pruning round did: the resulting training set and the cost of each component.</summary>
/// <param name="Epoch">Epoch at whose start the round ran.</param>
/// <param name="Method">Method name.</param>
/// <param name="Selection">"full", "random" or "scores".</param>
/// <param name="KeptSamples">Samples kept.</param>
/// <param name="Groups">Batch groups trained on until the next round.</param>
/// <param name="Ciphertexts">Ciphertexts trained on until the next round.</param>
/// <param name="Seconds">Wall time per component: forward, scoring, selection (incl. the client), repacking; "client" is the client's part of selection (decrypt, unpack, QuickSelect).</param>
/// <param name="Ops">Server operation counts per component (kind name → count).</param>
/// <param name="Bytes">Bytes per message type ("scores" server → client, "mask" client → server).</param>
public sealed record PruningEpochRecord(
    int Epoch,
    string Method,
    string Selection,
    int KeptSamples,
    int Groups,
    int Ciphertexts,
    IReadOnlyDictionary<string, double> Seconds,
    IReadOnlyDictionary<string, Dictionary<string, long>> Ops,
    IReadOnlyDictionary<string, long> Bytes);
