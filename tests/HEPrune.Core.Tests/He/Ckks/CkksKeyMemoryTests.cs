using HEPrune.Ckks.Bootstrapping;
using HEPrune.Ckks.Scheme;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;

namespace HEPrune.Core.Tests.He.Ckks;

/// <summary>The CKKS backend on a bootstrapping chain restricts the circuit's keys to the circuit levels and states the key memory.</summary>
public sealed class CkksKeyMemoryTests
{
    private static readonly BootstrappingParameters Shape = BootstrappingPresets.N16Shape(10);

    private static long KeyBytes(CkksParameters p, int maxLevel) =>
        2L * ((maxLevel + 1 + p.Alpha - 1) / p.Alpha) * (maxLevel + 1 + p.P.Count) * p.N * 8;

    [Fact]
    public void BootstrapBackendRestrictsOnlyTheCircuitOnlyStepsToTheOutputLevel()
    {
        var p = CkksParameters.Create(Shape.Scheme);
        var context = new CkksContext(p);
        var boot = new Bootstrapper(context, Shape);
        var bootSteps = new HashSet<int>(boot.RotationSteps());
        int[] circuit = [.. new[] { 3, 5, 6, 7, 9, -5, -6 }.Where(s => !bootSteps.Contains(s))];
        int shared = bootSteps.First(s => s != 0); // a circuit step the bootstrap also uses keeps its whole-chain key
        var keys = new EvaluationKeySet(p.Slots, conjugation: true).AddRange([.. circuit, shared]);
        var backend = CkksBackend.Create(Shape, keys, CkksRefresh.Bootstrap, inputBound: 2);
        var memory = Assert.IsType<CkksEvaluator>(backend.Evaluator).KeyMemory!;
        int top = boot.OutputLevel;
        Assert.Equal(circuit.Length, memory.RestrictedKeys);
        Assert.Equal(top, memory.RestrictedMaxLevel);
        Assert.Equal(circuit.Length * KeyBytes(p, top), memory.RestrictedBytes);
        // relinearization, the bootstrap's Galois keys (incl. the shared step) and conjugation, the two encapsulation keys
        int bootGalois = bootSteps.Count(s => s != 0) + 1;
        Assert.Equal(1 + bootGalois + 2, memory.FullKeys);
        Assert.Contains("restricted to levels ≤ " + top, memory.ToString());

        // The circuit runs on the restricted keys at its levels.
        var v = CkksTestSupport.RandomReal(new Random(3), p.Slots);
        var rotated = backend.Evaluator.Rotate(backend.Client.Encrypt(v, top), circuit[0]);
        var got = backend.Client.Decrypt(rotated);
        for (int i = 0; i < p.Slots; i++)
            Assert.True(Math.Abs(got.Real[i] - v.Real[(i + circuit[0]) % p.Slots]) < 1e-6, $"slot {i}");
    }

    [Fact]
    public void ClientRefreshBackendOnABootstrappingChainRestrictsEveryKey()
    {
        var p = CkksParameters.Create(Shape.Scheme);
        var keys = new EvaluationKeySet(p.Slots, conjugation: false).AddRange([1, 2]);
        var backend = CkksBackend.Create(Shape, keys, CkksRefresh.Client);
        var memory = Assert.IsType<CkksEvaluator>(backend.Evaluator).KeyMemory!;
        int top = backend.Evaluator.Parameters.MaxLevel;
        Assert.Equal(0, memory.FullKeys);
        Assert.Equal(3, memory.RestrictedKeys); // relinearization + 2 rotations
        Assert.Equal(3 * KeyBytes(p, top), memory.RestrictedBytes);
    }
}
