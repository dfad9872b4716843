using HEPrune.Core.Training;

namespace HEPrune.Core.Tests.Training;

/// <summary>Gaussian class clusters: x = μ_y + σ·ε with random class means, so classes overlap a little.</summary>
internal static class SyntheticData
{
    public static (LabeledFeatures Train, LabeledFeatures Val, LabeledFeatures Test) Make(int dim, int classes, int nTrain, int nVal, int nTest, double sigma, int seed)
    {
        var rng = new Random(seed);
        double Normal() => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());
        var means = new double[classes][];
        for (int k = 0; k < classes; k++) means[k] = Enumerable.Range(0, dim).Select(_ => Normal()).ToArray();
        LabeledFeatures Split(int n)
        {
            var rows = new List<float[]>(n);
            var labels = new List<int>(n);
            for (int i = 0; i < n; i++)
            {
                int y = rng.Next(classes);
                rows.Add(Enumerable.Range(0, dim).Select(j => (float)(means[y][j] + sigma * Normal())).ToArray());
                labels.Add(y);
            }
            return new LabeledFeatures(rows, labels, classes);
        }
        return (Split(nTrain), Split(nVal), Split(nTest));
    }
}
