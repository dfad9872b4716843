using System.Buffers.Binary;
using System.Text;

namespace HEPrune.Features.Torch.Native;

/// <summary>
/// Marks one "version needed" entry of a 64-bit little-endian ELF shared object as weak (VER_FLG_WEAK), so the dynamic
/// loader no longer refuses the object when that symbol version is missing from the system library.
/// </summary>
public static class ElfVersionPatcher
{
    /// <summary>Section type SHT_GNU_verneed.</summary>
    private const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary>Flag VER_FLG_WEAK in vna_flags.</summary>
    public const ushort VerFlagWeak = 2;

    /// <summary>Outcome of a patch attempt.</summary>
    public enum Result
    {
        /// <summary>The entry was found and its weak flag was set.</summary>
        Patched,

        /// <summary>The entry was found and was already weak; nothing changed.</summary>
        AlreadyWeak,

        /// <summary>No version-needed entry of that name exists; nothing changed.</summary>
        NotFound,
    }

    /// <summary>Sets VER_FLG_WEAK on every vernaux entry named <paramref name="versionName"/> in <paramref name="elf"/> (in place).</summary>
    /// <exception cref="InvalidDataException">The bytes are not a 64-bit little-endian ELF file or its tables are out of range.</exception>
    public static Result MarkVersionWeak(Span<byte> elf, string versionName)
    {
        if (elf.Length < 64 || elf[0] != 0x7f || elf[1] != (byte)'E' || elf[2] != (byte)'L' || elf[3] != (byte)'F')
            throw new InvalidDataException("not an ELF file (bad magic)");
        if (elf[4] != 2 || elf[5] != 1)
            throw new InvalidDataException($"only 64-bit little-endian ELF is supported (class {elf[4]}, data {elf[5]})");

        ulong shoff = BinaryPrimitives.ReadUInt64LittleEndian(elf[0x28..]);
        int shentsize = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3A..]);
        int shnum = BinaryPrimitives.ReadUInt16LittleEndian(elf[0x3C..]);
        if (shentsize < 64 || shoff + (ulong)(shentsize * shnum) > (ulong)elf.Length)
            throw new InvalidDataException($"section header table out of range (offset {shoff}, {shnum} × {shentsize} bytes)");

        byte[] wanted = Encoding.ASCII.GetBytes(versionName);
        var result = Result.NotFound;
        for (int s = 0; s < shnum; s++)
        {
            var sh = elf.Slice((int)shoff + s * shentsize, shentsize);
            if (BinaryPrimitives.ReadUInt32LittleEndian(sh[4..]) != ShtGnuVerneed)
                continue;
            long secOff = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[24..]);
            long secSize = (long)BinaryPrimitives.ReadUInt64LittleEndian(sh[32..]);
            int link = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[40..]);
            int count = (int)BinaryPrimitives.ReadUInt32LittleEndian(sh[44..]);
            if (secOff + secSize > elf.Length || link >= shnum)
                throw new InvalidDataException("verneed section out of range");
            var strSh = elf.Slice((int)shoff + link * shentsize, shentsize);
            long strOff = (long)BinaryPrimitives.ReadUInt64LittleEndian(strSh[24..]);
            long strSize = (long)BinaryPrimitives.ReadUInt64LittleEndian(strSh[32..]);
            if (strOff + strSize > elf.Length)
                throw new InvalidDataException("dynamic string table out of range");
            var strtab = elf.Slice((int)strOff, (int)strSize);

            long entry = secOff;
            for (int i = 0; i < count; i++)
            {
                if (entry + 16 > secOff + secSize)
                    throw new InvalidDataException("verneed entry out of range");
                int cnt = BinaryPrimitives.ReadUInt16LittleEndian(elf[(int)(entry + 2)..]);
                long aux = entry + BinaryPrimitives.ReadUInt32LittleEndian(elf[(int)(entry + 8)..]);
                for (int a = 0; a < cnt; a++)
                {
                    if (aux + 16 > secOff + secSize)
                        throw new InvalidDataException("vernaux entry out of range");
                    uint nameOff = BinaryPrimitives.ReadUInt32LittleEndian(elf[(int)(aux + 8)..]);
                    if (NameEquals(strtab, nameOff, wanted))
                    {
                        var flags = elf.Slice((int)(aux + 4), 2);
                        ushort f = BinaryPrimitives.ReadUInt16LittleEndian(flags);
                        if ((f & VerFlagWeak) != 0)
                        {
                            if (result == Result.NotFound) result = Result.AlreadyWeak;
                        }
                        else
                        {
                            BinaryPrimitives.WriteUInt16LittleEndian(flags, (ushort)(f | VerFlagWeak));
                            result = Result.Patched;
                        }
                    }
                    uint next = BinaryPrimitives.ReadUInt32LittleEndian(elf[(int)(aux + 12)..]);
                    if (next == 0) break;
                    aux += next;
                }
                uint vnNext = BinaryPrimitives.ReadUInt32LittleEndian(elf[(int)(entry + 12)..]);
                if (vnNext == 0) break;
                entry += vnNext;
            }
        }
        return result;
    }

    private static bool NameEquals(ReadOnlySpan<byte> strtab, uint offset, ReadOnlySpan<byte> wanted)
    {
        if (offset + (uint)wanted.Length >= (uint)strtab.Length) return false;
        return strtab.Slice((int)offset, wanted.Length).SequenceEqual(wanted) && strtab[(int)offset + wanted.Length] == 0;
    }
}
