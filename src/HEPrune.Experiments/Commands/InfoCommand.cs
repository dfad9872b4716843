using System.CommandLine;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace HEPrune.Experiments.Commands;

/// <summary><c>heprune info</c>: what this machine and build offer (runtime, cores, SIMD paths in use).</summary>
public static class InfoCommand
{
    public static Command Create()
    {
        var cmd = new Command("info", "Print runtime, core count and which SIMD paths are enabled on this CPU.");
        cmd.SetAction(_ =>
        {
            Console.WriteLine($"runtime      {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription}");
            Console.WriteLine($"cores        {Environment.ProcessorCount}");
            Console.WriteLine($"avx2         {Avx2.IsSupported}");
            Console.WriteLine($"avx512f      {Avx512F.IsSupported}");
            Console.WriteLine($"bmi2.x64     {Bmi2.X64.IsSupported}");
            return 0;
        });
        return cmd;
    }
}
