namespace HEPrune.Core.Training;

/// <summary>A float64 softmax-regression model c×(d+1) (bias last) with the optimizer state of the reference trainer.</summary>
public sealed class PlainModel
{
    /// <summary>Creates a model from initial weights (copied); Nesterov also tracks V.</summary>
    public PlainModel(double[,] weights, OptimizerKind optimizer)
    {
        ArgumentNullException.ThrowIfNull(weights);
        W = (double[,])weights.Clone();
        V = optimizer == OptimizerKind.Nesterov ? (double[,])weights.Clone() : null;
    }

    /// <summary>Current iterate w_t.</summary>
    public double[,] W { get; internal set; }

    /// <summary>Nesterov look-ahead v_t, or null for vanilla SGD.</summary>
    public double[,]? V { get; internal set; }

    /// <summary>Number of updates done.</summary>
    public int Step { get; internal set; }

    /// <summary>Returns seeded N(0, std²) initial weights (zeros when std = 0), shared by both trainers.</summary>
    public static double[,] InitialWeights(int classes, int features, double std, int seed)
    {
        var w = new double[classes, features];
        if (std == 0) return w;
        var rng = new Random(seed ^ 0x5eed);
        for (int i = 0; i < classes; i++)
            for (int j = 0; j < features; j++)
            {
                double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();
                w[i, j] = std * Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
            }
        return w;
    }
}
