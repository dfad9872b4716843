using System.Numerics;

namespace HEPrune.Core.He.Emulated;

/// <summary>
/// Element-wise complex kernels over split real/imaginary arrays; a null imaginary array means zero and is kept
/// null whenever the result is real, which halves the work of the (mostly real) HETAL circuits.
/// </summary>
internal static class SlotKernels
{
    /// <summary>Returns x + sign·y.</summary>
    public static (double[] Re, double[]? Im) AddSub(double[] xr, double[]? xi, double[] yr, double[]? yi, int sign)
    {
        int n = xr.Length;
        var re = new double[n];
        if (sign > 0) for (int i = 0; i < n; i++) re[i] = xr[i] + yr[i];
        else for (int i = 0; i < n; i++) re[i] = xr[i] - yr[i];
        if (xi is null && yi is null) return (re, null);
        var im = new double[n];
        if (xi is not null) Array.Copy(xi, im, n);
        if (yi is not null)
        {
            if (sign > 0) for (int i = 0; i < n; i++) im[i] += yi[i];
            else for (int i = 0; i < n; i++) im[i] -= yi[i];
        }
        return (re, im);
    }

    /// <summary>Returns x ⊙ y (complex slot-wise product).</summary>
    public static (double[] Re, double[]? Im) Mul(double[] xr, double[]? xi, double[] yr, double[]? yi)
    {
        int n = xr.Length;
        var re = new double[n];
        if (xi is null && yi is null)
        {
            for (int i = 0; i < n; i++) re[i] = xr[i] * yr[i];
            return (re, null);
        }
        var im = new double[n];
        if (xi is null)
        {
            for (int i = 0; i < n; i++)
            {
                re[i] = xr[i] * yr[i];
                im[i] = xr[i] * yi![i];
            }
        }
        else if (yi is null)
        {
            for (int i = 0; i < n; i++)
            {
                re[i] = xr[i] * yr[i];
                im[i] = xi[i] * yr[i];
            }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                double a = xr[i], b = xi[i], c = yr[i], d = yi[i];
                re[i] = a * c - b * d;
                im[i] = a * d + b * c;
            }
        }
        return (re, im);
    }

    /// <summary>Returns c·x for a complex scalar c.</summary>
    public static (double[] Re, double[]? Im) Scale(double[] xr, double[]? xi, Complex c)
    {
        int n = xr.Length;
        var re = new double[n];
        double cr = c.Real, ci = c.Imaginary;
        if (xi is null && ci == 0)
        {
            for (int i = 0; i < n; i++) re[i] = cr * xr[i];
            return (re, null);
        }
        var im = new double[n];
        if (xi is null)
        {
            for (int i = 0; i < n; i++)
            {
                re[i] = cr * xr[i];
                im[i] = ci * xr[i];
            }
        }
        else
        {
            for (int i = 0; i < n; i++)
            {
                re[i] = cr * xr[i] - ci * xi[i];
                im[i] = cr * xi[i] + ci * xr[i];
            }
        }
        return (re, im);
    }
}
