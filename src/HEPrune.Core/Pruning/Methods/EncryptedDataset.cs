using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Methods;

/// <summary>
/// The server's full encrypted training set as pruning sees it: batch groups of ciphertexts (feature blocks plus a
/// label block) sharing one sample-row layout, with the number of real samples in each group.
/// </summary>
/// <remarks>Sample id s is row s mod B of group ⌊s / B⌋ for full groups; in general ids run group by group over the real rows.</remarks>
public sealed class EncryptedDataset
{
    /// <summary>Creates the view and validates it.</summary>
    /// <param name="groups">Batch groups; each has the same number of ciphertexts.</param>
    /// <param name="samplesPerGroup">Real samples (leading rows) per group.</param>
    /// <param name="layout">Sample-row layout of every ciphertext.</param>
    /// <param name="labelIndex">Index of the label ciphertext inside a group.</param>
    /// <exception cref="ArgumentException">The groups are empty or inconsistent.</exception>
    public EncryptedDataset(IReadOnlyList<HeCiphertext[]> groups, IReadOnlyList<int> samplesPerGroup, SampleRowLayout layout, int labelIndex)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(samplesPerGroup);
        ArgumentNullException.ThrowIfNull(layout);
        if (groups.Count == 0) throw new ArgumentException("EncryptedDataset: no batch groups.", nameof(groups));
        if (samplesPerGroup.Count != groups.Count)
            throw new ArgumentException($"EncryptedDataset: {samplesPerGroup.Count} sample counts for {groups.Count} groups.", nameof(samplesPerGroup));
        int c = groups[0].Length;
        if ((uint)labelIndex >= (uint)c)
            throw new ArgumentException($"EncryptedDataset: label index {labelIndex} outside a group of {c} ciphertexts.", nameof(labelIndex));
        int total = 0;
        for (int g = 0; g < groups.Count; g++)
        {
            if (groups[g].Length != c)
                throw new ArgumentException($"EncryptedDataset: group {g} has {groups[g].Length} ciphertexts, expected {c}.", nameof(groups));
            if (samplesPerGroup[g] < 0 || samplesPerGroup[g] > layout.RowsPerCiphertext)
                throw new ArgumentException($"EncryptedDataset: group {g} has {samplesPerGroup[g]} samples, expected 0…{layout.RowsPerCiphertext}.", nameof(samplesPerGroup));
            total += samplesPerGroup[g];
        }
        Groups = groups;
        SamplesPerGroup = samplesPerGroup.ToArray();
        Layout = layout;
        LabelIndex = labelIndex;
        SampleCount = total;
    }

    /// <summary>The batch groups of the full data set (never modified by pruning).</summary>
    public IReadOnlyList<HeCiphertext[]> Groups { get; }

    /// <summary>Real samples per group.</summary>
    public IReadOnlyList<int> SamplesPerGroup { get; }

    /// <summary>Sample-row layout.</summary>
    public SampleRowLayout Layout { get; }

    /// <summary>Index of the label ciphertext in each group.</summary>
    public int LabelIndex { get; }

    /// <summary>Total number of real samples N.</summary>
    public int SampleCount { get; }

    /// <summary>Ciphertexts per group.</summary>
    public int CiphertextsPerGroup => Groups[0].Length;

    /// <summary>Splits a keep-mask over sample ids into one row mask per group.</summary>
    /// <exception cref="ArgumentException">The mask length is not N.</exception>
    public List<bool[]> SplitMask(ReadOnlySpan<bool> sampleMask)
    {
        if (sampleMask.Length != SampleCount)
            throw new ArgumentException($"EncryptedDataset.SplitMask: mask has {sampleMask.Length} entries, expected {SampleCount}.", nameof(sampleMask));
        var result = new List<bool[]>(Groups.Count);
        int id = 0;
        for (int g = 0; g < Groups.Count; g++)
        {
            var m = new bool[Layout.RowsPerCiphertext];
            for (int r = 0; r < SamplesPerGroup[g]; r++) m[r] = sampleMask[id++];
            result.Add(m);
        }
        return result;
    }
}
