using System.Text.Json;
using HEPrune.Core.Circuits;
using HEPrune.Core.He;
using HEPrune.Core.He.Emulated;
using HEPrune.Core.Protocol;
using HEPrune.Core.Training;
using HEPrune.Core.Training.Mlp;

static class Ops
{
    // One steady-state step's counts at the paper shape (2^15 slots, 12 levels) for an activation and softmax.
    public static void Run(ReluApproximation act, SoftmaxSettings sm, LabeledFeatures data, string calibration)
    {
        var backend = EmulatedBackend.Create(HeParameters.PaperN16, keys: null, bootstrapMinLevel: 0);
        var shape = MlpShape.Paper;
        var channel = new Channel(backend.Codec);
        var client = new Client(backend.Client, channel);
        var policy = new RefreshPolicy(backend.Evaluator);
        var circuit = new MlpCircuit(backend.Evaluator, shape, 128, act, policy, new StageProfiler(backend.Evaluator), sm);
        var batches = BatchPlan.Sequential(384, 128);
        var enc = client.EncryptBatches(circuit.DataLayout, data.Rows.Take(384).ToArray(), data.Labels.Take(384).ToArray(), batches);
        var w0 = PlainMlp.InitialWeights(shape, 0);
        var layers = new HeCiphertext[shape.Layers][];
        for (int l = 0; l < shape.Layers; l++) layers[l] = client.EncryptModel(circuit.Layouts[l], w0[l]);
        var model = new EncryptedMlp(layers);
        var cal = JsonDocument.Parse(File.ReadAllText(calibration)).RootElement.GetProperty("costs").EnumerateArray()
            .ToDictionary(c => (c.GetProperty("kind").GetString()!, c.GetProperty("level").GetInt32()), c => c.GetProperty("median_seconds").GetDouble());
        for (int s = 0; s < 3; s++)
        {
            var before = backend.Evaluator.Counter.Snapshot(); int rb = policy.Count;
            circuit.Step(model, enc[s], 0.1);
            var d = backend.Evaluator.Counter.Since(before);
            if (s < 2) continue;
            double secs = 0;
            foreach (var (kind, lv) in d.ByLevel()) foreach (var (level, n) in lv) secs += n * (cal.TryGetValue((kind, int.Parse(level)), out var c) ? c : 0);
            var t = d.Totals();
            Console.WriteLine($"act {act.Name} (depth {act.Depth}/{act.DerivativeDepth}) {sm}: refreshes/step {policy.Count - rb}; " +
                string.Join(", ", new[] { "Mult", "CMult", "Rot", "Const", "Add" }.Select(k => $"{k} {t.GetValueOrDefault(k)}")) + $"; projected {secs:F1} s/step (Refresh at client price)");
            var bl = d.ByLevel();
            foreach (var k in new[] { "Rot", "Mult", "CMult" }) Console.WriteLine($"  {k} by level: " + string.Join(" ", bl[k].OrderBy(kv => int.Parse(kv.Key)).Select(kv => $"{kv.Key}:{kv.Value}")));
            Console.WriteLine("  refresh points: " + string.Join(", ", policy.Points.Select(kv => $"{kv.Key} {kv.Value}")));
        }
    }
}
