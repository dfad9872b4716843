using System.Numerics;
using HEPrune.Core.Circuits;
using HEPrune.Core.Data;
using HEPrune.Core.Training;
using HEPrune.Core.Training.Mlp;
using RawPixels = HEPrune.Core.Features.RawPixels;

// args: act softmax lr epochs [initScale] [limit]
// act: exact | ls:d:R (least squares degree d on [-R,R]) ; softmax: exact | hetal:steps
if (args[0] == "dbg") { SM.Debug = true; var z0 = new double[]{-56.2,-124.6,-18.3,140.5,-108.2,176.3,1.6,-206.2,198.3,212.8}; var q0 = new double[10]; SM.Hetal(z0,q0,6); return; }
if (args[0] == "ops") {
  var dd = DatasetLoader.Load(DatasetId.Mnist);
  var tr = PixelNormalization.Apply(RawPixels.From(dd.Train, 10, 384));
  var smx = args[2] == "hetal" ? SoftmaxSettings.Hetal : SoftmaxSettings.Mlp;
  var pp = args[1].Split(':');
  ReluApproximation ra = pp[0] == "max" ? ReluApproximation.HetalMax(double.Parse(pp[1])) : pp[0] == "ls" && pp[1] == "2" ? ReluApproximation.LeastSquares2(double.Parse(pp[2])) : ReluApproximation.LeastSquares4(double.Parse(pp[2]));
  Ops.Run(ra, smx, tr, "calibration/paper-n16.json");
  return; }
if (args[0] == "check") {
  foreach (var (n, rb, ir) in new[]{(5,8.0,100.0),(4,16.0,100.0),(5,16.0,100.0),(5,16.0,1000.0),(6,8.0,100.0),(6,8.0,1000.0)}) {
    double rmax = rb/2*Math.Pow(2,n); var rng = new Random(1); double me=0, sumE=0; int cnt=0; var pa=new double[10]; var pe=new double[10]; var zz=new double[10];
    for (int t=0;t<200000;t++){ double sc = new[]{4.0,16,64,rmax/2,rmax}[t%5]; for(int j=0;j<10;j++) zz[j]=(2*rng.NextDouble()-1)*sc; SM.Hetal(zz,pa,n,rb,ir); SM.Exact(zz,pe); for(int j=0;j<10;j++){ double d=Math.Abs(pa[j]-pe[j]); if(!(d<=me)) me = double.IsNaN(d)?double.PositiveInfinity:d; sumE+=d; cnt++; } }
    string fl=""; foreach (double m in new[]{10.0,20,40,80,rmax}) { for(int j=0;j<10;j++) zz[j]= j==3? m/2 : -m/2; SM.Hetal(zz,pa,n,rb,ir); fl += $" margin {m}: 1-p_y={1-pa[3]:E1};"; }
    Console.WriteLine($"n={n} r={rb} invR={ir} Rmax={rmax}: max|p-softmax| {me:E2} avg {sumE/cnt:E1};{fl}");
  }
  return; }
string actSpec = args[0], smSpec = args[1];
double lr = double.Parse(args[2]); int epochs = int.Parse(args[3]);
double initScale = args.Length > 4 ? double.Parse(args[4]) : 1.0;
int limit = args.Length > 5 ? int.Parse(args[5]) : int.MaxValue;

Func<double, double> act, der; double rAct = double.PositiveInfinity;
if (actSpec == "exact") { act = z => Math.Max(z, 0); der = z => z > 0 ? 1 : 0; }
else if (actSpec.StartsWith("sgn"))
{
    // sgn:k:R[:ste|exact] : relu(z) ≈ z(1 + s(z/R))/2, s = f∘g^k
    var p = actSpec.Split(':'); int k = int.Parse(p[1]); rAct = double.Parse(p[2]); bool ste = p.Length < 4 || p[3] == "ste";
    double R = rAct;
    Func<double, double> s = x => { for (int i = 0; i < k; i++) x = Comparison.G.Evaluate(x); return Comparison.F.Evaluate(x); };
    act = z => z * (1 + s(z / R)) / 2;
    if (ste) der = z => (1 + s(z / R)) / 2;
    else der = z => (act(z + 1e-5) - act(z - 1e-5)) / 2e-5;
    double me = 0; for (int i = 0; i <= 100000; i++) { double z = -R + 2 * R * i / 100000; me = Math.Max(me, Math.Abs(Math.Max(z, 0) - act(z))); }
    Console.WriteLine($"# sign-composite f∘g^{k} on [-{R},{R}], max err {me:G4}, act(1)={act(1):F3} act(-1)={act(-1):F3} act(3)={act(3):F3} act(-3)={act(-3):F3}");
}
else
{
    var p = actSpec.Split(':'); int d = int.Parse(p[1]); rAct = double.Parse(p[2]);
    var q = Fit.LeastSquaresRelu(d);
    var dq = Fit.Derivative(q);
    double R = rAct;
    act = z => R * Fit.Eval(q, z / R); der = z => Fit.Eval(dq, z / R);
    Console.WriteLine($"# q = [{string.Join(", ", q.Select(c => c.ToString("G6")))}], max err on [-R,R] {Fit.MaxErr(q) * R:G4}, err at 0 {q[0] * R:G4}");
}
double rMax = double.PositiveInfinity; int steps = 0;
Softmax sm;
if (smSpec == "exact") sm = SM.Exact;
else { var sp = smSpec.Split(':'); steps = int.Parse(sp[1]); double rb = sp.Length > 2 ? double.Parse(sp[2]) : 8; double ir = sp.Length > 3 ? double.Parse(sp[3]) : 100; rMax = rb / 2 * Math.Pow(2, steps); sm = (z, pp) => SM.Hetal(z, pp, steps, rb, ir); }

var data = DatasetLoader.Load(DatasetId.Mnist);
var train = PixelNormalization.Apply(RawPixels.From(data.Train, 10, Math.Min(limit, data.Train.Labels.Length)));
var test = PixelNormalization.Apply(RawPixels.From(data.Test, 10));
int[] widths = [784, 128, 128, 10];
int L = 3;
var shape = MlpShape.Paper;
var w0 = PlainMlp.InitialWeights(shape, 0);
var W = new double[L][];
for (int l = 0; l < L; l++)
{
    int o = widths[l + 1], i = widths[l] + 1; W[l] = new double[o * i];
    for (int r = 0; r < o; r++) for (int c = 0; c < i; c++) W[l][r * i + c] = w0[l][r, c] * initScale;
}
double keep = double.Parse(Environment.GetEnvironmentVariable("KEEP") ?? "1");
bool deepcore = Environment.GetEnvironmentVariable("OPT") == "deepcore";
int nKeep = keep >= 1 ? train.Count : (int)Math.Round(train.Count * keep);
int[] subset = Enumerable.Range(0, train.Count).ToArray();
if (keep < 1) { var rr = new Random(0); rr.Shuffle(subset); subset = subset[..nKeep]; }
var plan = new BatchPlan(nKeep, 128, 0);
var mom = new double[L][]; for (int l = 0; l < L; l++) mom[l] = new double[W[l].Length];
long tIter = 0; long T = (long)Math.Round(train.Count * keep / 128.0) * epochs; if (keep >= 1) T = (long)Math.Round(train.Count / 128.0) * epochs;
double bestAcc = 0;
int B = 128;
var H = new double[L][]; var Z = new double[L][]; var E = new double[L][]; var G = new double[L][];
for (int l = 0; l < L; l++) { H[l] = new double[B * (widths[l] + 1)]; Z[l] = new double[B * widths[l + 1]]; E[l] = new double[B * widths[l + 1]]; G[l] = new double[W[l].Length]; }
var pbuf = new double[10];
Console.WriteLine($"# act {actSpec} softmax {smSpec} (R_max {rMax}) lr {lr} init×{initScale} train {train.Count}");
Console.WriteLine("epoch\tmax|z1|\tmax|z2|\tmax|z3|\tp999|z1|\tp999|z2|\tfrac|z|>R\tloss\ttest%\tmaxTest|z3|");
var sw = System.Diagnostics.Stopwatch.StartNew();
for (int ep = 0; ep < epochs; ep++)
{
    if (keep < 1 && ep > 0 && ep % 10 == 0)
    {
        // top exact-L1 error samples of the current model over the whole training set (window 0)
        var sc = new double[train.Count]; var h0 = new double[785]; var a1 = new double[129]; var a2 = new double[129]; var zz = new double[10]; var pe = new double[10];
        for (int i = 0; i < train.Count; i++)
        {
            var x = train.Rows[i]; for (int c = 0; c < 784; c++) h0[c] = x[c]; h0[784] = 1;
            for (int u = 0; u < 128; u++) a1[u] = act(Dot(h0, W[0].AsSpan(u * 785, 785))); a1[128] = 1;
            for (int u = 0; u < 128; u++) a2[u] = act(Dot(a1, W[1].AsSpan(u * 129, 129))); a2[128] = 1;
            for (int j = 0; j < 10; j++) zz[j] = Dot(a2, W[2].AsSpan(j * 129, 129));
            SM.Exact(zz, pe); double l1 = 0; for (int j = 0; j < 10; j++) l1 += Math.Abs(pe[j] - (j == train.Labels[i] ? 1 : 0)); sc[i] = l1;
        }
        int skip = (int)Math.Round(train.Count * double.Parse(Environment.GetEnvironmentVariable("WINDOW") ?? "0"));
        subset = Enumerable.Range(0, train.Count).OrderByDescending(i => sc[i]).Skip(skip).Take(nKeep).ToArray();
    }
    double[] mz = new double[L]; long over = 0, tot = 0; double lossSum = 0; int nSamp = 0;
    var hist1 = new List<double>(); var hist2 = new List<double>();
    bool nan = false;
    foreach (int b in plan.EpochOrder(ep, plan.Batches.Count))
    {
        var idx = plan.Batches[b].Select(k => subset[k]).ToArray(); int n = idx.Length;
        for (int r = 0; r < n; r++) { var x = train.Rows[idx[r]]; int iw = 785; for (int c = 0; c < 784; c++) H[0][r * iw + c] = x[c]; H[0][r * iw + 784] = 1; }
        for (int l = 0; l < L; l++)
        {
            int iw = widths[l] + 1, ow = widths[l + 1];
            for (int r = 0; r < n; r++) for (int u = 0; u < ow; u++) Z[l][r * ow + u] = Dot(H[l].AsSpan(r * iw, iw), W[l].AsSpan(u * iw, iw));
            double m = 0; for (int k = 0; k < n * ow; k++) { double a = Math.Abs(Z[l][k]); if (a > m) m = a; if (l < L - 1) { tot++; if (a > rAct) over++; } }
            mz[l] = Math.Max(mz[l], m);
            if (l < L - 1)
            {
                var hist = l == 0 ? hist1 : hist2; for (int r = 0; r < n; r++) { double mm = 0; for (int u = 0; u < ow; u++) mm = Math.Max(mm, Math.Abs(Z[l][r * ow + u])); hist.Add(mm); }
                int nw = ow + 1;
                for (int r = 0; r < n; r++) { for (int u = 0; u < ow; u++) H[l + 1][r * nw + u] = act(Z[l][r * ow + u]); H[l + 1][r * nw + ow] = 1; }
            }
        }
        double s = deepcore ? -1.0 / n : -lr / n;
        for (int r = 0; r < n; r++)
        {
            sm(Z[L - 1].AsSpan(r * 10, 10), pbuf); int y = train.Labels[idx[r]];
            lossSum += -Math.Log(Math.Max(SM.ExactP(Z[L - 1].AsSpan(r * 10, 10), y), 1e-300)); nSamp++;
            for (int j = 0; j < 10; j++) E[L - 1][r * 10 + j] = s * (pbuf[j] - (j == y ? 1 : 0));
        }
        for (int l = L - 1; l >= 0; l--)
        {
            int iw = widths[l] + 1, ow = widths[l + 1];
            Array.Clear(G[l]);
            for (int r = 0; r < n; r++) for (int u = 0; u < ow; u++) { double e = E[l][r * ow + u]; if (e != 0) Axpy(e, H[l].AsSpan(r * iw, iw), G[l].AsSpan(u * iw, iw)); }
            if (l == 0) break;
            int pw = widths[l];
            for (int r = 0; r < n; r++)
            {
                var dst = E[l - 1].AsSpan(r * pw, pw); dst.Clear();
                for (int u = 0; u < ow; u++) { double e = E[l][r * ow + u]; if (e != 0) Axpy(e, W[l].AsSpan(u * iw, pw), dst); }
                for (int k = 0; k < pw; k++) dst[k] *= der(Z[l - 1][r * pw + k]);
            }
        }
        if (!deepcore) for (int l = 0; l < L; l++) { var w = W[l]; var g = G[l]; for (int k = 0; k < w.Length; k++) w[k] += g[k]; }
        else
        {
            double lrt = 1e-4 + (lr - 1e-4) * (1 + Math.Cos(Math.PI * tIter / T)) / 2; tIter++;
            for (int l = 0; l < L; l++) { var w = W[l]; var g = G[l]; var bf = mom[l]; for (int k = 0; k < w.Length; k++) { double gr = -g[k] + 5e-4 * w[k]; bf[k] = 0.9 * bf[k] + gr; w[k] -= lrt * (gr + 0.9 * bf[k]); } }
        }
        if (!double.IsFinite(W[2][0]) || mz[2] > 1e6) { nan = true; break; }
    }
    // test
    int correct = 0; double mt = 0;
    var hh = new double[785]; var h1 = new double[129]; var h2 = new double[129];
    for (int i = 0; i < test.Count && !nan; i++)
    {
        var x = test.Rows[i]; for (int c = 0; c < 784; c++) hh[c] = x[c]; hh[784] = 1;
        for (int u = 0; u < 128; u++) h1[u] = act(Dot(hh, W[0].AsSpan(u * 785, 785))); h1[128] = 1;
        for (int u = 0; u < 128; u++) h2[u] = act(Dot(h1, W[1].AsSpan(u * 129, 129))); h2[128] = 1;
        int best = 0; double bv = double.NegativeInfinity;
        for (int j = 0; j < 10; j++) { double z = Dot(h2, W[2].AsSpan(j * 129, 129)); mt = Math.Max(mt, Math.Abs(z)); if (z > bv) { bv = z; best = j; } }
        if (best == test.Labels[i]) correct++;
    }
    hist1.Sort(); hist2.Sort(); if (!nan) bestAcc = Math.Max(bestAcc, 100.0 * correct / test.Count);
    double P(List<double> h) => h.Count == 0 ? 0 : h[(int)(0.999 * (h.Count - 1))];
    Console.WriteLine($"{ep + 1}\t{mz[0]:F1}\t{mz[1]:F1}\t{mz[2]:F1}\t{P(hist1):F1}\t{P(hist2):F1}\t{(double)over / Math.Max(1, tot):E1}\t{lossSum / Math.Max(1, nSamp):F4}\t{(nan ? double.NaN : 100.0 * correct / test.Count):F2}\t{mt:F1}\t{sw.Elapsed.TotalSeconds:F0}s{(mz[2] > rMax ? "  LOGITS OUT OF SOFTMAX DOMAIN" : "")}");
    if (nan) { Console.WriteLine("DIVERGED"); break; }
}
Console.WriteLine($"# best test accuracy {bestAcc:F2}");

static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
{
    int n = a.Length, i = 0; var acc = Vector<double>.Zero; int w = Vector<double>.Count;
    for (; i <= n - w; i += w) acc += new Vector<double>(a.Slice(i, w)) * new Vector<double>(b.Slice(i, w));
    double s = Vector.Sum(acc); for (; i < n; i++) s += a[i] * b[i]; return s;
}
static void Axpy(double al, ReadOnlySpan<double> x, Span<double> y)
{
    int n = x.Length, i = 0, w = Vector<double>.Count; var va = new Vector<double>(al);
    for (; i <= n - w; i += w) (new Vector<double>(y.Slice(i, w)) + va * new Vector<double>(x.Slice(i, w))).CopyTo(y.Slice(i, w));
    for (; i < n; i++) y[i] += al * x[i];
}

delegate void Softmax(ReadOnlySpan<double> z, Span<double> p);
