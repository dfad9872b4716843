using System.Globalization;
using HEPrune.Ckks.Scheme;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Packing;
using HEPrune.Core.Pruning;
using HEPrune.Core.Pruning.Methods;
using HEPrune.Core.Training;
using HEPrune.Experiments.Running;

namespace HEPrune.Experiments.Execution;

/// <summary>Builds the HE backend of a run: the emulation of a CKKS preset's level chain, or the real CKKS library.</summary>
internal static class HeBackends
{
    /// <summary>The CKKS parameter set behind a config preset name (see <c>Vocabulary.CkksPresets</c>).</summary>
    /// <exception cref="ArgumentException">Unknown preset.</exception>
    public static CkksParameters Preset(string name) => name switch
    {
        "paper-n16" or "hetal-fgb" => Presets.PaperN16,
        "n15" => Presets.N15,
        "n14" => Presets.N14,
        "test-n12" => TestN12.Value,
        "test-n13" => TestN13.Value,
        _ => throw new ArgumentException($"ckks.preset: unknown preset '{name}' (paper-n16, hetal-fgb, n15, n14, test-n12, test-n13)"),
    };

    // INSECURE, tests and reduced-scale measurements only: the paper's level shape (base prime + 12 scaling primes)
    // at a small ring degree, so a real-CKKS run can follow the same circuit with the same refresh points.
    private static readonly Lazy<CkksParameters> TestN12 = new(() => TestLiteral(12));
    private static readonly Lazy<CkksParameters> TestN13 = new(() => TestLiteral(13));

    private static CkksParameters TestLiteral(int logN) => CkksParameters.Create(new CkksParametersLiteral
    {
        LogN = logN,
        LogQ = [58, .. Enumerable.Repeat(42, 12)],
        LogP = [60, 60, 60],
        Dnum = 5,
        LogDefaultScale = 42,
        Security = SecurityLevel.TestOnlyInsecure,
    });

    /// <summary>Creates the backend, the refresh mode it supports and the parameter description for the record.</summary>
    public static (HeBackend Backend, RefreshMode Refresh, IReadOnlyDictionary<string, string> Parameters) Create(ResolvedRun run, int dimension, int classes)
    {
        var ckks = Preset(run.Ckks.Preset);
        var shape = CkksBackend.ShapeOf(ckks);
        var description = Describe(run.Ckks.Preset, ckks);
        if (run.Backend == "emulated")
        {
            var noise = run.Ckks.Noise == "simulated" ? EmulationNoise.CkksLike(seed: run.Seed + 1) : null;
            if (run.Role == "measure")
            {
                // The emulated twin of a real-CKKS measure run refreshes exactly as that run does (through the client),
                // so that their operation counts and bytes must be identical.
                description["refresh"] = "client-aided re-encryption (as the real-CKKS run it is compared with)";
                return (EmulatedBackend.Create(shape, keys: null, noise), RefreshMode.Client, description);
            }
            // The paper bootstraps; the emulation models a bootstrap as a level reset (counted as Refresh).
            var backend = EmulatedBackend.Create(shape, keys: null, noise, bootstrapMinLevel: 0);
            description["refresh"] = "emulated bootstrap (level reset)";
            return (backend, RefreshMode.Bootstrap, description);
        }
        if (run.Backend == "ckks")
        {
            var layout = new BlockLayout(shape.Slots, run.Training.Batch, dimension + 1, classes);
            var keys = HetalKeys.KeySet(layout);
            PruningKeys.AddTo(keys, PruningMethodSpec.Parse(run.Method), SampleRowLayout.FromBlock(layout), classes);
            var backend = CkksBackend.Create(ckks, keys);
            description["refresh"] = "client-aided re-encryption (CKKS bootstrapping not yet wired)";
            description["rotation_keys"] = keys.Steps.Count.ToString(CultureInfo.InvariantCulture);
            return (backend, RefreshMode.Client, description);
        }
        throw new ArgumentException($"backend '{run.Backend}' does not run HE circuits (emulated, ckks)");
    }

    private static Dictionary<string, string> Describe(string preset, CkksParameters p) => new()
    {
        ["preset"] = preset,
        ["ckks"] = p.ToString(),
    };
}
