using HEPrune.Core.He;
using HEPrune.Core.Pruning.Scores;

namespace HEPrune.Core.Pruning.Compaction;

/// <summary>
/// Packs per-block score ciphertexts (one score in column 0 of each sample row) densely into as few ciphertexts as
/// possible by masking and rotate-and-merge, for client-aided masking (spec §3.4) and the baseline's sort.
/// </summary>
/// <remarks>
/// <para>Block i of a run of RowSlots consecutive blocks lands in column i mod RowSlots of output ⌊i / RowSlots⌋, so
/// output o holds the score of (block o·RowSlots + c, row r) in slot r·RowSlots + c. Each output therefore carries
/// B·RowSlots scores (32,768 with the paper's 128×256 blocks): CIFAR-10's 342 blocks (43,750 scores) need 2.</para>
/// <para>Cost for n blocks: n CMult (the column-0 mask; garbage from the class sum fills the other columns), and a
/// binary merge tree per output (x ← x + Rot(y, −2^t)) with n − ⌈n/RowSlots⌉ rotations and additions, using only the
/// log2(RowSlots) power-of-two right-rotation keys. One level is consumed; <see cref="Compact"/> can then drop the
/// outputs to a target level (level 0 is enough to decrypt) so that each costs (level+1)·2N·8 bytes on the wire.
/// A score block with no level left is refreshed first (with <paramref name="targetLevel"/> null: one that would
/// fall below the refresher's floor).</para>
/// </remarks>
public sealed class ScoreCompactor
{
    private readonly SampleRowLayout _layout;

    /// <summary>Creates a compactor for blocks with the given layout.</summary>
    public ScoreCompactor(SampleRowLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        if ((layout.RowSlots & (layout.RowSlots - 1)) != 0)
            throw new ArgumentException($"ScoreCompactor: row width {layout.RowSlots} must be a power of two.", nameof(layout));
        _layout = layout;
    }

    /// <summary>Blocks merged into one output ciphertext (RowSlots).</summary>
    public int BlocksPerOutput => _layout.RowSlots;

    /// <summary>Returns the number of output ciphertexts for <paramref name="blocks"/> score blocks.</summary>
    public int OutputCount(int blocks) => (blocks + BlocksPerOutput - 1) / BlocksPerOutput;

    /// <summary>Returns where the score of (block, row) lives: output index and slot.</summary>
    public (int Output, int Slot) Locate(int block, int row) =>
        (block / BlocksPerOutput, row * _layout.RowSlots + block % BlocksPerOutput);

    /// <summary>Compacts the score blocks.</summary>
    /// <param name="evaluator">Server-side evaluator.</param>
    /// <param name="scoreBlocks">Score ciphertexts in block order (score in column 0 of each row).</param>
    /// <param name="scale">Factor folded into the column mask (1 keeps the scores as they are).</param>
    /// <param name="targetLevel">Level the outputs are dropped to, or null to keep them where they are.</param>
    /// <exception cref="ArgumentException">No blocks are given.</exception>
    public HeCiphertext[] Compact(IHeEvaluator evaluator, IReadOnlyList<HeCiphertext> scoreBlocks, double scale = 1.0, int? targetLevel = 0)
    {
        ArgumentNullException.ThrowIfNull(evaluator);
        ArgumentNullException.ThrowIfNull(scoreBlocks);
        if (scoreBlocks.Count == 0)
            throw new ArgumentException("ScoreCompactor.Compact: no score blocks given.", nameof(scoreBlocks));
        _layout.Validate(evaluator.Slots);
        var mask = _layout.ColumnMask(evaluator.Slots, 0, scale);
        int outputs = OutputCount(scoreBlocks.Count);
        var result = new HeCiphertext[outputs];
        for (int o = 0; o < outputs; o++)
        {
            int first = o * BlocksPerOutput;
            int count = Math.Min(BlocksPerOutput, scoreBlocks.Count - first);
            var level = new HeCiphertext?[BlocksPerOutput];
            for (int i = 0; i < count; i++)
            {
                // Scores going to the client only need the mask's level; scores kept for more HE work (the baseline's
                // sort) must stay refreshable, i.e. keep the refresher's floor after the mask.
                var block = targetLevel is null
                    ? LevelGuard.Ensure(evaluator, scoreBlocks[first + i], 1, "ScoreCompactor")
                    : LevelGuard.EnsureLevels(evaluator, scoreBlocks[first + i], 1, "ScoreCompactor");
                level[i] = evaluator.MultiplyPlain(block, mask);
            }
            // Merge tree: at step t, entry i (a multiple of 2^(t+1)) absorbs entry i + 2^t shifted right by 2^t columns.
            for (int step = 1; step < BlocksPerOutput; step <<= 1)
            {
                for (int i = 0; i + step < BlocksPerOutput; i += step << 1)
                {
                    if (level[i + step] is null) continue;
                    level[i] = evaluator.Add(level[i]!, evaluator.Rotate(level[i + step]!, -step));
                    level[i + step] = null;
                }
            }
            var merged = level[0]!;
            if (targetLevel is int t && merged.Level > t) merged = evaluator.DropLevel(merged, t);
            result[o] = merged;
        }
        return result;
    }

    /// <summary>Client side: reads the per-sample scores out of decrypted compacted slot vectors.</summary>
    /// <param name="decrypted">Real parts of the decrypted outputs, in output order.</param>
    /// <param name="samplesPerBlock">Real samples in each block (the last block may be partial).</param>
    /// <returns>Scores in sample order (block by block, row by row).</returns>
    /// <exception cref="ArgumentException">The outputs are too few or too short for the blocks.</exception>
    public double[] Unpack(IReadOnlyList<double[]> decrypted, IReadOnlyList<int> samplesPerBlock)
    {
        ArgumentNullException.ThrowIfNull(decrypted);
        ArgumentNullException.ThrowIfNull(samplesPerBlock);
        if (decrypted.Count < OutputCount(samplesPerBlock.Count))
            throw new ArgumentException($"ScoreCompactor.Unpack: {decrypted.Count} outputs for {samplesPerBlock.Count} blocks, expected {OutputCount(samplesPerBlock.Count)}.", nameof(decrypted));
        int total = 0;
        foreach (int s in samplesPerBlock) total += s;
        var scores = new double[total];
        int id = 0;
        for (int b = 0; b < samplesPerBlock.Count; b++)
        {
            if (samplesPerBlock[b] < 0 || samplesPerBlock[b] > _layout.RowsPerCiphertext)
                throw new ArgumentException($"ScoreCompactor.Unpack: block {b} has {samplesPerBlock[b]} samples, expected 0…{_layout.RowsPerCiphertext}.", nameof(samplesPerBlock));
            for (int r = 0; r < samplesPerBlock[b]; r++)
            {
                var (o, slot) = Locate(b, r);
                if (slot >= decrypted[o].Length)
                    throw new ArgumentException($"ScoreCompactor.Unpack: output {o} has {decrypted[o].Length} slots, slot {slot} needed.", nameof(decrypted));
                scores[id++] = decrypted[o][slot];
            }
        }
        return scores;
    }
}
