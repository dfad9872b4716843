namespace HEPrune.Experiments.Results;

/// <summary>Where and how a run was produced.</summary>
/// <param name="GitCommit">Commit of the source tree, or <c>unknown</c>.</param>
/// <param name="ToolVersion">Version of the heprune tool.</param>
/// <param name="Machine">The machine.</param>
/// <param name="StartedUtc">Start time.</param>
/// <param name="FinishedUtc">End time.</param>
/// <param name="WallSeconds">Measured wall time of the whole run.</param>
public sealed record Provenance(string GitCommit, string ToolVersion, MachineInfo Machine, DateTimeOffset StartedUtc, DateTimeOffset FinishedUtc, double WallSeconds);

/// <summary>The machine a run or calibration was made on.</summary>
/// <param name="Cores">Logical cores.</param>
/// <param name="Os">Operating system description.</param>
/// <param name="CpuModel">CPU model name from /proc/cpuinfo, or <c>unknown</c>.</param>
/// <param name="Simd">Hardware intrinsics enabled in this process (e.g. avx2, avx512f).</param>
/// <param name="Runtime">.NET runtime description.</param>
public sealed record MachineInfo(int Cores, string Os, string CpuModel, IReadOnlyList<string> Simd, string Runtime);
