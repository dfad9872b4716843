using BenchmarkDotNet.Running;
using HEPrune.Benchmarks.Ckks;

namespace HEPrune.Benchmarks;

/// <summary>Runs the BenchmarkDotNet suites: <c>dotnet run -c Release --project benchmarks/HEPrune.Benchmarks -- --filter '*Ntt*'</c>, or the CPU-time harness: <c>… -- cpu PaperN16 [rounds]</c>.</summary>
public static class Program
{
    public static void Main(string[] args)
    {
        if (args.Length >= 2 && args[0] == "cpu")
        {
            CpuTimeHarness.Run(args[1], args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 9);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
