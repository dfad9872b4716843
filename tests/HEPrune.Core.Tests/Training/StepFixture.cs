using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Packing;
using HEPrune.Core.Protocol;
using HEPrune.Core.Training;

namespace HEPrune.Core.Tests.Training;

/// <summary>Builds the spec-validation §2.1 setting: X ~ N(0,1), W rows ~ N(0, 4²/d), random labels.</summary>
internal sealed class StepFixture
{
    public StepFixture(int slots, int batch, int dim, int classes, int seed, int? bootstrapFloor = 0, OptimizerKind optimizer = OptimizerKind.Vanilla,
        EmulationNoise? noise = null)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var rows = new List<float[]>();
        var labels = new List<int>();
        for (int i = 0; i < 3 * batch; i++)
        {
            rows.Add(Enumerable.Range(0, dim).Select(_ => (float)Normal()).ToArray());
            labels.Add(rng.Next(classes));
        }
        Data = new LabeledFeatures(rows, labels, classes);
        W0 = new double[classes, dim + 1];
        for (int i = 0; i < classes; i++) for (int j = 0; j <= dim; j++) W0[i, j] = Normal() * 4 / Math.Sqrt(dim + 1);
        Backend = EmulatedBackend.Create(HeParameters.Create(slots, 12), noise: noise, bootstrapMinLevel: bootstrapFloor);
        Channel = new Channel(Backend.Codec);
        Client = new Client(Backend.Client, Channel);
        if (bootstrapFloor is null) Backend.Evaluator.Refresher = new ClientAidedRefresher(Channel, Client);
        Layout = new BlockLayout(slots, batch, dim + 1, classes);
        Profiler = new StageProfiler(Backend.Evaluator);
        Policy = new RefreshPolicy(Backend.Evaluator);
        Circuit = new HetalCircuit(Backend.Evaluator, Layout, Policy, Profiler);
        Batches = BatchPlan.Sequential(3 * batch, batch);
        Encrypted = Client.EncryptBatches(Layout, rows, labels, Batches);
        Model = new EncryptedModel(Client.EncryptModel(Layout, W0), optimizer);
        Plain = new PlainModel(W0, optimizer);
    }

    public LabeledFeatures Data { get; }
    public double[,] W0 { get; }
    public HeBackend Backend { get; }
    public Channel Channel { get; }
    public Client Client { get; }
    public BlockLayout Layout { get; }
    public StageProfiler Profiler { get; }
    public RefreshPolicy Policy { get; }
    public HetalCircuit Circuit { get; }
    public List<int[]> Batches { get; }
    public List<EncryptedBatch> Encrypted { get; }
    public EncryptedModel Model { get; }
    public PlainModel Plain { get; }
}
