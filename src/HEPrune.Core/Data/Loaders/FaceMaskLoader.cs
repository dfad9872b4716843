using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using HEPrune.Core.IO;

namespace HEPrune.Core.Data.Loaders;

/// <summary>Loads the Face Mask Detection face crops (box-images.tar, box_labels.csv) in HETAL's split (hetal_split.csv).</summary>
/// <remarks>Crops keep their own sizes (RGB, ragged <see cref="ImageData"/>). When annotations.tar.gz is present the
/// boxes and labels of box_labels.csv are cross-checked against the Pascal-VOC XML files, in XML order.</remarks>
public static partial class FaceMaskLoader
{
    /// <summary>The class names by label (HETAL's mapping).</summary>
    public static IReadOnlyList<string> ClassNames { get; } = ["with_mask", "mask_weared_incorrect", "without_mask"];

    private const string BoxHeader = "box_index,image_file,object_index,xmin,ymin,xmax,ymax,crop_width,crop_height,class_name,label";
    private const string SplitHeader = "split,position,box_index,label";

    /// <summary>Loads the crops in <paramref name="dir"/> with HETAL's split, in <c>position</c> order.</summary>
    public static DatasetSplits Load(string dir, bool verifyAnnotations = true)
    {
        IReadOnlyList<FaceMaskBox> boxes = ReadBoxes(Path.Combine(dir, "box_labels.csv"));
        string annotations = Path.Combine(dir, "annotations.tar.gz");
        if (verifyAnnotations && File.Exists(annotations))
        {
            CrossCheck(boxes, ReadAnnotations(annotations), annotations);
        }

        int[][] order = ReadSplit(Path.Combine(dir, "hetal_split.csv"), boxes);
        var crops = ReadCrops(Path.Combine(dir, "box-images.tar"), boxes);
        var splits = new DataSplit[3];
        string[] names = ["train", "val", "test"];
        for (int s = 0; s < 3; s++)
        {
            int[] idx = order[s];
            var imgs = new List<(int, int, byte[])>(idx.Length);
            var y = new int[idx.Length];
            for (int i = 0; i < idx.Length; i++)
            {
                imgs.Add((boxes[idx[i]].Height, boxes[idx[i]].Width, crops[idx[i]]));
                y[i] = boxes[idx[i]].Label;
            }

            splits[s] = new DataSplit(names[s], y, ImageData.Ragged(imgs, 3), null, idx);
        }

        return new DatasetSplits(DatasetId.FaceMask, ClassNames, splits[0], splits[1], splits[2], dir);
    }

    /// <summary>Reads box_labels.csv, checking row order, crop sizes and the class-to-label mapping.</summary>
    public static IReadOnlyList<FaceMaskBox> ReadBoxes(string path)
    {
        CsvTable t = CsvTable.Read(path, BoxHeader);
        var boxes = new List<FaceMaskBox>(t.Rows.Count);
        for (int r = 0; r < t.Rows.Count; r++)
        {
            var b = new FaceMaskBox(t.Int(r, "box_index"), t.Text(r, "image_file"), t.Int(r, "object_index"),
                t.Int(r, "xmin"), t.Int(r, "ymin"), t.Int(r, "xmax"), t.Int(r, "ymax"), t.Text(r, "class_name"), t.Int(r, "label"));
            if (b.BoxIndex != r)
            {
                throw new DataFormatException(path, $"line {r + 2}: box_index {b.BoxIndex}, expected {r} (rows must be in box order)");
            }

            if (b.Width <= 0 || b.Height <= 0 || t.Int(r, "crop_width") != b.Width || t.Int(r, "crop_height") != b.Height)
            {
                throw new DataFormatException(path, $"line {r + 2}: crop size {t.Text(r, "crop_width")}×{t.Text(r, "crop_height")} does not match the box {b.XMin},{b.YMin},{b.XMax},{b.YMax}");
            }

            int expected = IndexOfClass(b.ClassName);
            if (expected < 0 || expected != b.Label)
            {
                throw new DataFormatException(path, $"line {r + 2}: class '{b.ClassName}' with label {b.Label} (expected {string.Join(", ", ClassNames.Select((c, i) => $"{c}={i}"))})");
            }

            boxes.Add(b);
        }

        return boxes;
    }

    /// <summary>Reads hetal_split.csv and returns the box indices of train, val and test in <c>position</c> order.</summary>
    public static int[][] ReadSplit(string path, IReadOnlyList<FaceMaskBox> boxes)
    {
        CsvTable t = CsvTable.Read(path, SplitHeader);
        var lists = new List<(int Pos, int Box)>[] { [], [], [] };
        var used = new bool[boxes.Count];
        for (int r = 0; r < t.Rows.Count; r++)
        {
            int s = t.Text(r, "split") switch
            {
                "train" => 0,
                "val" => 1,
                "test" => 2,
                string other => throw new DataFormatException(path, $"line {r + 2}: unknown split '{other}'"),
            };
            int box = t.Int(r, "box_index");
            if (box >= boxes.Count)
            {
                throw new DataFormatException(path, $"line {r + 2}: box_index {box} is outside the {boxes.Count} boxes of box_labels.csv");
            }

            if (used[box])
            {
                throw new DataFormatException(path, $"line {r + 2}: box {box} appears twice");
            }

            used[box] = true;
            if (t.Int(r, "label") != boxes[box].Label)
            {
                throw new DataFormatException(path, $"line {r + 2}: label {t.Text(r, "label")} for box {box}, but box_labels.csv says {boxes[box].Label}");
            }

            lists[s].Add((t.Int(r, "position"), box));
        }

        int missing = Array.IndexOf(used, false);
        if (missing >= 0)
        {
            throw new DataFormatException(path, $"box {missing} is in no split");
        }

        var result = new int[3][];
        for (int s = 0; s < 3; s++)
        {
            lists[s].Sort((a, b) => a.Pos.CompareTo(b.Pos));
            for (int i = 0; i < lists[s].Count; i++)
            {
                if (lists[s][i].Pos != i)
                {
                    throw new DataFormatException(path, $"positions of split {s} are not 0..{lists[s].Count - 1} (position {i} missing or repeated)");
                }
            }

            result[s] = lists[s].Select(p => p.Box).ToArray();
        }

        return result;
    }

    /// <summary>Decodes every <c>box-images/box{n}.png</c> of the tar to RGB and checks its size against the box table.</summary>
    public static byte[][] ReadCrops(string tarPath, IReadOnlyList<FaceMaskBox> boxes)
    {
        var crops = new byte[boxes.Count][];
        using FileStream fs = new(tarPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        try
        {
            using var reader = new TarReader(fs);
            var buffer = new MemoryStream();
            while (reader.GetNextEntry() is TarEntry entry)
            {
                if (entry.EntryType is TarEntryType.Directory)
                {
                    continue;
                }

                Match m = BoxName().Match(entry.Name);
                if (!m.Success)
                {
                    throw new DataFormatException(tarPath, $"unexpected member '{entry.Name}' (expected box-images/box<n>.png)");
                }

                int n = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                string member = $"{tarPath}[{entry.Name}]";
                if (n >= boxes.Count || crops[n] is not null)
                {
                    throw new DataFormatException(member, n >= boxes.Count ? $"box {n} is not in box_labels.csv" : "duplicate member");
                }

                buffer.SetLength(0);
                entry.DataStream?.CopyTo(buffer);
                PngImage img = Png.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), member);
                if (img.Width != boxes[n].Width || img.Height != boxes[n].Height)
                {
                    throw new DataFormatException(member, $"crop is {img.Width}×{img.Height} but box_labels.csv says {boxes[n].Width}×{boxes[n].Height}");
                }

                crops[n] = img.ToRgb();
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DataFormatException(tarPath, $"corrupt tar archive: {ex.Message}", ex);
        }

        int absent = Array.FindIndex(crops, c => c is null);
        if (absent >= 0)
        {
            throw new DataFormatException(tarPath, $"box-images/box{absent}.png is missing (truncated archive?)");
        }

        return crops;
    }

    /// <summary>Reads every object of the Pascal-VOC files in annotations.tar.gz, images in number order, objects in XML order.</summary>
    public static IReadOnlyList<FaceMaskBox> ReadAnnotations(string tarGzPath)
    {
        var perImage = new SortedDictionary<int, List<FaceMaskBox>>();
        using FileStream fs = new(tarGzPath, FileMode.Open, FileAccess.Read, FileShare.Read);
        try
        {
            using var gz = new GZipStream(fs, CompressionMode.Decompress);
            using var reader = new TarReader(gz);
            while (reader.GetNextEntry() is TarEntry entry)
            {
                if (entry.EntryType is TarEntryType.Directory)
                {
                    continue;
                }

                Match m = XmlName().Match(entry.Name);
                if (!m.Success)
                {
                    throw new DataFormatException(tarGzPath, $"unexpected member '{entry.Name}'");
                }

                int img = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
                perImage[img] = ParseVoc(entry.DataStream!, $"{tarGzPath}[{entry.Name}]", $"maksssksksss{img}.png");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or EndOfStreamException)
        {
            throw new DataFormatException(tarGzPath, $"corrupt annotations archive: {ex.Message}", ex);
        }

        var all = new List<FaceMaskBox>();
        int expect = 0;
        foreach (var (img, objs) in perImage)
        {
            if (img != expect)
            {
                throw new DataFormatException(tarGzPath, $"annotation maksssksksss{expect}.xml is missing");
            }

            expect++;
            foreach (FaceMaskBox b in objs)
            {
                all.Add(b with { BoxIndex = all.Count });
            }
        }

        return all;
    }

    private static List<FaceMaskBox> ParseVoc(Stream xml, string source, string imageFile)
    {
        XDocument doc;
        try
        {
            using var xr = XmlReader.Create(xml, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit });
            doc = XDocument.Load(xr);
        }
        catch (XmlException ex)
        {
            throw new DataFormatException(source, $"invalid XML: {ex.Message}", ex);
        }

        string? fileName = doc.Root?.Element("filename")?.Value;
        if (doc.Root?.Name != "annotation" || fileName != imageFile)
        {
            throw new DataFormatException(source, $"expected <annotation> for {imageFile}, found <{doc.Root?.Name}> for '{fileName}'");
        }

        var boxes = new List<FaceMaskBox>();
        foreach (XElement obj in doc.Root.Elements("object"))
        {
            string name = obj.Element("name")?.Value ?? throw new DataFormatException(source, "object without <name>");
            XElement bb = obj.Element("bndbox") ?? throw new DataFormatException(source, "object without <bndbox>");
            int Coord(string tag) => int.TryParse(bb.Element(tag)?.Value, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out int v)
                ? v
                : throw new DataFormatException(source, $"object {boxes.Count}: <{tag}> is missing or not an integer");
            int label = IndexOfClass(name);
            if (label < 0)
            {
                throw new DataFormatException(source, $"object {boxes.Count}: unknown class '{name}'");
            }

            boxes.Add(new FaceMaskBox(-1, imageFile, boxes.Count, Coord("xmin"), Coord("ymin"), Coord("xmax"), Coord("ymax"), name, label));
        }

        return boxes;
    }

    /// <summary>Checks that the box table equals the boxes read from the annotations, one for one and in order.</summary>
    public static void CrossCheck(IReadOnlyList<FaceMaskBox> table, IReadOnlyList<FaceMaskBox> annotations, string annotationsPath)
    {
        if (table.Count != annotations.Count)
        {
            throw new DataFormatException(annotationsPath, $"{annotations.Count} objects in the annotations but {table.Count} rows in box_labels.csv");
        }

        for (int i = 0; i < table.Count; i++)
        {
            if (table[i] != annotations[i])
            {
                throw new DataFormatException(annotationsPath, $"box {i} differs: box_labels.csv has {table[i]}, the annotations have {annotations[i]}");
            }
        }
    }

    private static int IndexOfClass(string name)
    {
        for (int i = 0; i < ClassNames.Count; i++)
        {
            if (ClassNames[i] == name)
            {
                return i;
            }
        }

        return -1;
    }

    [GeneratedRegex(@"^(?:\./)?box-images/box(\d+)\.png$")]
    private static partial Regex BoxName();

    [GeneratedRegex(@"^(?:\./)?annotations/maksssksksss(\d+)\.xml$")]
    private static partial Regex XmlName();
}
