using HEPrune.Core.Circuits;

namespace HEPrune.Core.Training;

/// <summary>
/// The float64 reference: softmax regression trained on the same batches, initialisation and optimizer as the
/// encrypted trainer, with either the exact softmax or the same approximate softmax as the circuit.
/// </summary>
public static class PlainSoftmaxRegression
{
    /// <summary>Returns the logits X̄·Wᵀ of one sample (bias = last weight column).</summary>
    public static void Logits(double[,] w, float[] x, Span<double> z)
    {
        int c = w.GetLength(0), d = x.Length;
        for (int i = 0; i < c; i++)
        {
            double s = w[i, d];
            for (int j = 0; j < d; j++) s += w[i, j] * x[j];
            z[i] = s;
        }
    }

    /// <summary>Runs one update on the samples <paramref name="batch"/> (same formula as the circuit: W ← W − (η/n)(P−Y)ᵀX̄).</summary>
    public static void Step(PlainModel model, LabeledFeatures data, int[] batch, double learningRate, bool approximateSoftmax)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(batch);
        var at = model.V ?? model.W;
        int c = at.GetLength(0), d1 = at.GetLength(1);
        var g = new double[c, d1];
        var z = new double[c];
        var p = new double[c];
        double s = -learningRate / batch.Length;
        foreach (int idx in batch)
        {
            var x = data.Rows[idx];
            Logits(at, x, z);
            if (approximateSoftmax) SoftmaxApproximation.ReferenceRow(z, p);
            else SoftmaxApproximation.ExactRow(z, p);
            for (int i = 0; i < c; i++)
            {
                double e = s * (p[i] - (data.Labels[idx] == i ? 1 : 0));
                for (int j = 0; j < x.Length; j++) g[i, j] += e * x[j];
                g[i, d1 - 1] += e;
            }
        }
        int t = model.Step + 1;
        if (model.V is null)
        {
            for (int i = 0; i < c; i++) for (int j = 0; j < d1; j++) model.W[i, j] += g[i, j];
        }
        else
        {
            double gamma = NesterovSchedule.Gamma(t);
            var wNew = new double[c, d1];
            var vNew = new double[c, d1];
            for (int i = 0; i < c; i++)
                for (int j = 0; j < d1; j++)
                {
                    wNew[i, j] = model.V[i, j] + g[i, j];
                    vNew[i, j] = wNew[i, j] + -gamma * (wNew[i, j] - model.W[i, j]);
                }
            model.W = wNew;
            model.V = vNew;
        }
        model.Step = t;
    }

    /// <summary>Returns the fraction of samples whose argmax logit equals the label.</summary>
    public static double Accuracy(double[,] w, LabeledFeatures data)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(data);
        var z = new double[w.GetLength(0)];
        int ok = 0;
        for (int n = 0; n < data.Count; n++)
        {
            Logits(w, data.Rows[n], z);
            int best = 0;
            for (int i = 1; i < z.Length; i++) if (z[i] > z[best]) best = i;
            if (best == data.Labels[n]) ok++;
        }
        return (double)ok / data.Count;
    }

    /// <summary>Returns the mean cross-entropy of the exact softmax.</summary>
    public static double Loss(double[,] w, LabeledFeatures data)
    {
        var z = new double[w.GetLength(0)];
        double loss = 0;
        for (int n = 0; n < data.Count; n++)
        {
            Logits(w, data.Rows[n], z);
            loss += Protocol.Client.CrossEntropy(z, data.Labels[n]);
        }
        return loss / data.Count;
    }

    /// <summary>Trains with the same batch plan, epochs, early stopping and optimizer as <see cref="HetalTrainer"/>.</summary>
    public static PlainTrainingResult Train(LabeledFeatures train, LabeledFeatures validation, LabeledFeatures test,
        HetalOptions options, bool approximateSoftmax)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(validation);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var plan = new BatchPlan(train.Count, options.Batch, options.Seed, options.Shuffle);
        var model = new PlainModel(PlainModel.InitialWeights(train.Classes, train.Dimension + 1, options.InitStd, options.Seed), options.Optimizer);
        var stopper = new Protocol.EarlyStopping(options.Patience);
        var result = new PlainTrainingResult();
        double[,] best = model.W;
        for (int epoch = 0; epoch < options.Epochs; epoch++)
        {
            foreach (int b in plan.EpochOrder(epoch, plan.Batches.Count))
                Step(model, train, plan.Batches[b], options.LearningRate, approximateSoftmax);
            double vLoss = Loss(model.W, validation);
            result.ValidationLoss.Add(vLoss);
            result.TestAccuracy.Add(Accuracy(model.W, test));
            var (stop, isBest) = stopper.Observe(epoch, vLoss);
            if (isBest) best = (double[,])model.W.Clone();
            if (options.EarlyStopping && stop) break;
        }
        result.BestEpoch = stopper.BestEpoch;
        result.FinalWeights = options.ReturnBestModel ? best : model.W;
        result.FinalAccuracy = Accuracy(result.FinalWeights, test);
        return result;
    }
}
