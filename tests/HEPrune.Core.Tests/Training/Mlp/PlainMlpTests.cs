using HEPrune.Core.Circuits;
using HEPrune.Core.Training.Mlp;

namespace HEPrune.Core.Tests.Training.Mlp;

/// <summary>The float64 reference MLP: backpropagation against central finite differences of the loss.</summary>
public class PlainMlpTests
{
    private static double BatchLoss(PlainMlp m, Core.Training.LabeledFeatures data, int[] batch)
    {
        double s = 0;
        foreach (int i in batch) s += Core.Protocol.Client.CrossEntropy(m.Logits(data.Rows[i]), data.Labels[i]);
        return s / batch.Length;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void GradientsEqualFiniteDifferencesOfTheMeanCrossEntropy(bool polynomial)
    {
        var shape = new MlpShape(12, [7, 5], 4);
        var data = MlpFixture.Clusters(12, 4, 24, 5);
        var act = polynomial ? ReluApproximation.LeastSquares2(4) : null; // an exact-derivative approximation (the composite's is a straight-through step)
        var w0 = PlainMlp.InitialWeights(shape, 11);
        var m = new PlainMlp(shape, w0, act, approximateSoftmax: false);
        var batch = Enumerable.Range(0, 24).ToArray();
        const double lr = 0.1;
        var g = m.ScaledGradients(data, batch, lr);
        double worst = 0;
        for (int l = 0; l < shape.Layers; l++)
            for (int i = 0; i < w0[l].GetLength(0); i++)
                for (int j = 0; j < w0[l].GetLength(1); j++)
                {
                    const double h = 1e-6;
                    var wp = w0.Select(x => (double[,])x.Clone()).ToArray();
                    var wm = w0.Select(x => (double[,])x.Clone()).ToArray();
                    wp[l][i, j] += h;
                    wm[l][i, j] -= h;
                    double numeric = (BatchLoss(new PlainMlp(shape, wp, act, false), data, batch) - BatchLoss(new PlainMlp(shape, wm, act, false), data, batch)) / (2 * h);
                    worst = Math.Max(worst, Math.Abs(-lr * numeric - g[l][i, j]));
                }
        Assert.True(worst < 1e-8, $"max |−η·∂L/∂w − update| = {worst}");
    }

    [Fact]
    public void InitialWeightsFollowPyTorchsLinearBounds()
    {
        var w = PlainMlp.InitialWeights(MlpShape.Paper, 0);
        double[] bounds = [1 / Math.Sqrt(784), 1 / Math.Sqrt(128), 1 / Math.Sqrt(128)];
        for (int l = 0; l < 3; l++)
        {
            double max = MlpFixture.MaxAbs(w[l]);
            Assert.True(max <= bounds[l] && max > 0.98 * bounds[l], $"layer {l}: max {max}, bound {bounds[l]}");
        }
    }

    [Fact]
    public void WrongWeightShapeNamesTheLayer()
    {
        var shape = new MlpShape(4, [3], 2);
        var ex = Assert.Throws<ArgumentException>(() => new PlainMlp(shape, [new double[3, 5], new double[2, 3]], null, false));
        Assert.Contains("layer 1", ex.Message);
    }
}
