using System.Diagnostics;
using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;

namespace HEPrune.Core.He.Ckks;

/// <content>The CKKS backend over a bootstrapping parameter set: circuits see the levels below the bootstrap's primes.</content>
public static partial class CkksBackend
{
    /// <summary>
    /// Creates a CKKS backend over a bootstrapping parameter set (e.g. <see cref="BootstrappingPresets.N16"/>). Circuits see levels
    /// 0..<see cref="Bootstrapper.OutputLevel"/> (12 for N16); the primes above are used only inside the bootstrap.
    /// </summary>
    /// <param name="bootstrapping">The bootstrapping configuration (its <c>Scheme</c> is the CKKS parameter set).</param>
    /// <param name="keys">Rotation steps and conjugation the circuits need (their keys are generated together with the bootstrap's).</param>
    /// <param name="refresh"><see cref="CkksRefresh.Bootstrap"/>: the client generates the bootstrapping keys and the evaluator gets a
    /// <see cref="CkksBootstrapRefresher"/>; <see cref="CkksRefresh.Client"/>: no bootstrapping keys, no refresher installed (use the client round trip).</param>
    /// <param name="inputBound">Power of two R ≥ 1 bounding the slot values at refresh points (see <see cref="CkksBootstrapRefresher"/>).</param>
    /// <param name="plaintextCacheBytes">Bound of the evaluator's encoded-plaintext cache (0 disables it).</param>
    /// <param name="seededEncryption">As in <see cref="Create(CkksParameters, EvaluationKeySet, long, bool)"/>.</param>
    /// <exception cref="ArgumentException">The key set is for another slot count, or the configuration is invalid.</exception>
    public static HeBackend Create(BootstrappingParameters bootstrapping, EvaluationKeySet keys, CkksRefresh refresh, double inputBound = 1,
        long plaintextCacheBytes = DefaultPlaintextCacheBytes, bool seededEncryption = false)
    {
        ArgumentNullException.ThrowIfNull(bootstrapping);
        ArgumentNullException.ThrowIfNull(keys);
        var parameters = CkksParameters.Create(bootstrapping.Scheme);
        if (keys.Slots != parameters.Slots)
            throw new ArgumentException($"CkksBackend: key set is for {keys.Slots} slots, parameters have {parameters.Slots}.", nameof(keys));
        bootstrapping.Validate(parameters);
        // At N ≥ 2^16 the encoded DFT diagonals would hold ≈ 3.5 GiB beside ≈ 10 GiB of keys: keep them as slot values and encode them
        // at each bootstrap instead (identical plaintexts; docs/bootstrapping.md §7).
        if (parameters.LogN >= 16 && !bootstrapping.EncodeDiagonalsOnTheFly)
            bootstrapping = bootstrapping with { EncodeDiagonalsOnTheFly = true };
        int top = bootstrapping.OutputLevel(parameters);
        var shape = ShapeOf(parameters, top);
        var ladder = new ScaleLadder(parameters, shape);
        var context = new CkksContext(parameters);
        var client = new CkksClient(context, shape, ladder, seededEncryption);
        CkksEvaluator evaluator;
        if (refresh == CkksRefresh.Bootstrap)
        {
            var bootstrapper = new Bootstrapper(context, bootstrapping);
            long t0 = Stopwatch.GetTimestamp();
            BootstrappingKeys bootKeys = client.CreateBootstrappingKeys(bootstrapper, keys);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            evaluator = new CkksEvaluator(context, shape, ladder, new EvaluationKeys(bootKeys.Relinearization, bootKeys.Galois), keys, client.KeySetId, plaintextCacheBytes);
            evaluator.Refresher = new CkksBootstrapRefresher(bootstrapper, bootKeys, ladder, client.KeySetId, top, inputBound);
            evaluator.KeyMemory = CkksKeyMemory.Of(bootKeys, seconds);
        }
        else
        {
            long t0 = Stopwatch.GetTimestamp();
            EvaluationKeys evalKeys = client.CreateEvaluationKeys(keys);
            double seconds = Stopwatch.GetElapsedTime(t0).TotalSeconds;
            evaluator = new CkksEvaluator(context, shape, ladder, evalKeys, keys, client.KeySetId, plaintextCacheBytes);
            evaluator.KeyMemory = CkksKeyMemory.Of(evalKeys, seconds);
        }

        return new HeBackend("ckks", evaluator, client, new CkksCodec(context, ladder, client.KeySetId));
    }
}
