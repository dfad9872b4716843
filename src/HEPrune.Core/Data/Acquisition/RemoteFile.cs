namespace HEPrune.Core.Data.Acquisition;

/// <summary>One downloadable file: its official URL, the path used under a mirror base URL, where it goes, and its published checksum.</summary>
/// <param name="Url">The official download URL.</param>
/// <param name="MirrorPath">The path appended to a configured base URL instead (e.g. <c>mnist/train-images-idx3-ubyte.gz</c>).</param>
/// <param name="TargetPath">Where the file is stored, relative to the data root.</param>
/// <param name="Algorithm"><c>sha256</c> or <c>md5</c>.</param>
/// <param name="ExpectedHash">The published lowercase hex digest.</param>
/// <param name="ExtractTo">For a .tar.gz: the folder (relative to the data root) to extract into, after which the archive is deleted; else null.</param>
/// <param name="ExtractPrefix">For a .tar.gz: only members under this folder name are extracted.</param>
public sealed record RemoteFile(string Url, string MirrorPath, string TargetPath, string Algorithm, string ExpectedHash, string? ExtractTo = null, string? ExtractPrefix = null);
