using HEPrune.Ckks.Bootstrapping;
using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Ckks;
using HEPrune.Core.Packing;
using HEPrune.Core.Protocol;
using HEPrune.Core.Training;
using Xunit.Abstractions;

namespace HEPrune.Core.Tests.He.Ckks;

/// <summary>
/// The CKKS backend with bootstrapping as its refresh (INSECURE N = 2^10 with the N = 2^16 chain shape): refreshed ciphertexts decrypt to
/// their input within the bootstrap's precision, land on the top level with the ladder's scale, and HETAL gives the client-refresh results.
/// </summary>
public sealed class CkksBootstrapRefreshTests(ITestOutputHelper output)
{
    private static readonly BootstrappingParameters Shape = BootstrappingPresets.N16Shape(10);

    [Fact]
    public void BootstrapRefreshRestoresTheMessageAtTheTopLevel()
    {
        var backend = CkksBackend.Create(Shape, new EvaluationKeySet(512, false), CkksRefresh.Bootstrap, inputBound: 4);
        var ev = backend.Evaluator;
        Assert.Equal(12, ev.Parameters.MaxLevel); // circuits see the 12 user levels only
        var refresher = Assert.IsType<CkksBootstrapRefresher>(ev.Refresher);
        var rng = new Random(3);
        var v = CkksTestSupport.RandomComplex(rng, 512, range: 4);
        var ct = ev.DropLevel(backend.Client.Encrypt(v, ev.Parameters.MaxLevel), 1);
        var r = ev.Refresh(ct);
        Assert.Equal(ev.Parameters.MaxLevel, r.Level);
        Assert.Equal(ev.Parameters.DefaultScale, r.Scale);
        double err = CkksTestSupport.MaxError(v, backend.Client.Decrypt(r));
        output.WriteLine($"refresh error {err:E3} (2^{Math.Log2(err):F2}) on |values| ≤ 4");
        // N = 2^10 bootstrap: ≈ 2^−21 on [−1, 1] (docs/bootstrapping.md §3); the input bound R = 4 scales the absolute error by 4.
        Assert.True(err < 4 * Math.Pow(2, -19), $"error {err:E3}");

        // The refreshed ciphertext interoperates with fresh ones at the top level (same actual scale): add and multiply.
        var w = CkksTestSupport.RandomReal(rng, 512);
        var fresh = backend.Client.Encrypt(w, ev.Parameters.MaxLevel);
        var sum = backend.Client.Decrypt(ev.Add(r, fresh));
        var prod = backend.Client.Decrypt(ev.Multiply(r, fresh));
        double se = 0, pe = 0;
        for (int i = 0; i < 512; i++)
        {
            se = Math.Max(se, Math.Abs(sum.Real[i] - (v.Real[i] + w.Real[i])));
            pe = Math.Max(pe, Math.Abs(prod.Real[i] - v.Real[i] * w.Real[i]));
        }

        Assert.True(se < 4 * Math.Pow(2, -19) && pe < 4 * Math.Pow(2, -19), $"add {se:E3}, multiply {pe:E3}");
        Assert.Equal(1, refresher.Count);
    }

    [Fact]
    public void RefreshRejectsLevelZeroAndForeignCiphertexts()
    {
        var backend = CkksBackend.Create(Shape, new EvaluationKeySet(512, false), CkksRefresh.Bootstrap);
        var other = CkksBackend.Create(Shape, new EvaluationKeySet(512, false), CkksRefresh.Client);
        Assert.Null(other.Evaluator.Refresher); // client mode: nothing installed, no bootstrapping keys generated
        var ev = backend.Evaluator;
        var v = CkksTestSupport.RandomReal(new Random(1), 512);
        var atZero = ev.DropLevel(backend.Client.Encrypt(v, 3), 0);
        Assert.ThrowsAny<Exception>(() => ev.Refresh(atZero)); // below MinInputLevel = 1
        var foreign = other.Client.Encrypt(v, 3);
        Assert.ThrowsAny<ArgumentException>(() => ev.Refresh(foreign));
        Assert.Throws<ArgumentException>(() => CkksBackend.Create(Shape, new EvaluationKeySet(512, false), CkksRefresh.Bootstrap, inputBound: 3));
    }

    [Fact]
    [Trait("Category", "Slow")] // two HETAL steps at N = 2^10, one with ≈ 20 bootstraps
    public void HetalStepWithBootstrapRefreshMatchesClientRefresh()
    {
        var rng = new Random(7);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var rows = Enumerable.Range(0, 32).Select(_ => Enumerable.Range(0, 48).Select(_ => (float)Normal()).ToArray()).ToList();
        var labels = Enumerable.Range(0, 32).Select(_ => rng.Next(10)).ToList();
        var w0 = new double[10, 49];
        for (int i = 0; i < 10; i++) for (int j = 0; j < 49; j++) w0[i, j] = Normal() * 4 / 7;
        var layout = new BlockLayout(512, 32, 49, 10);
        var keys = HetalKeys.KeySet(layout);

        var client = Run(CkksBackend.Create(Shape, keys, CkksRefresh.Client), layout, rows, labels, w0, bootstrap: false);
        var boot = Run(CkksBackend.Create(Shape, keys, CkksRefresh.Bootstrap, inputBound: 2), layout, rows, labels, w0, bootstrap: true);
        output.WriteLine($"refreshes: client {client.Refreshes}, bootstrap {boot.Refreshes}; max |input| at a bootstrap {boot.MaxInput:F3}");
        Assert.Equal(client.Refreshes, boot.Refreshes);
        Assert.True(boot.Refreshes > 0);
        Assert.True(boot.MaxInput <= 2, $"refresh input {boot.MaxInput} exceeds the bound 2");
        double pErr = 0, gErr = 0, wErr = 0;
        for (int r = 0; r < 32; r++)
            for (int j = 0; j < 10; j++) pErr = Math.Max(pErr, Math.Abs(client.P[layout.Index(r, j)] - boot.P[layout.Index(r, j)]));
        for (int i = 0; i < 10; i++)
            for (int j = 0; j < 49; j++)
            {
                gErr = Math.Max(gErr, Math.Abs(client.Gradient[i, j] - boot.Gradient[i, j]));
                wErr = Math.Max(wErr, Math.Abs(client.W[i, j] - boot.W[i, j]));
            }
        output.WriteLine($"|client − bootstrap|: P {pErr:E2}, gradient {gErr:E2}, W {wErr:E2}");
        // Bootstrap error ≤ R·2^−19 = 2^−18 ≈ 3.8e−6 per refresh (R = 2); the softmax amplifies input noise ≈ 360× (spec-validation §2.2): 1.4e−3 worst case.
        Assert.True(pErr <= 1.4e-3, $"P {pErr:E3}");
        Assert.True(gErr <= 1.4e-3, $"gradient {gErr:E3}");
        Assert.True(wErr <= 1.4e-3, $"W {wErr:E3}");
    }

    private sealed record StepResult(double[] P, double[,] Gradient, double[,] W, int Refreshes, double MaxInput);

    private static StepResult Run(HeBackend backend, BlockLayout layout, List<float[]> rows, List<int> labels, double[,] w0, bool bootstrap)
    {
        var channel = new Channel(backend.Codec);
        var client = new Client(backend.Client, channel);
        var probe = new InputProbe(bootstrap ? backend.Evaluator.Refresher! : new ClientAidedRefresher(channel, client), backend.Client);
        backend.Evaluator.Refresher = probe;
        var policy = new RefreshPolicy(backend.Evaluator);
        var circuit = new HetalCircuit(backend.Evaluator, layout, policy, new StageProfiler(backend.Evaluator));
        var batch = client.EncryptBatches(layout, rows, labels, [Enumerable.Range(0, rows.Count).ToArray()])[0];
        var model = new EncryptedModel(client.EncryptModel(layout, w0), OptimizerKind.Vanilla);
        var p = circuit.Probabilities(batch, model.W);
        var pd = backend.Client.Decrypt(p).Real;
        var g = client.DecryptModel(layout, circuit.ScaledGradient(p, batch, 0.5));
        circuit.Step(model, batch, 0.5);
        return new StepResult(pd, g, client.DecryptModel(layout, model.W), policy.Count, probe.MaxInput);
    }

    /// <summary>Test-only wrapper: records the largest |slot| reaching a refresh (decrypting with the client's key) and forwards.</summary>
    private sealed class InputProbe(IRefresher inner, IHeClient client) : IRefresher
    {
        public string Name => inner.Name;

        public int MinInputLevel => inner.MinInputLevel;

        public double MaxInput { get; private set; }

        public HeCiphertext Refresh(HeCiphertext ciphertext)
        {
            var v = client.Decrypt(ciphertext);
            for (int i = 0; i < v.Length; i++) MaxInput = Math.Max(MaxInput, Math.Max(Math.Abs(v.Real[i]), Math.Abs(v.Imag?[i] ?? 0)));
            return inner.Refresh(ciphertext);
        }
    }
}
