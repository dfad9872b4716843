using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.Protocol;
using HEPrune.Core.Training;
using HEPrune.Core.Training.Mlp;

namespace HEPrune.Core.Tests.Training.Mlp;

/// <summary>A small MLP problem (Gaussian class clusters) and the encrypted pieces of one run on a given backend.</summary>
internal sealed class MlpFixture
{
    public MlpFixture(HeBackend backend, MlpShape shape, int batch, int samples, int seed, ReluApproximation? activation = null)
        : this(backend, shape, batch, Clusters(shape.Input, shape.Classes, samples, seed), seed, activation)
    {
    }

    /// <summary>The encrypted pieces of a run on <paramref name="data"/>; the initial weights come from <paramref name="seed"/>.</summary>
    public MlpFixture(HeBackend backend, MlpShape shape, int batch, LabeledFeatures data, int seed, ReluApproximation? activation = null)
    {
        Shape = shape;
        Backend = backend;
        Activation = activation ?? ReluApproximation.Default;
        Data = data;
        Channel = new Channel(backend.Codec);
        Client = new Client(backend.Client, Channel);
        Policy = new RefreshPolicy(backend.Evaluator);
        Circuit = new MlpCircuit(backend.Evaluator, shape, batch, Activation, Policy, new StageProfiler(backend.Evaluator));
        Batches = BatchPlan.Sequential(data.Count, batch);
        Encrypted = Client.EncryptBatches(Circuit.DataLayout, Data.Rows, Data.Labels, Batches);
        W0 = PlainMlp.InitialWeights(shape, seed);
        var layers = new HeCiphertext[shape.Layers][];
        for (int l = 0; l < shape.Layers; l++) layers[l] = Client.EncryptModel(Circuit.Layouts[l], W0[l]);
        Model = new EncryptedMlp(layers);
    }

    public MlpShape Shape { get; }
    public HeBackend Backend { get; }
    public ReluApproximation Activation { get; }
    public LabeledFeatures Data { get; }
    public Channel Channel { get; }
    public Client Client { get; }
    public RefreshPolicy Policy { get; }
    public MlpCircuit Circuit { get; }
    public List<int[]> Batches { get; }
    public List<EncryptedBatch> Encrypted { get; }
    public double[][,] W0 { get; }
    public EncryptedMlp Model { get; }

    public PlainMlp Plain(bool approximateSoftmax = true) => new(Shape, W0, Activation, approximateSoftmax);

    public double[][,] Decrypt(IReadOnlyList<HeCiphertext[]> layers)
    {
        var w = new double[layers.Count][,];
        for (int l = 0; l < w.Length; l++) w[l] = Client.DecryptModel(Circuit.Layouts[l], layers[l]);
        return w;
    }

    /// <summary>Class c has mean μ_c ~ N(0, 1) per feature (drawn from <paramref name="seed"/>); samples are μ_c + N(0, 0.8²), drawn from <paramref name="sampleSeed"/> (default: seed).</summary>
    public static LabeledFeatures Clusters(int dim, int classes, int n, int seed, int? sampleSeed = null)
    {
        var rng = new Random(seed + 101);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var mu = new double[classes][];
        for (int c = 0; c < classes; c++) mu[c] = Enumerable.Range(0, dim).Select(_ => Normal()).ToArray();
        if (sampleSeed is int s) rng = new Random(s + 7919);
        var rows = new List<float[]>();
        var labels = new List<int>();
        for (int i = 0; i < n; i++)
        {
            int c = rng.Next(classes);
            rows.Add(Enumerable.Range(0, dim).Select(j => (float)(mu[c][j] + 0.8 * Normal())).ToArray());
            labels.Add(c);
        }
        return new LabeledFeatures(rows, labels, classes);
    }

    public static double MaxDiff(double[,] a, double[,] b)
    {
        double e = 0;
        for (int i = 0; i < a.GetLength(0); i++) for (int j = 0; j < a.GetLength(1); j++) e = Math.Max(e, Math.Abs(a[i, j] - b[i, j]));
        return e;
    }

    public static double MaxAbs(double[,] a)
    {
        double e = 0;
        foreach (var v in a) e = Math.Max(e, Math.Abs(v));
        return e;
    }
}
