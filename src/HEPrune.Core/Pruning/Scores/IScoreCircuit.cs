using HEPrune.Core.He;

namespace HEPrune.Core.Pruning.Scores;

/// <summary>
/// An importance-score circuit: from an encrypted probability block P and label block Y (samples in rows, classes in
/// columns 0…c−1) it returns a ciphertext with each sample's score in column 0 of its row.
/// </summary>
public interface IScoreCircuit
{
    /// <summary>Short name written into results ("hefs", "el2n").</summary>
    string Name { get; }

    /// <summary>Levels the circuit consumes from its input level.</summary>
    int Depth { get; }

    /// <summary>Returns the encrypted scores of one block (column 0 of each sample row; other columns are garbage).</summary>
    HeCiphertext Score(IHeEvaluator evaluator, HeCiphertext probabilities, HeCiphertext labels);

    /// <summary>The same approximation evaluated in plaintext for one sample (reference for tests and plaintext runs).</summary>
    double Approximate(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels);

    /// <summary>The exact score the circuit approximates, for one sample.</summary>
    double Exact(ReadOnlySpan<double> probabilities, ReadOnlySpan<double> labels);
}
