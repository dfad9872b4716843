using System.Globalization;
using HEPrune.Ckks.Bootstrapping;
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
        "boot-n16" or "boot-test-n13" => CkksParameters.Create(BootPreset(name).Scheme),
        "paper-n16" or "hetal-fgb" => Presets.PaperN16,
        "n15" => Presets.N15,
        "n14" => Presets.N14,
        "test-n12" => TestN12.Value,
        "test-n13" => TestN13.Value,
        _ => throw new ArgumentException($"ckks.preset: unknown preset '{name}' (paper-n16, hetal-fgb, n15, n14, test-n12, test-n13, boot-n16, boot-test-n13)"),
    };

    /// <summary>
    /// The bootstrapping configuration of a <c>boot-*</c> preset: <c>boot-n16</c> = <see cref="BootstrappingPresets.N16"/>
    /// (N = 2^16, 12 circuit levels below the bootstrap's primes, log QP 1721, 128-bit); <c>boot-test-n13</c> = the same
    /// chain at N = 2^13 (INSECURE, for reduced-scale measurements).
    /// </summary>
    public static BootstrappingParameters BootPreset(string name) => name switch
    {
        "boot-n16" => BootstrappingPresets.N16,
        "boot-test-n13" => BootstrappingPresets.N16Shape(13),
        _ => throw new ArgumentException($"ckks.preset: '{name}' is not a bootstrapping preset (boot-n16, boot-test-n13)"),
    };

    /// <summary>Whether <paramref name="name"/> is a bootstrapping preset (<c>boot-*</c>).</summary>
    public static bool IsBoot(string name) => name.StartsWith("boot-", StringComparison.Ordinal);

    /// <summary>The circuit's level shape of a preset (for boot-* presets: the 12 levels below the bootstrap's primes).</summary>
    public static HeParameters ShapeOf(string name, CkksParameters ckks) =>
        IsBoot(name) ? CkksBackend.ShapeOf(ckks, BootPreset(name).OutputLevel(ckks)) : CkksBackend.ShapeOf(ckks);

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
        var shape = ShapeOf(run.Ckks.Preset, ckks);
        bool bootstrap = run.Ckks.Refresh == "bootstrap";
        if (bootstrap && !IsBoot(run.Ckks.Preset))
            throw new ArgumentException($"ckks.refresh: bootstrap needs a bootstrapping preset (boot-n16, boot-test-n13), not '{run.Ckks.Preset}'");
        // Our real bootstrap needs one level to land exactly on the output scale, so its emulation refreshes from level 1.
        int bootstrapFloor = IsBoot(run.Ckks.Preset) ? 1 : 0;
        var description = Describe(run.Ckks.Preset, ckks);
        if (run.Backend == "emulated")
        {
            var noise = run.Ckks.Noise == "simulated" ? EmulationNoise.CkksLike(seed: run.Seed + 1) : null;
            if (run.Role == "measure" && bootstrap)
            {
                description["refresh"] = "emulated bootstrap from level 1 (as the real-CKKS bootstrapping run it is compared with)";
                return (EmulatedBackend.Create(shape, keys: null, noise, bootstrapMinLevel: bootstrapFloor), RefreshMode.Bootstrap, description);
            }
            if (run.Role == "measure")
            {
                // The emulated twin of a real-CKKS measure run refreshes exactly as that run does (through the client),
                // so that their operation counts and bytes must be identical.
                description["refresh"] = "client-aided re-encryption (as the real-CKKS run it is compared with)";
                return (EmulatedBackend.Create(shape, keys: null, noise), RefreshMode.Client, description);
            }
            // The paper bootstraps; the emulation models a bootstrap as a level reset (counted as Refresh).
            var backend = EmulatedBackend.Create(shape, keys: null, noise, bootstrapMinLevel: bootstrapFloor);
            description["refresh"] = $"emulated bootstrap (level reset from level {bootstrapFloor})";
            return (backend, RefreshMode.Bootstrap, description);
        }
        if (run.Backend == "ckks")
        {
            var layout = new BlockLayout(shape.Slots, run.Training.Batch, dimension + 1, classes);
            var keys = HetalKeys.KeySet(layout);
            PruningKeys.AddTo(keys, PruningMethodSpec.Parse(run.Method), SampleRowLayout.FromBlock(layout), classes);
            description["rotation_keys"] = keys.Steps.Count.ToString(CultureInfo.InvariantCulture);
            if (bootstrap)
            {
                // Refresh inputs of HETAL/HEPrune stay within |x| ≤ 1 (measured ≤ 1.000); R = 2 leaves a margin (docs/bootstrapping.md).
                var booted = CkksBackend.Create(BootPreset(run.Ckks.Preset), keys, CkksRefresh.Bootstrap, inputBound: 2);
                description["refresh"] = "CKKS bootstrapping (keys generated by the client, evaluation keys only on the server)";
                if (booted.Evaluator is CkksEvaluator { KeyMemory: { } bootKeyMemory }) description["key_memory"] = bootKeyMemory.ToString();
                return (booted, RefreshMode.Bootstrap, description);
            }
            var backend = IsBoot(run.Ckks.Preset)
                ? CkksBackend.Create(BootPreset(run.Ckks.Preset), keys, CkksRefresh.Client)
                : CkksBackend.Create(ckks, keys);
            description["refresh"] = "client-aided re-encryption (ckks.refresh: client)";
            if (backend.Evaluator is CkksEvaluator { KeyMemory: { } keyMemory }) description["key_memory"] = keyMemory.ToString();
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
