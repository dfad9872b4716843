using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Core.Costs;

/// <summary>The machine a calibration was measured on.</summary>
/// <param name="Cores">Logical processors visible to the process.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="CpuModel">CPU model name (from /proc/cpuinfo on Linux), or "unknown".</param>
/// <param name="Simd">Supported x86 vector extensions the CKKS kernels can use.</param>
/// <param name="Runtime">.NET runtime description.</param>
/// <param name="LoadAverage">1-minute load average at the start of the measurement (Linux), or null.</param>
public sealed record MachineDescription(int Cores, string Os, string CpuModel, IReadOnlyList<string> Simd, string Runtime, double? LoadAverage)
{
    /// <summary>Describes the current machine.</summary>
    public static MachineDescription Current()
    {
        string cpu = "unknown";
        double? load = null;
        try
        {
            if (File.Exists("/proc/cpuinfo"))
            {
                foreach (var line in File.ReadLines("/proc/cpuinfo"))
                {
                    if (line.StartsWith("model name", StringComparison.Ordinal))
                    {
                        cpu = line[(line.IndexOf(':') + 1)..].Trim();
                        break;
                    }
                }
            }
            if (File.Exists("/proc/loadavg"))
            {
                var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
                if (double.TryParse(first, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var l)) load = l;
            }
        }
        catch (IOException)
        {
        }
        var simd = new List<string>();
        if (Avx2.IsSupported) simd.Add("AVX2");
        if (Avx512F.IsSupported) simd.Add("AVX-512F");
        if (Avx512DQ.IsSupported) simd.Add("AVX-512DQ");
        return new MachineDescription(Environment.ProcessorCount, RuntimeInformation.OSDescription, cpu, simd, RuntimeInformation.FrameworkDescription, load);
    }
}
